using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Sitrep.Coding.Import;

/// <summary>
/// Converts the PETRARCH CAMEO verb dictionary (CAMEO.2.0.txt) into Sitrep's lemma-keyed
/// event rules. A PETRARCH block lists synonym verbs, a default code and phrase patterns that
/// apply to every verb of the block; each becomes one rule line per verb:
/// "- * (INTO CHARGES) [090]" under LOOK becomes "V look + into charge => 090".
/// </summary>
public static partial class CameoVerbImporter
{
    private static readonly HashSet<string> Skip = new(StringComparer.Ordinal) { "*", "$", "+", "%", "^", "|", "-", "A", "AN", "THE", "_", "=" };

    public static int Convert(string input, string output, List<DictIssue> skipped)
    {
        var sets = new List<string>();
        var setNames = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<string>();
        var section = "";
        string? setName = null;
        var setMembers = new List<string>();
        var blockCode = (string?)null;
        var verbs = new List<(string Lemma, string? Code)>();
        var patterns = new List<(string Words, string? Code, string Origin)>();
        var n = 0;
        foreach (var raw in File.ReadLines(input, Encoding.UTF8))
        {
            n++;
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (raw.StartsWith("####", StringComparison.Ordinal))
            {
                FlushSet();
                FlushBlock();
                section = raw.Contains("SYNONYM", StringComparison.Ordinal) ? "sets" : raw.Contains("VERB PATTERNS", StringComparison.Ordinal) ? "verbs" : "other";
                continue;
            }
            if (line.Length == 0)
            {
                // Only a blank line ends a set; comment lines inside it do not.
                if (section == "sets" && raw.Trim().Length == 0)
                {
                    FlushSet();
                }
                continue;
            }
            if (section == "sets")
            {
                if (line.StartsWith('&'))
                {
                    FlushSet();
                    setName = line[1..].Trim().TrimEnd('_');
                }
                else if (line.StartsWith('+') && setName is not null)
                {
                    var words = Words(line[1..]);
                    if (words.Length > 0)
                    {
                        setMembers.Add(words);
                    }
                }
                continue;
            }
            if (section != "verbs")
            {
                continue;
            }
            var block = BlockRegex().Match(line);
            if (block.Success)
            {
                FlushBlock();
                blockCode = Code(block.Groups[2].Value);
                continue;
            }
            var codeMatch = Regex.Match(line, @"\[([^\]]*)\]");
            if (line.StartsWith('-'))
            {
                if (!codeMatch.Success)
                {
                    skipped.Add(new DictIssue(input, n, "pattern without [code]", false));
                    continue;
                }
                var words = Words(line[1..codeMatch.Index]);
                if (words.Length == 0)
                {
                    skipped.Add(new DictIssue(input, n, "pattern without words", false));
                    continue;
                }
                var origin = hash >= 0 ? raw[(hash + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "" : "";
                patterns.Add((words, Code(codeMatch.Groups[1].Value), origin.ToLowerInvariant()));
                continue;
            }
            // A verb line: WORD or +MULTI_WORD, optional {forms} and [code].
            var verbText = Regex.Replace(line, @"\{[^}]*\}", "");
            string? own = null;
            if (codeMatch.Success)
            {
                own = Code(codeMatch.Groups[1].Value);
                verbText = verbText.Replace(codeMatch.Value, "");
            }
            var lemma = Words(verbText.Trim().TrimStart('+'));
            if (lemma.Length == 0 || lemma.Contains('&') || lemma.Split(' ')[^1] is "and" or "or" or "by" or "to")
            {
                continue;
            }
            verbs.Add((lemma, own ?? blockCode));
        }
        FlushSet();
        FlushBlock();
        using var file = File.Create(output);
        using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
        using var w = new StreamWriter(gz, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("# Sitrep event rules imported from PETRARCH CAMEO.2.0.txt (MIT licence, Open Event Data");
        w.WriteLine("# Alliance) by `sitrep dict import`. Format: 'V lemma [particle] [+ dependent words]... => CODE';");
        w.WriteLine("# '&SET = a | b' defines word sets. Regenerate rather than edit; put corrections in verbs-sitrep.txt.");
        foreach (var s in sets)
        {
            w.WriteLine(s);
        }
        foreach (var r in rules)
        {
            w.WriteLine(r);
        }
        return sets.Count + rules.Count;

        void FlushSet()
        {
            if (setName is not null && setMembers.Count > 0)
            {
                sets.Add($"&{setName} = {string.Join(" | ", setMembers.Distinct())}");
                setNames.Add(setName);
            }
            setName = null;
            setMembers.Clear();
        }

        void FlushBlock()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (lemma, code) in verbs)
            {
                if (code is not null && seen.Add(lemma))
                {
                    rules.Add($"V {lemma} => {code}");
                }
            }
            foreach (var (words, code, origin) in patterns)
            {
                // A pattern's comment names the verb it was written for ("# TAKE"); applying it to
                // every synonym of the block ("arrest + members => 181") over-generalises.
                var targets = verbs.Where(v => FromVerb(v.Lemma, origin)).ToList();
                if (targets.Count == 0)
                {
                    targets = verbs;
                }
                var undefined = words.Split(' ').FirstOrDefault(w => w.StartsWith('&') && !setNames.Contains(w[1..]));
                if (undefined is not null)
                {
                    skipped.Add(new DictIssue(input, 0, $"pattern '{words}' uses undefined set {undefined}", false));
                    continue;
                }
                foreach (var (lemma, _) in targets)
                {
                    var r = $"V {lemma} + {words} => {code ?? "---"}";
                    if (seen.Add(r))
                    {
                        rules.Add(r);
                    }
                }
            }
            verbs.Clear();
            patterns.Clear();
            blockCode = null;
        }
    }

    /// <summary>Whether the verb named in a pattern comment ("RALLIED", "TAKE") is this lemma ("rally", "take").</summary>
    private static bool FromVerb(string lemma, string origin)
    {
        if (origin.Length == 0)
        {
            return false;
        }
        var o = origin.Replace('_', ' ');
        var stem = lemma.TrimEnd('e', 'y');
        return o == lemma || o.StartsWith(lemma, StringComparison.Ordinal) || stem.Length >= 3 && o.StartsWith(stem, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")]
    private static partial Regex BlockRegex();

    /// <summary>"041:043" -> "041"; ":173" -> "173"; "---" -> null.</summary>
    private static string? Code(string raw)
    {
        foreach (var part in raw.Split(':', StringSplitOptions.TrimEntries))
        {
            if (part.Length > 0 && part != "---" && Ontology.IsCameoCode(part))
            {
                return part;
            }
        }
        return null;
    }

    /// <summary>Pattern text to lower-case words: brackets and PETRARCH markers dropped, '_' splits words.</summary>
    private static string Words(string text)
    {
        var cleaned = text.Replace('(', ' ').Replace(')', ' ').Replace('{', ' ').Replace('}', ' ').Replace('_', ' ');
        var words = new List<string>();
        foreach (var w in cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var t = w.TrimStart('$', '+', '%', '^', '|');
            if (t.Length == 0 || Skip.Contains(t) || t.Contains('='))
            {
                continue;
            }
            words.Add(t.StartsWith('&') ? "&" + t[1..].TrimEnd('_').ToUpperInvariant() : t.ToLowerInvariant());
        }
        return string.Join(' ', words);
    }
}
