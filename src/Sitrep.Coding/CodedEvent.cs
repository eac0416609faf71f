using Sitrep.Text;

namespace Sitrep.Coding;

/// <summary>
/// An actor as mentioned in the text. <see cref="Code"/> is the full CAMEO-style actor code
/// (country + sectors, e.g. "RUSMIL"); it is null for a named actor no dictionary knows, which
/// is still reported with its text and <see cref="Kind"/>.
/// </summary>
public sealed record ActorMention(
    TextSpan Span,
    string Text,
    string? Code,
    string? Country,
    IReadOnlyList<string> Sectors,
    string Kind,
    string? DictionaryEntry);

/// <summary>
/// One coded event: who did what to whom, in which sentence, and why the coder thinks so.
/// The id is a stable hash of article id, sentence index, trigger span and CAMEO code.
/// </summary>
public sealed record CodedEvent(
    string Id,
    string ArticleId,
    int Sentence,
    TextSpan Trigger,
    string TriggerText,
    string CameoCode,
    string CameoLabel,
    int QuadClass,
    double Goldstein,
    string PloverType,
    string? PloverMode,
    ActorMention? Source,
    ActorMention? Target,
    bool Negated,
    /// <summary>Null when asserted; otherwise "intend", "threaten", "future", "demand", ...</summary>
    string? Modality,
    /// <summary>Who the sentence says reported it ("X said that ..."), outermost first.</summary>
    IReadOnlyList<ActorMention> ReportedBy,
    /// <summary>Human-readable trace: dictionary entries (file:line) and dependency paths.</summary>
    IReadOnlyList<string> Why);

/// <summary>
/// A place the text names and the country it lies in, found by a gazetteer the coder does not own
/// (the attributes stage's). <see cref="Locative"/>: named after a locative or movement preposition
/// ("in Beledweyne", "moved to Kursk"); only those are used, as a bare capitalised word that is a
/// town somewhere is as often a surname ("Rubio said").
/// </summary>
public readonly record struct NamedPlace(TextSpan Span, string Country, bool Locative);
