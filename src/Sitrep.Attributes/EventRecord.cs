using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>A resolved time expression. Start/End are inclusive calendar dates.</summary>
public sealed record DateAttribute(
    TextSpan? Span,
    string? Text,
    DateOnly? Start,
    DateOnly? End,
    /// <summary>"day", "week", "month", "year".</summary>
    string Granularity,
    /// <summary>"exact", "approximate", "range", "unresolved".</summary>
    string Kind,
    /// <summary>How it was attached: "syntax", "sentence", "publication".</summary>
    string AttachedBy,
    IReadOnlyList<string> Reason);

/// <summary>A resolved place from the shipped gazetteer.</summary>
public sealed record PlaceAttribute(
    TextSpan? Span,
    string Name,
    /// <summary>ISO 3166-1 alpha-3, as CAMEO uses.</summary>
    string? Country,
    string? Admin1,
    /// <summary>"country", "admin1", "city".</summary>
    string Kind,
    double? Latitude,
    double? Longitude,
    long? GeoNamesId,
    /// <summary>How it was attached: "syntax", "sentence", "article".</summary>
    string AttachedBy);

/// <summary>
/// A count in the text ("about 1,200 arrests"). Low/High bound it; exact counts have Low == High.
/// </summary>
public sealed record Quantity(
    TextSpan Span,
    string Text,
    long? Low,
    long? High,
    /// <summary>"exact", "approximate", "at_least", "at_most", "range", "vague".</summary>
    string Precision,
    /// <summary>"killed", "wounded", "arrested", "mobilized", "displaced", "protesters", "missing", "captured", "personnel", "other".</summary>
    string Category,
    /// <summary>The counted noun ("soldiers", "arrests").</summary>
    string? Counted);

/// <summary>Who says so. <see cref="Within"/> holds the report this one is quoted in, if any.</summary>
public sealed record Attribution(
    ActorMention Source,
    /// <summary>"according_to", "per", "said", "told", "reported", "claimed", "citing", "estimates", "quote".</summary>
    string Cue,
    TextSpan CueSpan,
    Attribution? Within);

/// <summary>Certainty values, strongest claim first.</summary>
public static class Certainty
{
    public const string Asserted = "asserted";
    public const string Reported = "reported";
    public const string Claimed = "claimed";
    public const string Unverified = "unverified";
    public const string Denied = "denied";
    public const string Negated = "negated";
    public const string Hypothetical = "hypothetical";
    public const string Intended = "intended";
}

public sealed record EventAttributes(
    DateAttribute? When,
    PlaceAttribute? Where,
    IReadOnlyList<Quantity> Quantities,
    IReadOnlyList<Attribution> Attributions,
    string Certainty,
    IReadOnlyList<string> CertaintyReason);

/// <summary>A coded event with its attributes: what the store keeps and the CLI prints.</summary>
public sealed record EventRecord(CodedEvent Event, EventAttributes Attributes);

/// <summary>
/// A stand-alone figure ("159,090 military personnel lost, per Ukraine's MoD"): a quantity
/// not tied to one event, with victims, time reference and source.
/// </summary>
public sealed record Figure(
    string Id,
    string ArticleId,
    int Sentence,
    Quantity Quantity,
    ActorMention? Victims,
    /// <summary>True when the figure is a running total ("a total of", "since").</summary>
    bool Cumulative,
    DateAttribute? AsOf,
    IReadOnlyList<Attribution> Attributions,
    string Certainty);

/// <summary>A contradiction: two spans that state the same date or figure incompatibly.</summary>
public sealed record Flag(
    string Id,
    /// <summary>"date_contradiction", "figure_contradiction", "cross_article_figure".</summary>
    string Kind,
    string ArticleId,
    TextSpan First,
    string FirstText,
    string? OtherArticleId,
    TextSpan Second,
    string SecondText,
    string Reason);

/// <summary>Everything the pipeline learned from one article.</summary>
public sealed record ArticleResult(
    Doc Doc,
    IReadOnlyList<EventRecord> Events,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<Flag> Flags);
