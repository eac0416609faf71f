using Sitrep.Attributes;
using Sitrep.Text;

namespace Sitrep.Store;

/// <summary>
/// Where Sitrep keeps articles and what it learned from them. One interface, two backends
/// (<see cref="SqliteEventStore"/>, <see cref="PostgresEventStore"/>) sharing the same schema and SQL.
/// Every write is all-or-nothing per batch: an article is either fully stored or absent.
/// </summary>
public interface IEventStore : IDisposable
{
    /// <summary>Human-readable location ("sitrep.db", "postgres://host:5432/db") for messages.</summary>
    string Location { get; }

    /// <summary>Schema version the database is at after opening.</summary>
    int SchemaVersion { get; }

    /// <summary>True when an article with this id and content hash is already stored (ingest skips it).</summary>
    bool Contains(string articleId, string contentHash);

    /// <summary>The stored content hash of each of these articles that is stored (one round trip per 500 ids).</summary>
    IReadOnlyDictionary<string, string> ContentHashes(IReadOnlyList<string> articleIds);

    /// <summary>
    /// Stores a batch of results in one transaction. An article already stored with the same content
    /// hash is skipped; one stored with a different hash has all its rows replaced.
    /// </summary>
    WriteSummary Write(IReadOnlyList<ArticleResult> results);

    /// <summary>
    /// Stores flags found after their articles were written (contradictions across a run), each
    /// under its <see cref="Flag.ArticleId"/>, in one transaction; returns how many were new.
    /// Flags whose article is not stored, or that are stored already, are skipped.
    /// </summary>
    int AddFlags(IReadOnlyList<Flag> flags);

    /// <summary>Events matching <paramref name="query"/>, ordered by event date, article id, position.</summary>
    IEnumerable<StoredEvent> Events(EventQuery query);

    StoredArticle? Article(string id);

    IReadOnlyList<Figure> Figures(string articleId);

    IReadOnlyList<Flag> Flags(string articleId);

    StoreStats Stats(int top);
}

/// <summary>What one <see cref="IEventStore.Write"/> call did.</summary>
public readonly record struct WriteSummary(int Stored, int Replaced, int Unchanged, int Events, int Figures, int Flags)
{
    public WriteSummary Add(WriteSummary o) =>
        new(Stored + o.Stored, Replaced + o.Replaced, Unchanged + o.Unchanged, Events + o.Events, Figures + o.Figures, Flags + o.Flags);
}

/// <summary>An article row: metadata, the normalised text every offset refers to, and its size.</summary>
public sealed record StoredArticle(
    string Id,
    string? Title,
    string? Url,
    string? Outlet,
    DateTimeOffset? Published,
    string Language,
    string? Origin,
    string ContentHash,
    string Text,
    int BodyStart,
    int Sentences,
    int Tokens);

/// <summary>An event as read back: the full record plus what exports need from its article.</summary>
public sealed record StoredEvent(
    EventRecord Record,
    string SentenceText,
    TextSpan SentenceSpan,
    /// <summary>The event's own start date, else the article's publication date.</summary>
    DateOnly? EventDate,
    string? Title,
    string? Url,
    string? Outlet,
    DateTimeOffset? Published)
{
    public string Id => Record.Event.Id;
    public string ArticleId => Record.Event.ArticleId;
}

/// <summary>Filters for <see cref="IEventStore.Events"/>; null means "any".</summary>
public sealed record EventQuery
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>PLOVER event type, e.g. "ASSAULT" (case-insensitive).</summary>
    public string? PloverType { get; init; }
    /// <summary>CAMEO code prefix: "19" matches 190..196x.</summary>
    public string? CameoPrefix { get; init; }
    /// <summary>Source or target actor code prefix ("RUS" matches RUSMIL) or actor country.</summary>
    public string? Actor { get; init; }
    /// <summary>ISO alpha-3 country of the source, target or place.</summary>
    public string? Country { get; init; }
    /// <summary>Substring of the place name, admin1 or the place's country code.</summary>
    public string? Location { get; init; }
    public string? Certainty { get; init; }
    /// <summary>Case-insensitive substring of the event's sentence.</summary>
    public string? Text { get; init; }
    public string? ArticleId { get; init; }
    public string? EventId { get; init; }
    public int? Limit { get; init; }
}

/// <summary>Counts for `sitrep stats`.</summary>
public sealed record StoreStats(
    long Articles,
    long Sentences,
    long Events,
    long Figures,
    long Flags,
    IReadOnlyList<KeyValuePair<string, long>> ByPloverType,
    IReadOnlyList<KeyValuePair<string, long>> ByCountry,
    IReadOnlyList<KeyValuePair<string, long>> ByCertainty,
    IReadOnlyList<KeyValuePair<string, long>> ByOutlet,
    IReadOnlyList<KeyValuePair<string, long>> ByMonth);
