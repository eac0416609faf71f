using System.Globalization;
using System.IO.Compression;
using System.Reflection;

namespace Sitrep.Attributes;

/// <summary>One gazetteer row: a country ('C'), first-level division ('A') or city ('P').</summary>
public sealed record GazetteerEntry(
    char Kind,
    string Id,
    string Name,
    string Country,
    string? Admin1,
    double? Latitude,
    double? Longitude,
    long Population,
    bool Capital)
{
    public string KindName => Kind switch { 'C' => "country", 'A' => "admin1", _ => "city" };
}

/// <summary>
/// The offline gazetteer shipped as an embedded resource (data/gazetteer/gazetteer.tsv.gz, built
/// from GeoNames data by scripts/gazetteer/build-gazetteer.sh). Names are looked up in folded form
/// (lowercase, no accents or apostrophes).
/// </summary>
public sealed class Gazetteer
{
    private readonly Dictionary<string, GazetteerEntry[]> _byName;
    private readonly Dictionary<string, GazetteerEntry> _byId;
    private readonly HashSet<string> _commonWords;

    private Gazetteer(Dictionary<string, GazetteerEntry[]> byName, Dictionary<string, GazetteerEntry> byId, HashSet<string> commonWords, int maxWords, int count)
    {
        _byName = byName;
        _byId = byId;
        _commonWords = commonWords;
        MaxWords = maxWords;
        Count = count;
    }

    private static readonly Lazy<Gazetteer> Default = new(() =>
    {
        var asm = typeof(Gazetteer).Assembly;
        using var gz = Open(asm, "Sitrep.Attributes.gazetteer.tsv.gz");
        using var words = Open(asm, "Sitrep.Attributes.common-words.txt");
        return Load(gz, words, "embedded gazetteer.tsv.gz");
    });

    public static Gazetteer LoadDefault() => Default.Value;

    /// <summary>Loads a gazetteer from a directory holding gazetteer.tsv.gz and common-words.txt (the override option).</summary>
    public static Gazetteer LoadFrom(string directory)
    {
        using var gz = File.OpenRead(Path.Combine(directory, "gazetteer.tsv.gz"));
        using var words = File.OpenRead(Path.Combine(directory, "common-words.txt"));
        return Load(gz, words, Path.Combine(directory, "gazetteer.tsv.gz"));
    }

    internal static Stream Open(Assembly asm, string name) =>
        asm.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded resource {name} is missing from {asm.GetName().Name}");

    public int MaxWords { get; }
    public int Count { get; }

    public static Gazetteer Load(Stream gzip, Stream commonWords, string sourceName)
    {
        var lists = new Dictionary<string, List<GazetteerEntry>>(StringComparer.Ordinal);
        var byId = new Dictionary<string, GazetteerEntry>(StringComparer.Ordinal);
        var maxWords = 1;
        var count = 0;
        using (var reader = new StreamReader(new GZipStream(gzip, CompressionMode.Decompress)))
        {
            var lineNo = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                var c = line.Split('\t');
                if (c.Length != 10 || c[0].Length != 1)
                {
                    throw new FormatException($"{sourceName}:{lineNo}: expected 10 tab-separated columns, got {c.Length}");
                }
                var e = new GazetteerEntry(
                    c[0][0], c[1], c[2], c[3], c[4].Length == 0 ? null : c[4],
                    c[5].Length == 0 ? null : double.Parse(c[5], CultureInfo.InvariantCulture),
                    c[6].Length == 0 ? null : double.Parse(c[6], CultureInfo.InvariantCulture),
                    long.Parse(c[7], CultureInfo.InvariantCulture), c[8] == "1");
                count++;
                byId.TryAdd(e.Kind + ":" + e.Id, e);
                Add(lists, e.Name, e, ref maxWords);
                if (c[9].Length > 0)
                {
                    foreach (var alt in c[9].Split('|'))
                    {
                        Add(lists, alt, e, ref maxWords);
                    }
                }
            }
        }
        var common = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = new StreamReader(commonWords))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && line[0] != '#')
                {
                    common.Add(line.Trim());
                }
            }
        }
        var byName = new Dictionary<string, GazetteerEntry[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (k, v) in lists)
        {
            byName[k] = [.. v];
        }
        return new Gazetteer(byName, byId, common, Math.Min(maxWords, 6), count);
    }

    private static void Add(Dictionary<string, List<GazetteerEntry>> lists, string name, GazetteerEntry e, ref int maxWords)
    {
        var key = TextUtil.Fold(name);
        if (key.Length == 0)
        {
            return;
        }
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }
        if (!list.Contains(e))
        {
            list.Add(e);
        }
        maxWords = Math.Max(maxWords, key.Count(ch => ch == ' ') + 1);
    }

    /// <summary>Every entry with this (folded) name; empty when unknown.</summary>
    public IReadOnlyList<GazetteerEntry> Lookup(string foldedName) =>
        _byName.TryGetValue(foldedName, out var list) ? list : [];

    public GazetteerEntry? Country(string alpha3) => _byId.GetValueOrDefault("C:" + alpha3);

    public GazetteerEntry? Admin1(string code) => _byId.GetValueOrDefault("A:" + code);

    /// <summary>True for single-word names that are also common English words ("Police", "Split", "March").</summary>
    public bool IsCommonWord(string foldedName) => _commonWords.Contains(foldedName);
}
