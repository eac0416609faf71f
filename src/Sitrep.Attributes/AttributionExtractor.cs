using System.Text.RegularExpressions;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>An attribution with the stretch of text it covers (its sentence, or a quotation).</summary>
internal sealed record AttributionMention(Attribution Attribution, int Sentence, TextSpan Scope, bool InnerOnly);

/// <summary>
/// Finds who says so: "according to X", "per X", "X said/told/reported/claimed", "citing X",
/// "X's estimates", "shared by X", and quotations with their speaker; nests reports that quote
/// reports ("X reported, citing Y" gives Y within X).
/// </summary>
internal static partial class AttributionExtractor
{
    private const string SourceTail = @"(?<src>[^,.;:!?""“”()\n–—]+?)(?=\s*(?:[,.;:!?""“”()\n–—]|\bthat\b|\bwho\b|\bwhich\b|$))";

    [GeneratedRegex(@"\b(?<cue>[Aa]ccording\s+to)\s+" + SourceTail)]
    private static partial Regex AccordingTo();

    [GeneratedRegex(@"\b(?<cue>per)\s+(?=(?:the\s+)?\p{Lu})" + SourceTail)]
    private static partial Regex Per();

    [GeneratedRegex(@"\b(?<cue>[Cc]iting|[Qq]uoting)\s+" + SourceTail)]
    private static partial Regex Citing();

    [GeneratedRegex(@"\b(?<cue>(?:shared|posted|published|broadcast|aired|released|circulated)\s+by)\s+" + SourceTail)]
    private static partial Regex SharedBy();

    [GeneratedRegex(@"(?<src>(?:the\s+)?\p{Lu}[\p{L}\p{M}\.\-]*(?:['’]s)?(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}\p{M}\.\-]*)*)(?:'s|’s)\s+(?<cue>estimates?|figures|tally|count|data|report|statement)\b")]
    private static partial Regex PossessiveEstimate();

    [GeneratedRegex(@"\b(?<verb>said|says|say|told|tells|reported|reports|claimed|claims|claim|stated|states|announced|announces|added|adds|wrote|writes|confirmed|confirms|estimated|estimates|estimate|alleged|alleges|insisted|insists|warned|warns|denied|denies|deny|noted|notes|explained|continued|posted|tweeted|declared|acknowledged|admitted|asserted|maintained|maintains|recounted|described|describe)\b")]
    private static partial Regex SpeechVerb();

    [GeneratedRegex(@"^(?:estimates?|figures|data|statistics|a\s+statement|statements|a\s+report|reports?|an?\s+(?:tally|count|estimate|post|video|assessment|analysis)|the\s+(?:latest\s+)?(?:figures|data|tally|count|estimates?|statement|report))\s+(?:from|by|of|released\s+by|published\s+by|issued\s+by)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex SourceNounPrefix();

    private static readonly HashSet<string> Boundary = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "which", "who", "and", "but", "because", "while", "when", "after", "as", "if", "where", "so", "then", "though", "although",
    };

    private static readonly HashSet<string> Skippable = new(StringComparer.OrdinalIgnoreCase)
    {
        "has", "have", "had", "also", "later", "earlier", "previously", "reportedly", "repeatedly", "publicly", "separately", "initially", "further", "then", "first", "again", "had", "already", "also,",
    };

    private static readonly HashSet<string> GroupSpeakers = new(StringComparer.OrdinalIgnoreCase)
    {
        "police", "officials", "witnesses", "residents", "authorities", "analysts", "experts", "sources", "prosecutors", "investigators", "doctors", "medics", "rescuers", "activists", "diplomats", "lawmakers",
    };

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "they", "it", "we", "i" };

