using System.IO.Compression;
using System.Reflection;

namespace Sitrep.Coding;

/// <summary>A problem found while reading a dictionary or ontology file, with its position.</summary>
public sealed record DictIssue(string File, int Line, string Message, bool IsError = true)
{
    public override string ToString() => $"{File}:{Line}: {(IsError ? "error" : "warning")}: {Message}";
}

/// <summary>Thrown when dictionaries have errors; <see cref="Issues"/> lists them all with file:line.</summary>
public sealed class DictionaryException(IReadOnlyList<DictIssue> issues)
    : Exception(issues.Count == 0 ? "dictionary error" : string.Join(Environment.NewLine, issues.Where(i => i.IsError).Take(20)))
{
    public IReadOnlyList<DictIssue> Issues { get; } = issues;
}

/// <summary>
/// One dictionary text file: a display name (used in file:line references) and its lines.
/// Files ending in ".gz" are gzip-deflated text.
/// </summary>
public sealed record DictionaryFile(string Name, Func<Stream> Open)
{
    /// <summary>What the file holds, from its name: "actors", "agents", "verbs", "cameo" or "plover".</summary>
    public string Kind
    {
        get
        {
            var file = System.IO.Path.GetFileName(Name);
            foreach (var kind in Kinds)
            {
                if (file.StartsWith(kind, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }
            return "";
        }
    }

    public static readonly string[] Kinds = ["actors", "agents", "verbs", "cameo", "plover"];

    public IEnumerable<(int Line, string Text)> Lines()
    {
        using var raw = Open();
        using var stream = Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream);
        var n = 0;
        while (reader.ReadLine() is { } line)
        {
            n++;
            yield return (n, line);
        }
    }

    public static DictionaryFile FromPath(string path) => new(path, () => File.OpenRead(path));

    /// <summary>The shipped ontologies and dictionaries (embedded resources), in load order.</summary>
    public static IReadOnlyList<DictionaryFile> BuiltIn()
    {
        var asm = typeof(DictionaryFile).Assembly;
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith("data/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new DictionaryFile(n, () => asm.GetManifestResourceStream(n)!))
            .Where(f => f.Kind.Length > 0)
            .ToList();
    }

    /// <summary>
    /// The dictionary files of a user directory (*.txt, *.txt.gz whose names start with a known
    /// kind), sorted by name; they load after the built-in ones and override their entries.
    /// </summary>
    public static IReadOnlyList<DictionaryFile> FromDirectory(string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"dictionary directory not found: {dir}");
        }
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".txt.gz", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(FromPath)
            .Where(f => f.Kind.Length > 0)
            .ToList();
    }
}
