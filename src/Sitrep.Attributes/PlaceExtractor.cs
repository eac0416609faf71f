using System.Text.RegularExpressions;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>A gazetteer match in the text with its chosen reading and the reason for the choice.</summary>
internal sealed record PlaceMention(TextSpan Span, string Text, int Sentence, GazetteerEntry Entry, bool Locative, string Why)
{
    public PlaceAttribute ToAttribute(Gazetteer gaz, string attachedBy) => new(
        Span, Entry.Name, Entry.Country, Entry.Admin1 is { } a ? gaz.Admin1(a)?.Name ?? a : null,
        Entry.KindName, Entry.Latitude, Entry.Longitude,
        Entry.Kind == 'P' && long.TryParse(Entry.Id, out var id) ? id : null, attachedBy);
}

/// <summary>
/// Finds place names by longest match of capitalised word runs against the gazetteer, then picks
/// one reading per name using the article's other places (Georgia the country vs the US state).
/// </summary>
internal static partial class PlaceExtractor
{
    [GeneratedRegex(@"[\p{L}\p{M}]+(?:[’'\.\-][\p{L}\p{M}]+)*\.?")]
    private static partial Regex WordRegex();

    // Optionally a possessive place and up to two adjectives ("in Pakistan's restive southwestern"), a
    // capitalised adjective ("the Somali city of") and place nouns, right before the place name.
    private const string PlaceLead = @"(?:the\s+)?(?:\p{Lu}[\p{L}\-]+(?:'s|’s)\s+(?:[a-z\-]+\s+){0,2})?(?:\p{Lu}[\p{L}]+\s+(?=(?:city|town|village|region|province|capital|port|district|state)\b))?(?:(?:northern|southern|eastern|western|central|northeastern|northwestern|southeastern|southwestern|north|south|east|west|restive|capital|city|town|village|region|province|port|border|district|state|of)\s+)*$";

    // A locative preposition before the place.
    [GeneratedRegex(@"\b(?:in|at|near|outside|inside|across|around|throughout|within|into)\s+" + PlaceLead)]
    private static partial Regex LocativeBefore();

