using System.Collections.Frozen;

namespace Sitrep.Ingest;

/// <summary>How an input is read. <see cref="Auto"/> detects it from the extension, then the content.</summary>
public enum InputFormat
{
    Auto,
    /// <summary>One plain-text article per file.</summary>
    Text,
    /// <summary>JSON Lines: one article object per line, streamed.</summary>
    Jsonl,
    /// <summary>A JSON document: an array of article objects, or one (pretty-printed) object.</summary>
    Json,
    /// <summary>One HTML article page per file.</summary>
    Html,
    /// <summary>An RSS 2.0, RSS 1.0 (RDF) or Atom feed: one article per item/entry.</summary>
    Feed,
}

/// <summary>How a plain-text file's title is found.</summary>
public enum TitleMode
{
    /// <summary>The first line is the title when a blank line follows it (the usual "headline, blank line, body" layout).</summary>
    Auto,
    /// <summary>The first non-empty line is always the title.</summary>
    FirstLine,
    /// <summary>No title: the whole file is the body.</summary>
    None,
}

/// <summary>The article fields a JSON Lines record is mapped to.</summary>
public enum ArticleField
{
    Id,
    Title,
    Text,
    Url,
    Published,
    Outlet,
}

/// <summary>
/// Options for <see cref="InputReader"/>. Metadata given here (<see cref="Published"/>,
/// <see cref="Outlet"/>, <see cref="Url"/>) fills in what an input does not say itself; what the input
/// says (a JSONL "published" field, an HTML meta tag, a feed's pubDate) wins.
/// </summary>
public sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    /// <summary>Default JSONL field names, tried in order. Dotted names ("meta.date") reach into nested objects.</summary>
    public static FrozenDictionary<ArticleField, string[]> DefaultFields { get; } = new Dictionary<ArticleField, string[]>
    {
        [ArticleField.Id] = ["id", "_id", "doc_id", "guid"],
        [ArticleField.Title] = ["title", "headline"],
        [ArticleField.Text] = ["text", "body", "content", "article", "maintext"],
        [ArticleField.Url] = ["url", "link", "source_url"],
        [ArticleField.Published] = ["published", "date", "published_at", "publish_date", "date_publish", "datePublished", "pubDate", "timestamp"],
        [ArticleField.Outlet] = ["source", "outlet", "publisher", "source_domain", "site_name"],
    }.ToFrozenDictionary();

    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>Publication time for inputs that do not carry one.</summary>
    public DateTimeOffset? Published { get; init; }

    public string? Outlet { get; init; }

    public string? Url { get; init; }

    /// <summary>
    /// Article id for inputs that do not carry one. Several articles get "id", "id-2", "id-3"...
    /// Without it, ids come from the input (JSONL id, feed guid) or else from the content hash.
    /// </summary>
    public string? Id { get; init; }

    public string Language { get; init; } = "en";

    /// <summary>
    /// Encoding of inputs without a BOM or declared charset (e.g. windows-1252 for a legacy text
    /// archive); null reads them as UTF-8, replacing invalid bytes with U+FFFD and warning.
    /// </summary>
    public System.Text.Encoding? Encoding { get; init; }

    public TitleMode Title { get; init; } = TitleMode.Auto;

    /// <summary>JSONL field overrides: the field is read from this name only (e.g. Text = "content").</summary>
    public IReadOnlyDictionary<ArticleField, string> Fields { get; init; } = new Dictionary<ArticleField, string>();

    /// <summary>
    /// Largest JSONL line or single text/HTML/feed file read, in bytes. A larger record is skipped
    /// with an error (streamed past without buffering), so memory stays bounded on any input.
    /// </summary>
    public long MaxRecordBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>The JSONL names tried for <paramref name="field"/>.</summary>
    public IReadOnlyList<string> NamesFor(ArticleField field) =>
        Fields.TryGetValue(field, out var name) ? [name] : DefaultFields[field];

    /// <summary>Parses a "--field" value such as "text=content" or "published=meta.date".</summary>
    public static bool TryParseField(string spec, out ArticleField field, out string name, out string? error)
    {
        field = default;
        name = "";
        var eq = spec.IndexOf('=');
        if (eq <= 0 || eq == spec.Length - 1)
        {
            error = $"expected FIELD=NAME (e.g. text=content), got '{spec}'";
            return false;
        }
        if (!Enum.TryParse(spec[..eq].Trim(), ignoreCase: true, out field) || !Enum.IsDefined(field))
        {
            error = $"unknown field '{spec[..eq]}'; expected one of {string.Join(", ", Enum.GetNames<ArticleField>().Select(n => n.ToLowerInvariant()))}";
            return false;
        }
        name = spec[(eq + 1)..].Trim();
        error = null;
        return true;
    }
}
