using System.Globalization;

namespace Sitrep.Coding;

/// <summary>One CAMEO event code with its quad class, Goldstein score and PLOVER mapping.</summary>
public sealed record CameoCode(
    string Code,
    string Label,
    int Quad,
    double Goldstein,
    string? PloverType,
    string? PloverMode,
    string? Context,
    string Entry)
{
    public string Root => Code[..2];
}

/// <summary>
/// The CAMEO and PLOVER ontologies (data/ontology/cameo.txt and plover.txt): codes, labels,
/// Goldstein scores, PLOVER types, aliases (DEMAND = REQUEST) and modes.
/// </summary>
public sealed class Ontology
{
    private readonly Dictionary<string, CameoCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _types = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _modes = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, CameoCode> Codes => _codes;

    public CameoCode? Get(string code) => _codes.GetValueOrDefault(code);

    /// <summary>The canonical PLOVER type for a name or alias ("DEMAND" -> "REQUEST"), or null if unknown.</summary>
    public string? CanonicalType(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : _types.GetValueOrDefault(name.Trim());

    public IEnumerable<string> Types => _types.Where(kv => kv.Key == kv.Value).Select(kv => kv.Value).Order(StringComparer.Ordinal);

    internal static Ontology Load(IEnumerable<DictionaryFile> files, List<DictIssue> issues)
    {
        var o = new Ontology();
        var list = files.ToList();
        // plover first: cameo.txt refers to its types and modes.
        foreach (var f in list.Where(f => f.Kind == "plover"))
        {
            o.ReadPlover(f, issues);
        }
        foreach (var f in list.Where(f => f.Kind == "cameo"))
        {
            o.ReadCameo(f, issues);
        }
        if (o._codes.Count == 0)
        {
            issues.Add(new DictIssue("cameo.txt", 0, "no CAMEO ontology loaded"));
        }
        return o;
    }

    private void ReadPlover(DictionaryFile file, List<DictIssue> issues)
    {
        var pendingAliases = new List<(int Line, string Alias, string Target)>();
        var pendingModes = new List<(int Line, string Type, string Mode)>();
        foreach (var (n, raw) in file.Lines())
        {
            var line = StripComment(raw);
            if (line.Length == 0)
            {
                continue;
            }
            var space = line.IndexOf(' ');
            var keyword = space < 0 ? line : line[..space];
            var rest = space < 0 ? "" : line[(space + 1)..].Trim();
            var fields = rest.Split('|', StringSplitOptions.TrimEntries);
            switch (keyword)
            {
                case "type" when fields.Length == 3 && IsTypeName(fields[0]) && fields[1] is "1" or "2" or "3" or "4":
                    _types[fields[0]] = fields[0];
                    break;
                case "alias" when rest.Split('=', StringSplitOptions.TrimEntries) is [var a, var t] && IsTypeName(a) && IsTypeName(t):
                    pendingAliases.Add((n, a, t));
                    break;
                case "mode" when fields.Length == 3 && fields[1].Length > 0:
                    pendingModes.Add((n, fields[0], fields[1]));
                    break;
                case "aux" when fields.Length == 2:
                    _modes.Add(fields[0]);
                    break;
                default:
                    issues.Add(new DictIssue(file.Name, n, $"cannot read line (expected 'type NAME | quad | text', 'alias OLD = NAME', 'mode TYPE | mode | text' or 'aux NAME | text'): {raw.Trim()}"));
                    break;
            }
        }
        foreach (var (n, alias, target) in pendingAliases)
        {
            if (!_types.TryGetValue(target, out var canonical))
            {
                issues.Add(new DictIssue(file.Name, n, $"alias {alias} refers to unknown type {target}"));
                continue;
            }
            _types[alias] = canonical;
        }
        foreach (var (n, type, mode) in pendingModes)
        {
            if (CanonicalType(type) is null)
            {
                issues.Add(new DictIssue(file.Name, n, $"mode {mode} refers to unknown type {type}"));
            }
            _modes.Add(mode);
        }
    }

    private void ReadCameo(DictionaryFile file, List<DictIssue> issues)
    {
        foreach (var (n, raw) in file.Lines())
        {
            var line = StripComment(raw);
            if (line.Length == 0)
            {
                continue;
            }
            var f = line.Split('|', StringSplitOptions.TrimEntries);
            if (f.Length != 7)
            {
                issues.Add(new DictIssue(file.Name, n, $"expected 7 fields 'code | label | quad | goldstein | plover-type | plover-mode | context', found {f.Length}"));
                continue;
            }
            if (!IsCameoCode(f[0]))
            {
                issues.Add(new DictIssue(file.Name, n, $"'{f[0]}' is not a CAMEO code (2 to 4 digits, root 01..20)"));
                continue;
            }
            if (!int.TryParse(f[2], out var quad) || quad < 1 || quad > 4)
            {
                issues.Add(new DictIssue(file.Name, n, $"quad class '{f[2]}' must be 1, 2, 3 or 4"));
                continue;
            }
            if (!double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var goldstein) || goldstein < -10 || goldstein > 10)
            {
                issues.Add(new DictIssue(file.Name, n, $"Goldstein score '{f[3]}' must be a number in -10..10"));
                continue;
            }
            string? type = null;
            if (f[4].Length > 0)
            {
                type = CanonicalType(f[4]);
                if (type is null)
                {
                    issues.Add(new DictIssue(file.Name, n, $"unknown PLOVER type '{f[4]}'"));
                    continue;
                }
            }
            if (f[5].Length > 0 && !_modes.Contains(f[5]))
            {
                issues.Add(new DictIssue(file.Name, n, $"unknown PLOVER mode '{f[5]}' (declare it in plover.txt)"));
            }
            _codes[f[0]] = new CameoCode(f[0], f[1], quad, goldstein, type, f[5].Length > 0 ? f[5] : null, f[6].Length > 0 ? f[6] : null, $"{ShortName(file.Name)}:{n}");
        }
    }

    public static bool IsCameoCode(string s)
    {
        if (s.Length is < 2 or > 4)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        var root = (s[0] - '0') * 10 + (s[1] - '0');
        return root is >= 1 and <= 20;
    }

    private static bool IsTypeName(string s) => s.Length > 0 && s.All(c => c is >= 'A' and <= 'Z' or '_');

    internal static string StripComment(string raw)
    {
        var hash = raw.IndexOf('#');
        return (hash >= 0 ? raw[..hash] : raw).Trim();
    }

    internal static string ShortName(string name) =>
        name.StartsWith("data/", StringComparison.Ordinal) ? name : System.IO.Path.GetFileName(name);
}