    // A movement's destination is where it happens: "troops moved to Kursk", "were deployed to the border region of".
    [GeneratedRegex(@"\b(?:mov(?:e|ed|es|ing)|(?:re)?deploy(?:ed|s|ing)?|sen(?:t|d|ds|ding)|advanc(?:e|ed|es|ing)|arriv(?:e|ed|es|ing)|travel(?:l?ed|s|l?ing)?|fl(?:ew|y|ies|ying)|head(?:ed|s|ing)|march(?:ed|es|ing)?|return(?:ed|s|ing)?|dispatch(?:ed|es|ing)?|relocat(?:e|ed|es|ing)|transferr?(?:ed|s|ing)?)(?:\s+[\p{L}\-']+){0,4}?\s+(?:to|towards?)\s+" + PlaceLead)]
    private static partial Regex DestinationBefore();

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "the", "de", "al", "and", "la", "el", "du", "des", "di", "da", "upon", "on", "au" };
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "President", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Gen", "Gen.", "General", "Minister", "Senator", "Sen.", "Rep.", "Governor", "Gov.", "King", "Prince", "Pope", "Judge", "Colonel", "Col.", "Captain", "Lt.", "Sgt.", "Saint", "St.", "Lake", "Mount", "River",
    };

    private readonly record struct Word(int Start, int End, bool Upper, bool Possessive);

    public static List<PlaceMention> Extract(Doc doc, Gazetteer gaz)
    {
        var text = doc.Text;
        var raw = new List<(TextSpan Span, int Sentence, IReadOnlyList<GazetteerEntry> Candidates, bool Locative)>();
        var words = new List<Word>();
        for (var si = 0; si < doc.Sentences.Length; si++)
        {
            var sent = doc.Sentences[si];
            words.Clear();
            foreach (Match m in WordRegex().Matches(text, sent.Start))
            {
                if (m.Index >= sent.End)
                {
                    break;
                }
                var end = Math.Min(m.Index + m.Length, sent.End);
                var possessive = false;
                // "Ukraine's" names Ukraine; a final period is sentence punctuation unless the word is an abbreviation ("U.S.").
                if (end - m.Index > 2 && (text.AsSpan(end - 2, 2) is "'s" or "’s"))
                {
                    end -= 2;
                    possessive = true;
                }
                if (text[end - 1] == '.' && text.AsSpan(m.Index, end - m.Index - 1).IndexOf('.') < 0)
                {
                    end--;
                }
                words.Add(new Word(m.Index, end, char.IsUpper(text[m.Index]), possessive));
            }
            for (var i = 0; i < words.Count; i++)
            {
                if (!words[i].Upper)
                {
                    continue;
                }
                var matched = false;
                for (var n = Math.Min(gaz.MaxWords, words.Count - i); n >= 1 && !matched; n--)
                {
                    var last = words[i + n - 1];
                    if (!last.Upper || !Contiguous(text, words, i, n))
                    {
                        continue;
                    }
                    var surface = text.AsSpan(words[i].Start, last.End - words[i].Start);
                    if (surface.Length <= 3 && !IsAllUpper(surface))
                    {
                        continue;
                    }
                    var key = TextUtil.Fold(surface);
                    var cands = gaz.Lookup(key);
                    if (cands.Count == 0)
                    {
                        continue;
                    }
                    var single = n == 1;
                    var hasCountry = cands.Any(c => c.Kind == 'C');
                    if (!hasCountry && single && !Plausible(text, words, i, sent.Start, key, gaz))
                    {
                        continue;
                    }
                    var before = text.AsSpan(sent.Start, words[i].Start - sent.Start);
                    var window = before.Length > 80 ? before[^80..] : before;
                    var locative = (LocativeBefore().IsMatch(window) || DestinationBefore().IsMatch(window)) && !last.Possessive;
                    raw.Add((new TextSpan(words[i].Start, last.End), si, cands, locative));
                    i += n - 1;
                    matched = true;
                }
            }
        }

        // Context: how often each country is named unambiguously, as a country and below country level.
        var national = new Dictionary<string, int>(StringComparer.Ordinal);
        var subnational = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in raw)
        {
            var country = r.Candidates[0].Country;
            if (r.Candidates.All(c => c.Country == country))
            {
                var table = r.Candidates.Any(c => c.Kind == 'C') ? national : subnational;
                table[country] = table.GetValueOrDefault(country) + 1;
            }
        }
        // Two passes: the second counts the first pass's choices, so "Atlanta and Savannah" (Savannah is
        // also a Ghanaian region) make "Georgia" the US state.
        var result = Resolve(raw, national, subnational, text);
        national.Clear();
        subnational.Clear();
        foreach (var r in result)
        {
            var table = r.Entry.Kind == 'C' ? national : subnational;
            table[r.Entry.Country] = table.GetValueOrDefault(r.Entry.Country) + 1;
        }
        result = Resolve(raw, national, subnational, text, result);
        return result;
    }

    private static List<PlaceMention> Resolve(List<(TextSpan Span, int Sentence, IReadOnlyList<GazetteerEntry> Candidates, bool Locative)> raw,
        Dictionary<string, int> national, Dictionary<string, int> subnational, string text, List<PlaceMention>? previous = null)
    {
        var result = new List<PlaceMention>(raw.Count);
        for (var ri = 0; ri < raw.Count; ri++)
        {
            var r = raw[ri];
            var prevEntry = previous?[ri].Entry;
            GazetteerEntry? best = null;
            var bestScore = double.MinValue;
            foreach (var c in r.Candidates)
            {
                // Discount this mention's own contribution to the context.
                var unambiguousSelf = previous is null ? (r.Candidates.All(x => x.Country == c.Country) ? 1 : 0) : (prevEntry!.Country == c.Country ? 1 : 0);
                var selfNational = previous is null ? c.Kind == 'C' : prevEntry!.Kind == 'C';
                var nat = national.GetValueOrDefault(c.Country) - (selfNational ? unambiguousSelf : 0);
                var sub = subnational.GetValueOrDefault(c.Country) - (!selfNational ? unambiguousSelf : 0);
                var score = c.Kind switch
                {
                    'C' => 6 + 2.0 * nat + sub,
                    'A' => 1.5 + 3.0 * sub + nat,
                    _ => 1 + (c.Capital ? 1 : 0) + 0.5 * Math.Log10(c.Population + 1) + 2.0 * sub + nat,
                };
                if (score > bestScore)
                {
                    best = c;
                    bestScore = score;
                }
            }
            var why = r.Candidates.Count == 1
                ? "only reading"
                : $"{r.Candidates.Count} readings; chose {best!.KindName} in {best.Country} (article mentions: {national.GetValueOrDefault(best.Country)} national, {subnational.GetValueOrDefault(best.Country)} local)";
            result.Add(new PlaceMention(r.Span, r.Span.Of(text), r.Sentence, best!, r.Locative, why));
        }
        return result;
    }

    private static bool Contiguous(string text, List<Word> words, int i, int n)
    {
        for (var k = i; k < i + n - 1; k++)
        {
            if (words[k].Possessive)
            {
                return false;
            }
            var gap = text.AsSpan(words[k].End, words[k + 1].Start - words[k].End);
            if (gap.Length != 1 || !(gap[0] == ' ' || gap[0] == '-'))
            {
                return false;
            }
            if (k > i && !words[k].Upper && !Connectors.Contains(text[words[k].Start..words[k].End]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Filters single-word city/division matches that are probably a common word or part of a person's name.</summary>
    private static bool Plausible(string text, List<Word> words, int i, int sentStart, string key, Gazetteer gaz)
    {
        if (gaz.IsCommonWord(key))
        {
            return false;
        }
        if (i > 0)
        {
            var prev = text[words[i - 1].Start..words[i - 1].End];
            var gap = text.AsSpan(words[i - 1].End, words[i].Start - words[i - 1].End);
            if (Titles.Contains(prev) || (words[i - 1].Upper && gap is " " && words[i - 1].Start > sentStart && gaz.Lookup(TextUtil.Fold(prev)).Count == 0))
            {
                return false;
            }
        }
        if (i + 1 < words.Count && words[i + 1].Upper && !gaz.IsCommonWord(TextUtil.Fold(text.AsSpan(words[i + 1].Start, words[i + 1].End - words[i + 1].Start))) && text.AsSpan(words[i].End, words[i + 1].Start - words[i].End) is " " && !words[i].Possessive
            && gaz.Lookup(TextUtil.Fold(text.AsSpan(words[i + 1].Start, words[i + 1].End - words[i + 1].Start))).Count == 0)
        {
            return false;
        }
        return true;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsLetter(c) && !char.IsUpper(c))
            {
                return false;
            }
        }
        return true;
    }
}
