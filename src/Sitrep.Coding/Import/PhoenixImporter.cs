using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Sitrep.Coding.Import;

/// <summary>What an import produced: files written and counts, plus lines it had to skip.</summary>
public sealed record ImportReport(IReadOnlyList<string> Written, IReadOnlyList<string> Summary, IReadOnlyList<DictIssue> Skipped);

/// <summary>
/// Converts the Phoenix/PETRARCH dictionaries (TABARI formats) into Sitrep's dictionary format:
/// actors (countries, officials with date ranges, IGOs, NGOs, non-state groups), agents
/// (sector nouns) and the CAMEO verb patterns.
/// </summary>
public static partial class PhoenixImporter
{
    private sealed class TabariEntry
    {
        public List<string> Names { get; } = [];
        public List<string> Codes { get; } = [];
        public int Line { get; init; }
        public bool Dated { get; set; }
        public bool FromCountryInfo { get; set; }
    }

    public static ImportReport Run(string phoenixDir, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        var summary = new List<string>();
        var skipped = new List<DictIssue>();
        (string Input, string Output, string Kind)[] actorFiles =
        [
            ("Phoenix.Countries.actors.txt", "actors-phoenix-countries.txt.gz", "country"),
            ("Phoenix.International.actors.txt", "actors-phoenix-international.txt.gz", "igo"),
            ("Phoenix.MilNonState.actors.txt", "actors-phoenix-nonstate.txt.gz", "group"),
        ];
        foreach (var (input, output, kind) in actorFiles)
        {
            var path = Path.Combine(phoenixDir, input);
            var entries = ReadActors(path, skipped);
            var outPath = Path.Combine(outDir, output);
            var n = WriteActors(outPath, input, entries, kind);
            written.Add(outPath);
            summary.Add($"{input}: {entries.Count} entries -> {output}: {n} lines");
        }
        var agentsIn = Path.Combine(phoenixDir, "Phoenix.agents.txt");
        var agentsOut = Path.Combine(outDir, "agents-phoenix.txt");
        summary.Add($"Phoenix.agents.txt -> agents-phoenix.txt: {ConvertAgents(agentsIn, agentsOut, skipped)} lines");
        written.Add(agentsOut);
        var verbsIn = Path.Combine(phoenixDir, "CAMEO.2.0.txt");
        var verbsOut = Path.Combine(outDir, "verbs-cameo.txt.gz");
        summary.Add($"CAMEO.2.0.txt -> verbs-cameo.txt.gz: {CameoVerbImporter.Convert(verbsIn, verbsOut, skipped)} lines");
        written.Add(verbsOut);
        return new ImportReport(written, summary, skipped);
    }

    private static List<TabariEntry> ReadActors(string path, List<DictIssue> skipped)
    {
        var entries = new List<TabariEntry>();
        TabariEntry? current = null;
        TabariEntry? previous = null;
        var n = 0;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            n++;
            var hash = raw.IndexOf('#');
            var comment = hash >= 0 ? raw[hash..] : "";
            var line = (hash >= 0 ? raw[..hash] : raw).TrimEnd();
            if (line.Trim().Length == 0)
            {
                if (hash < 0)
                {
                    Close();
                }
                continue;
            }
            var codes = CodeRegex().Matches(line).Select(m => m.Groups[1].Value.Trim()).ToList();
            var namePart = CodeRegex().Replace(line, "").Trim();
            if (char.IsWhiteSpace(line[0]) && namePart.Length == 0)
            {
                if (current is null)
                {
                    skipped.Add(new DictIssue(path, n, "code line without an actor name", false));
                    continue;
                }
                current.Codes.AddRange(codes);
                continue;
            }
            if (namePart.StartsWith('+'))
            {
                if (current is null)
                {
                    skipped.Add(new DictIssue(path, n, "synonym without an actor name", false));
                    continue;
                }
                current.Names.Add(namePart[1..]);
                current.Codes.AddRange(codes);
                continue;
            }
            // A new name line: it starts a new entry unless the current one has no codes yet
            // (TABARI lists several names before their code lines).
            if (current is not null && current.Codes.Count > 0)
            {
                Close();
            }
            current ??= new TabariEntry { Line = n };
            current.Names.Add(namePart);
            current.Codes.AddRange(codes);
            if (comment.Contains("CountryInfo", StringComparison.Ordinal))
            {
                current.FromCountryInfo = true;
            }
        }
        Close();
        return entries;

