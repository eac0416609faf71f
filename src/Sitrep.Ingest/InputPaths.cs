using System.IO.Enumeration;

namespace Sitrep.Ingest;

/// <summary>
/// Expands input arguments into files: a file is itself; a directory is every file with a known
/// extension below it; a glob ("samples/*.jsonl", "data/**/*.html"; * and ? within a path segment, **
/// across segments) is every matching file. Expansions are sorted ordinally, so runs are deterministic.
/// </summary>
internal static class InputPaths
{
    public static readonly string[] KnownExtensions =
    [
        ".jsonl", ".ndjson", ".jsonlines", ".json", ".txt", ".text", ".md",
        ".html", ".htm", ".xhtml", ".shtml", ".xml", ".rss", ".atom", ".rdf",
    ];

    /// <summary>A file to read (<c>Path</c>) or a problem with the argument (<c>Error</c>).</summary>
    public readonly record struct Entry(string? Path, InputError? Error);

    public static IEnumerable<Entry> Expand(string input)
    {
        if (File.Exists(input))
        {
            return [new Entry(input, null)];
        }
        if (Directory.Exists(input))
        {
            return ExpandDirectory(input);
        }
        if (input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || input.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Sitrep runs offline by design.
            return [new Entry(null, new InputError(input, 0, -1, Severity.Error, "URLs are not fetched; save the page or feed and pass the file"))];
        }
        if (input.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return ExpandGlob(input);
        }
        return [new Entry(null, new InputError(input, 0, -1, Severity.Error, "no such file or directory"))];
    }

    public static bool IsKnown(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        var ext = Path.GetExtension(name);
        return Array.Exists(KnownExtensions, e => e.Equals(ext, StringComparison.OrdinalIgnoreCase));
    }

    private static List<Entry> ExpandDirectory(string dir)
    {
        var result = new List<Entry>();
        var skipped = new List<string>();
        var files = new List<string>();
        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
            foreach (var f in Directory.EnumerateFiles(dir, "*", options))
            {
                if (HasHiddenPart(Path.GetRelativePath(dir, f)))
                {
                    continue;
                }
                (IsKnown(f) ? files : skipped).Add(f);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            result.Add(new Entry(null, new InputError(dir, 0, -1, Severity.Error, "cannot list directory: " + ex.Message)));
            return result;
        }
        files.Sort(StringComparer.Ordinal);
        foreach (var f in files)
        {
            result.Add(new Entry(f, null));
        }
        if (skipped.Count > 0)
        {
            skipped.Sort(StringComparer.Ordinal);
            result.Add(new Entry(null, new InputError(dir, 0, -1, Severity.Warning,
                $"skipped {skipped.Count} file(s) with unrecognised extensions (first: {skipped[0]}); name them explicitly to read them")));
        }
        if (files.Count == 0)
        {
            result.Add(new Entry(null, new InputError(dir, 0, -1, Severity.Error, "directory holds no readable input files")));
        }
        return result;
    }

    // Dot-files and dot-directories (.git, .DS_Store) are never news.
    private static bool HasHiddenPart(string relative)
    {
        foreach (var part in relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            if (part.StartsWith('.') && part != "." && part != "..")
            {
                return true;
            }
        }
        return false;
    }

    private static List<Entry> ExpandGlob(string pattern)
    {
        var parts = pattern.Split('/', '\\');
        var first = Array.FindIndex(parts, p => p.AsSpan().IndexOfAny('*', '?') >= 0);
        var root = first == 0 ? "." : string.Join('/', parts[..first]);
        if (root.Length == 0)
        {
            root = "/";
        }
        var matches = new List<string>();
        if (Directory.Exists(root))
        {
            try
            {
                Match(root, first == 0 ? null : root, parts, first, matches);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return [new Entry(null, new InputError(pattern, 0, -1, Severity.Error, "cannot list: " + ex.Message))];
            }
        }
        if (matches.Count == 0)
        {
            return [new Entry(null, new InputError(pattern, 0, -1, Severity.Error, "no files match this pattern"))];
        }
        matches.Sort(StringComparer.Ordinal);
        var result = new List<Entry>(matches.Count);
        string? previous = null;
        foreach (var m in matches)
        {
            // "**" can reach one file along several routes.
            if (m != previous)
            {
                result.Add(new Entry(m, null));
            }
            previous = m;
        }
        return result;
    }

    private static void Match(string dir, string? display, string[] parts, int index, List<string> matches)
    {
        var part = parts[index];
        var last = index == parts.Length - 1;
        if (part == "**")
        {
            if (last)
            {
                foreach (var f in Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true }))
                {
                    matches.Add(Join(display, Path.GetRelativePath(dir, f).Replace('\\', '/')));
                }
                return;
            }
            Match(dir, display, parts, index + 1, matches);
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                if (!name.StartsWith('.'))
                {
                    Match(sub, Join(display, name), parts, index, matches);
                }
            }
            return;
        }
        var wild = part.AsSpan().IndexOfAny('*', '?') >= 0;
        if (last)
        {
            foreach (var f in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(f);
                if (wild ? FileSystemName.MatchesSimpleExpression(part, name, ignoreCase: false) : name == part)
                {
                    matches.Add(Join(display, name));
                }
            }
            return;
        }
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (wild ? FileSystemName.MatchesSimpleExpression(part, name, ignoreCase: false) : name == part)
            {
                Match(sub, Join(display, name), parts, index + 1, matches);
            }
        }
    }

    private static string Join(string? display, string name) => display is null ? name : display.TrimEnd('/') + "/" + name;
}