    public static List<AttributionMention> Extract(Doc doc, IActorResolver actors)
    {
        var text = doc.Text;
        var found = new List<(int Sentence, int CuePos, Attribution A, string Kind)>();
        ActorMention? lastSource = null;
        for (var si = 0; si < doc.Sentences.Length; si++)
        {
            var sent = doc.Sentences[si];
            var stext = text[sent.Start..sent.End];
            var local = new List<(int CuePos, Attribution A, string Kind)>();
            void Add(Match m, string cue, string kind, Group src)
            {
                var start = sent.Start + src.Index;
                var value = src.Value;
                var prefix = SourceNounPrefix().Match(value);
                if (prefix.Success)
                {
                    start += prefix.Length;
                    value = value[prefix.Length..];
                }
                var trimmed = value.TrimEnd();
                if (trimmed.Length == 0 || trimmed.Split(' ').Length > 12)
                {
                    return;
                }
                var span = new TextSpan(start, start + trimmed.Length);
                var actor = Actor(doc, actors, span, ref lastSource);
                var cueGroup = m.Groups["cue"].Success ? m.Groups["cue"] : m.Groups["verb"];
                var cueSpan = new TextSpan(sent.Start + cueGroup.Index, sent.Start + cueGroup.Index + cueGroup.Length);
                if (local.Any(l => l.A.Source.Span.Overlaps(span)))
                {
                    return;
                }
                local.Add((cueSpan.Start, new Attribution(actor, cue, cueSpan, null), kind));
            }
            foreach (Match m in AccordingTo().Matches(stext))
            {
                Add(m, "according_to", "plain", m.Groups["src"]);
            }
            foreach (Match m in Per().Matches(stext))
            {
                Add(m, "per", "plain", m.Groups["src"]);
            }
            foreach (Match m in Citing().Matches(stext))
            {
                Add(m, "citing", "citing", m.Groups["src"]);
            }
            foreach (Match m in SharedBy().Matches(stext))
            {
                Add(m, "shared_by", "carrier", m.Groups["src"]);
            }
            // The possessive pattern backtracks over every capitalised run: only try it when a cue noun follows an 's.
            IEnumerable<Match> possessive = HasPossessiveCue(stext) ? PossessiveEstimate().Matches(stext) : [];
            foreach (var m in possessive)
            {
                Add(m, "estimates", "plain", m.Groups["src"]);
            }
            foreach (Match m in SpeechVerb().Matches(stext))
            {
                var at = new TextSpan(sent.Start + m.Index, sent.Start + m.Index + m.Length);
                if (local.Any(l => l.A.CueSpan.Overlaps(at) || l.A.Source.Span.Overlaps(at)) || NounUse(stext, m.Index))
                {
                    continue;
                }
                var subject = Subject(stext, m.Index, m.Index + m.Length);
                if (subject is { } sub)
                {
                    var verb = m.Groups["verb"].Value;
                    var cue = verb switch
                    {
                        "told" or "tells" => "told",
                        "reported" or "reports" => "reported",
                        "claimed" or "claims" or "claim" or "alleged" or "alleges" or "insisted" or "insists" or "maintained" or "maintains" => "claimed",
                        "estimated" or "estimates" or "estimate" => "estimates",
                        "denied" or "denies" or "deny" => "denied",
                        _ => "said",
                    };
                    AddSpan(doc, actors, sent, local, m, cue, sub.Start, sub.Value, ref lastSource);
                }
            }
            local.Sort((a, b) => a.CuePos.CompareTo(b.CuePos));
            foreach (var l in local)
            {
                if (!Pronouns.Contains(l.A.Source.Text) && l.Kind == "speech")
                {
                    lastSource = l.A.Source;
                }
                found.Add((si, l.CuePos, l.A, l.Kind));
            }
        }

        // Nesting within a sentence: "citing Y" is inside the report before it; a speech shared by X is inside X.
        var result = new List<AttributionMention>();
        var bySentence = found.GroupBy(f => f.Sentence);
        foreach (var group in bySentence)
        {
            var items = group.ToList();
            var sent = doc.Sentences[group.Key];
            var carrier = items.FirstOrDefault(i => i.Kind == "carrier").A;
            var inner = new HashSet<int>();
            for (var i = 0; i < items.Count; i++)
            {
                var (s, pos, a, kind) = items[i];
                Attribution? within = null;
                if (kind == "citing")
                {
                    for (var j = i - 1; j >= 0; j--)
                    {
                        if (items[j].Kind != "citing")
                        {
                            within = items[j].A;
                            inner.Add(j);
                            break;
                        }
                    }
                }
                else if (kind != "carrier" && carrier is not null)
                {
                    within = carrier;
                }
                if (within is not null)
                {
                    items[i] = (s, pos, a with { Within = within }, kind);
                }
            }
            for (var i = 0; i < items.Count; i++)
            {
                // The outer report of a citation and a carrier used by a speech are reached through Within.
                var isInner = inner.Contains(i) || (items[i].Kind == "carrier" && items.Count > 1);
                result.Add(new AttributionMention(items[i].A, group.Key, new TextSpan(sent.Start, sent.End), isInner));
            }
        }

        // Quotations: the words inside a quote belong to the speaker named next to it, across sentences.
        foreach (var (qs, qe) in Quotes(text))
        {
            var endSentence = TextUtil.SentenceAt(doc, Math.Max(qs, qe - 1));
            var startSentence = TextUtil.SentenceAt(doc, qs);
            AttributionMention? speaker = null;
            foreach (var r in result)
            {
                if (r.Sentence != endSentence && r.Sentence != startSentence)
                {
                    continue;
                }
                if (r.Attribution.Cue is "per" or "according_to" or "citing" or "shared_by" || r.Attribution.Source.Span.Overlaps(new TextSpan(qs, qe)))
                {
                    continue;
                }
                var cue = r.Attribution.CueSpan;
                var near = (cue.Start >= qe && cue.Start - qe < 80 && r.Sentence == endSentence) || (cue.End <= qs && qs - cue.End < 40 && r.Sentence == startSentence);
                if (near && (speaker is null || Math.Abs(cue.Start - qe) < Math.Abs(speaker.Attribution.CueSpan.Start - qe)))
                {
                    speaker = r;
                }
            }
            if (speaker is not null)
            {
                var a = speaker.Attribution with { Cue = "quote" };
                result.Add(new AttributionMention(a, startSentence, new TextSpan(qs, qe), false));
            }
        }
        return result;
    }

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "to", "the", "a", "an", "of", "from", "his", "her", "their", "its", "these", "those", "new", "latest", "official", "such", "by", "in", "with", "'s", "’s", "media", "news", "unconfirmed", "initial",
    };

    /// <summary>"estimates from", "the reports": a speech-verb form used as a noun.</summary>
    private static bool NounUse(string s, int verbStart)
    {
        var j = verbStart - 1;
        while (j >= 0 && s[j] == ' ')
        {
            j--;
        }
        var end = j + 1;
        while (j >= 0 && (char.IsLetter(s[j]) || s[j] is '\'' or '’'))
        {
            j--;
        }
        var prev = s[(j + 1)..end];
        return Determiners.Contains(prev) || prev.EndsWith("'s", StringComparison.Ordinal) || prev.EndsWith("’s", StringComparison.Ordinal);
    }

    private static readonly string[] PossessiveCues = ["s estimate", "s figures", "s tally", "s count", "s data", "s report", "s statement"];

    private static bool HasPossessiveCue(string s)
    {
        foreach (var cue in PossessiveCues)
        {
            if (s.Contains(cue, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static void AddSpan(Doc doc, IActorResolver actors, SentenceData sent, List<(int CuePos, Attribution A, string Kind)> local, Match verb, string cue, int index, string value, ref ActorMention? lastSource)
    {
        var start = sent.Start + index;
        var span = new TextSpan(start, start + value.Length);
        if (local.Any(l => l.A.Source.Span.Overlaps(span)))
        {
            return;
        }
        var actor = Actor(doc, actors, span, ref lastSource);
        var cueSpan = new TextSpan(sent.Start + verb.Index, sent.Start + verb.Index + verb.Length);
        local.Add((cueSpan.Start, new Attribution(actor, cue, cueSpan, null), "speech"));
    }

    private static ActorMention Actor(Doc doc, IActorResolver actors, TextSpan span, ref ActorMention? lastSource)
    {
        var text = span.Of(doc.Text);
        if (Pronouns.Contains(text) && lastSource is not null)
        {
            // A pronoun speaker is the last named source: the usual "..., she said" after a named speaker.
            return lastSource with { Span = span, Text = text, DictionaryEntry = "pronoun -> " + lastSource.Text };
        }
        var resolved = actors.Resolve(doc, span);
        if (resolved is not null)
        {
            return resolved;
        }
        var kind = text.Length > 0 && char.IsUpper(text[0]) ? "named" : "person";
        return new ActorMention(span, text, null, null, [], kind, null);
    }

    /// <summary>The subject of a speech verb: the words before it up to a clause boundary, or after it ("..., said X").</summary>
    private static (int Start, string Value)? Subject(string s, int verbStart, int verbEnd)
    {
        var words = new List<(int Start, int End)>();
        var i = verbStart;
        while (true)
        {
            var j = i - 1;
            while (j >= 0 && s[j] == ' ')
            {
                j--;
            }
            if (j > 0 && s[j] == ',' && words.Count == 0)
            {
                // "Chaudhry, director general of military public relations, said": the name before the appositive.
                var prevComma = s.LastIndexOf(',', j - 1);
                if (prevComma > 0 && s.LastIndexOf(',', prevComma - 1) < 0)
                {
                    var name = s[..prevComma].Trim();
                    if (name.Length > 0 && char.IsUpper(name[0]) && name.Split(' ').Length <= 5)
                    {
                        return (s.IndexOf(name, StringComparison.Ordinal), name);
                    }
                }
            }
            if (j < 0 || !(char.IsLetterOrDigit(s[j]) || s[j] is '.' or '\'' or '’' or '-' or '[' or ']'))
            {
                break;
            }
            var end = j + 1;
            while (j >= 0 && (char.IsLetterOrDigit(s[j]) || s[j] is '.' or '\'' or '’' or '-' or '[' or ']'))
            {
                j--;
            }
            var w = s[(j + 1)..end];
            if (Boundary.Contains(w))
            {
                break;
            }
            if (words.Count == 0 && Skippable.Contains(w))
            {
                i = j + 1;
                continue;
            }
            words.Add((j + 1, end));
            i = j + 1;
            if (words.Count > 10)
            {
                return null;
            }
        }
        if (words.Count > 0)
        {
            var start = words[^1].Start;
            var value = s[start..words[0].End];
            // A lowercase non-pronoun single word ("video showed") is not a speaker.
            if (words.Count == 1 && char.IsLower(value[0]) && !Pronouns.Contains(value) && !GroupSpeakers.Contains(value))
            {
                return null;
            }
            return (start, value);
        }
        // Inverted: '"...," said Ahmed Khan, a spokesman.'
        var rest = s[verbEnd..];
        var mm = Regex.Match(rest, @"^\s+(?<x>(?:the\s+)?\p{Lu}[^,.;:!?""“”()]*)");
        if (mm.Success)
        {
            var g = mm.Groups["x"];
            return (verbEnd + g.Index, g.Value.TrimEnd());
        }
        return null;
    }

    /// <summary>Quotation spans (inside the quote marks): curly pairs, and straight quotes paired in order.</summary>
    internal static List<(int Start, int End)> Quotes(string text)
    {
        var result = new List<(int, int)>();
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '“' || (c == '"' && open < 0))
            {
                open = i + 1;
            }
            else if ((c == '”' || c == '"') && open >= 0)
            {
                if (i - open > 1)
                {
                    result.Add((open, i));
                }
                open = -1;
            }
        }
        return result;
    }
}