        void Close()
        {
            if (current is null)
            {
                return;
            }
            if (current.Codes.Count == 0 && previous is not null && previous.Line < current.Line)
            {
                // A code-less name right after an entry ("UN_ [IGOUNO]" then "U.N._") shares its codes.
                current.Codes.AddRange(previous.Codes);
            }
            if (current.Codes.Count == 0)
            {
                skipped.Add(new DictIssue(path, current.Line, $"actor '{current.Names[0]}' has no code", false));
            }
            else
            {
                entries.Add(current);
                previous = current;
            }
            current = null;
        }
    }

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex CodeRegex();

    private static int WriteActors(string outPath, string source, List<TabariEntry> entries, string defaultKind)
    {
        var lines = 0;
        using var file = File.Create(outPath);
        using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
        using var w = new StreamWriter(gz, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine($"# Sitrep actor dictionary imported from Phoenix/PETRARCH {source}");
        w.WriteLine("# (MIT licence, Open Event Data Alliance) by `sitrep dict import --phoenix DIR --out DIR`.");
        w.WriteLine("# Format: names separated by ' | ' => codes; CODE@YYYY-MM-DD..YYYY-MM-DD is valid in that range.");
        w.WriteLine("# Regenerate rather than edit; put corrections in a file that loads later (actors-sitrep.txt).");
        string? kind = null;
        foreach (var e in entries)
        {
            var codes = new List<string>();
            var discard = false;
            var country = "";
            foreach (var c in e.Codes)
            {
                var parsed = ConvertCode(c, ref country, out var dated);
                if (parsed == "---")
                {
                    discard = true;
                    continue;
                }
                if (parsed is null)
                {
                    continue;
                }
                e.Dated |= dated;
                if (!codes.Contains(parsed))
                {
                    codes.Add(parsed);
                }
            }
            if (codes.Count == 0 && !discard)
            {
                continue;
            }
            var names = e.Names.Select(CleanName).Where(s => s.Length > 0).Distinct().ToList();
            if (names.Count == 0)
            {
                continue;
            }
            var primary = codes.Count > 0 ? codes[0][..Math.Min(3, codes[0].Length)] : "";
            // A bare three-letter code is a country even when dated (Lithuania: LTUOCC until
            // 1990-03-11, LTU after); dated sector codes are a person's roles.
            var isCountry = defaultKind == "country" && !e.FromCountryInfo && codes.Any(c => c.Split('@')[0].Length == 3);
            var k = isCountry ? "country"
                : e.Dated || e.FromCountryInfo ? "person"
                : defaultKind == "igo" ? (primary == "NGO" ? "ngo" : primary is "IGO" or "UNO" or "EUR" ? "igo" : "organization")
                : defaultKind == "group" ? "group"
                : "organization";
            if (k != kind)
            {
                w.WriteLine($"!kind {k}");
                kind = k;
            }
            w.WriteLine($"{string.Join(" | ", names)} => {(codes.Count > 0 ? string.Join(' ', codes) : "---")}");
            lines++;
        }
        return lines;
    }

    /// <summary>"ARMGOV 910926-911122" -> "ARMGOV@1991-09-26..1991-11-22"; "[ELI]" after a country code gets that country.</summary>
    private static string? ConvertCode(string raw, ref string country, out bool dated)
    {
        dated = false;
        var parts = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }
        var code = parts[0].Trim().ToUpperInvariant();
        if (code.StartsWith("---", StringComparison.Ordinal))
        {
            return "---";
        }
        if (code.Length % 3 != 0 || !code.All(c => c is >= 'A' and <= 'Z'))
        {
            return null;
        }
        if (code.Length == 3 && country.Length == 3 && IsSector(code))
        {
            code = country + code;
        }
        else if (country.Length == 0)
        {
            country = code[..3];
        }
        if (parts.Length == 1)
        {
            return code;
        }
        var range = string.Concat(parts[1..]);
        DateOnly? from = null, to = null;
        if (range.StartsWith('>'))
        {
            from = ParseDate(range[1..]);
            if (from is null) return null;
        }
        else if (range.StartsWith('<'))
        {
            to = ParseDate(range[1..]);
            if (to is null) return null;
        }
        else
        {
            var dash = range.IndexOf('-');
            if (dash < 0) return null;
            from = ParseDate(range[..dash]);
            to = ParseDate(range[(dash + 1)..]);
            if (from is null || to is null || from > to) return null;
        }
        dated = true;
        return $"{code}@{Fmt(from)}..{Fmt(to)}";

        static string Fmt(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    }

    private static readonly HashSet<string> Sectors = new(StringComparer.Ordinal)
    {
        "GOV", "MIL", "COP", "JUD", "LEG", "ELI", "OPP", "REB", "PTY", "CVL", "BUS", "MED", "REF", "EDU", "LAB", "AGR",
        "HLH", "HRI", "SPY", "UAF", "IRC", "REL", "CRM", "DEV", "ENV", "MOD", "RAD", "INS", "SEP", "IMG", "JRN",
    };

    private static bool IsSector(string code) => Sectors.Contains(code);

    private static DateOnly? ParseDate(string s)
    {
        if (s.Length == 6 && int.TryParse(s, out _))
        {
            var yy = int.Parse(s[..2], CultureInfo.InvariantCulture);
            // TABARI two-digit years: 00-30 are 20xx, the rest 19xx.
            s = (yy <= 30 ? "20" : "19") + s;
        }
        return s.Length == 8 && DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    internal static string CleanName(string raw)
    {
        var s = raw.Replace('_', ' ').Trim();
        if (s.Contains('!') || s.Contains(',') || s.Contains('{') || s.Contains('=') || s.Contains('|'))
        {
            return "";
        }
        s = string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        // Names are matched capitalised; a leading article is not part of the name.
        if (s.StartsWith("the ", StringComparison.Ordinal))
        {
            s = s[4..];
        }
        return s.Any(char.IsLetterOrDigit) ? s : "";
    }

    private static int ConvertAgents(string input, string output, List<DictIssue> skipped)
    {
        var macros = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lines = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var raw in File.ReadLines(input, Encoding.UTF8))
        {
            n++;
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var macro = Regex.Match(line, @"^(![A-Z]+!)\s*=\s*(.+)$");
            if (macro.Success)
            {
                macros[macro.Groups[1].Value] = macro.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                continue;
            }
            var code = CodeRegex().Match(line);
            if (!code.Success)
            {
                skipped.Add(new DictIssue(input, n, "agent without [code]", false));
                continue;
            }
            var c = code.Groups[1].Value.Trim();
            if (!(c.StartsWith('~') || c.EndsWith('~')) || c.Trim('~').Length % 3 != 0 || !c.Trim('~').All(ch => ch is >= 'A' and <= 'Z'))
            {
                skipped.Add(new DictIssue(input, n, $"agent code '{c}' not understood", false));
                continue;
            }
            var before = line[..code.Index];
            var plural = Regex.Match(before, @"\{([^}]*)\}");
            var nameText = (plural.Success ? before[..plural.Index] : before).Trim();
            foreach (var expanded in ExpandMacros(nameText, macros))
            {
                var name = CleanName(expanded);
                if (name.Length == 0)
                {
                    continue;
                }
                var forms = new List<string> { name };
                if (plural.Success)
                {
                    forms.AddRange(plural.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(CleanName).Where(x => x.Length > 0));
                }
                else if (!nameText.Contains('!'))
                {
                    forms.Add(Plural(name));
                }
                forms = forms.Distinct().Where(f => seen.Add(f)).ToList();
                if (forms.Count > 0)
                {
                    lines.Add($"{string.Join(" | ", forms)} => {c}");
                }
            }
        }
        using var w = new StreamWriter(output, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("# Sitrep agent dictionary imported from Phoenix/PETRARCH Phoenix.agents.txt (MIT licence,");
        w.WriteLine("# Open Event Data Alliance) by `sitrep dict import`. Agents are common nouns naming a sector:");
        w.WriteLine("# '~MIL' adds the sector to the actor's country ('Russian soldiers' = RUSMIL); 'IGO~' is a");
        w.WriteLine("# primary code. Plurals are listed explicitly. Regenerate rather than edit (see agents-sitrep.txt).");
        foreach (var l in lines)
        {
            w.WriteLine(l);
        }
        return lines.Count;
    }

    private static IEnumerable<string> ExpandMacros(string name, Dictionary<string, string[]> macros)
    {
        var m = Regex.Match(name, "![A-Z]+!");
        if (!m.Success)
        {
            yield return name;
            yield break;
        }
        if (!macros.TryGetValue(m.Value, out var alts))
        {
            yield break;
        }
        foreach (var alt in alts)
        {
            foreach (var x in ExpandMacros(name[..m.Index] + alt + name[(m.Index + m.Length)..], macros))
            {
                yield return x;
            }
        }
    }

    internal static string Plural(string name)
    {
        var words = name.Split(' ');
        var last = words[^1];
        string p;
        if (last.EndsWith("man", StringComparison.Ordinal)) p = last[..^3] + "men";
        else if (last.EndsWith('y') && last.Length > 1 && !"aeiou".Contains(last[^2])) p = last[..^1] + "ies";
        else if (last.EndsWith('s') || last.EndsWith('x') || last.EndsWith("ch", StringComparison.Ordinal) || last.EndsWith("sh", StringComparison.Ordinal)) p = last + "es";
        else p = last + "s";
        words[^1] = p;
        return string.Join(' ', words);
    }
}
