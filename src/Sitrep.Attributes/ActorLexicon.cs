using System.Text.RegularExpressions;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>
/// Codes a phrase (an attribution source or the victims of a figure) as an actor. The coder's
/// actor dictionary can be plugged in through this interface; the built-in
/// <see cref="ActorLexicon"/> is used otherwise or when it returns null.
/// </summary>
public interface IActorResolver
{
    ActorMention? Resolve(Doc doc, TextSpan span);
}

/// <summary>
/// The built-in actor lexicon (data/attributes/actors.tsv: media, demonyms, sector nouns) plus the
/// gazetteer's country names: enough to say "the Associated Press" is USA MED and "Ukraine's
/// Ministry of Defense" is UKR GOV without the coder's dictionaries.
/// </summary>
public sealed partial class ActorLexicon : IActorResolver
{
    private readonly List<(Regex Pattern, string Type, string? Country, string[] Sectors, string Kind, string Phrase)> _entries = [];
    // First word of each phrase, lowercased: an entry's regex is tried only when its first word occurs.
    private readonly List<string> _firstWords = [];
    private readonly Gazetteer _gazetteer;

    public ActorLexicon(Gazetteer gazetteer, Stream tsv, string sourceName)
    {
        _gazetteer = gazetteer;
        using var reader = new StreamReader(tsv);
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var c = line.Split('\t');
            if (c.Length != 5)
            {
                throw new FormatException($"{sourceName}:{lineNo}: expected 5 tab-separated columns, got {c.Length}");
            }
            // All-caps acronyms must match case ("AP", not "ap"); other phrases match in any case.
            var caseSensitive = c[1].Length <= 5 && c[1].ToUpperInvariant() == c[1];
            var pattern = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(c[1]).Replace(@"\ ", @"\s+") + @"(?![\p{L}\p{N}])",
                (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase) | RegexOptions.CultureInvariant);
            _entries.Add((pattern, c[0], c[2] == "-" ? null : c[2], c[3] == "-" ? [] : c[3].Split(','), c[4], c[1]));
            _firstWords.Add(c[1].Split(' ', '-', '/')[0].ToLowerInvariant());
        }
    }

    public static ActorLexicon LoadDefault(Gazetteer gazetteer)
    {
        using var s = Gazetteer.Open(typeof(ActorLexicon).Assembly, "Sitrep.Attributes.actors.tsv");
        return new ActorLexicon(gazetteer, s, "embedded actors.tsv");
    }

    [GeneratedRegex(@"\p{Lu}[\p{L}\p{M}’'\.\-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}\p{M}’'\.\-]*)*")]
    private static partial Regex CapitalizedRun();

    public ActorMention? Resolve(Doc doc, TextSpan span)
    {
        var text = span.Of(doc.Text);
        string? country = null;
        var sectors = new List<string>();
        string kind = "person";
        var why = new List<string>();
        var isMedia = false;
        string[]? demonymSectors = null;
        string? demonymKind = null;
        var lower = text.ToLowerInvariant();
        for (var ei = 0; ei < _entries.Count; ei++)
        {
            var (pattern, type, c, secs, k, phrase) = _entries[ei];
            if (!lower.Contains(_firstWords[ei], StringComparison.Ordinal) || !pattern.IsMatch(text))
            {
                continue;
            }
            if (type == "media" && !isMedia)
            {
                isMedia = true;
                country ??= c;
                kind = k;
                sectors.Clear();
                sectors.AddRange(secs);
                why.Add("media:" + phrase);
            }
            else if (type == "demonym" && country is null)
            {
                country = c;
                demonymSectors = secs;
                demonymKind = k;
                why.Add("demonym:" + phrase);
            }
            else if (type == "sector" && !isMedia && sectors.Count == 0)
            {
                country ??= c;
                sectors.AddRange(secs);
                kind = k;
                why.Add("sector:" + phrase);
            }
        }
        // "Moscow's army" is the Russian military: a metonym's own sector only counts when no sector noun is named.
        if (!isMedia && sectors.Count == 0 && demonymSectors is not null)
        {
            sectors.AddRange(demonymSectors);
            kind = demonymKind!;
        }
        else if (!isMedia && sectors.Count == 0 && demonymKind is not null)
        {
            kind = demonymKind;
        }
        if (country is null)
        {
            // A country named in the phrase ("Ukraine's Ministry of Defense", "Ministry of Defense of Ukraine").
            foreach (Match m in CapitalizedRun().Matches(text))
            {
                foreach (var part in m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var word = part.EndsWith("'s", StringComparison.Ordinal) || part.EndsWith("’s", StringComparison.Ordinal) ? part[..^2] : part.TrimEnd('.', ',');
                    var key = TextUtil.Fold(word);
                    foreach (var e in _gazetteer.Lookup(key))
                    {
                        if (e.Kind == 'C')
                        {
                            country = e.Country;
                            why.Add("country:" + e.Name);
                            break;
                        }
                    }
                    if (country is not null)
                    {
                        break;
                    }
                }
                if (country is not null)
                {
                    break;
                }
            }
            if (country is not null && sectors.Count == 0)
            {
                kind = "country";
            }
        }
        if (country is null && sectors.Count == 0 && !isMedia)
        {
            return null;
        }
        var code = country == "IGO" ? string.Concat(sectors) : (country ?? "") + string.Concat(sectors.Where(s => s != "IGO"));
        return new ActorMention(span, text, code.Length == 0 ? null : code, country == "IGO" ? null : country, sectors, kind, "actors.tsv:" + string.Join(",", why));
    }
}
