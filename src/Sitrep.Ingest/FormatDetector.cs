using System.Text;

namespace Sitrep.Ingest;

/// <summary>Detects an input's format from its extension, then from its first bytes.</summary>
internal static class FormatDetector
{
    public static InputFormat Detect(string name, ReadOnlySpan<byte> header)
    {
        switch (Path.GetExtension(name).ToLowerInvariant())
        {
            case ".jsonl" or ".ndjson" or ".jsonlines":
                return InputFormat.Jsonl;
            case ".json":
                return IsJsonDocument(header) ? InputFormat.Json : InputFormat.Jsonl;
            case ".html" or ".htm" or ".xhtml" or ".shtml":
                return InputFormat.Html;
            case ".rss" or ".atom" or ".rdf":
                return InputFormat.Feed;
            case ".txt" or ".text" or ".md":
                return InputFormat.Text;
        }
        // ".xml", no extension, or stdin: look at the content.
        return Sniff(header);
    }

    /// <summary>An array, or an object whose first line is just "{" (pretty-printed), is a JSON document, not JSON Lines.</summary>
    public static bool IsJsonDocument(ReadOnlySpan<byte> header)
    {
        var h = header.TrimStart("\t\n\r \f"u8);
        if (h.IsEmpty)
        {
            return false;
        }
        if (h[0] == (byte)'[')
        {
            return true;
        }
        var nl = h.IndexOf((byte)'\n');
        return h[0] == (byte)'{' && nl >= 0 && h[..nl].Trim(" \t\r"u8).Length == 1;
    }

    public static InputFormat Sniff(ReadOnlySpan<byte> header)
    {
        var h = header.TrimStart("\t\n\r \f"u8);
        if (h.IsEmpty)
        {
            return InputFormat.Text;
        }
        if (h[0] is (byte)'{' or (byte)'[')
        {
            return IsJsonDocument(h) ? InputFormat.Json : InputFormat.Jsonl;
        }
        if (h[0] != (byte)'<')
        {
            return InputFormat.Text;
        }
        var s = Encoding.Latin1.GetString(h[..Math.Min(h.Length, 4096)]).ToLowerInvariant();
        if (s.StartsWith("<!doctype html", StringComparison.Ordinal) || s.StartsWith("<html", StringComparison.Ordinal))
        {
            return InputFormat.Html;
        }
        if (s.Contains("<rss", StringComparison.Ordinal) || s.Contains("<rdf:rdf", StringComparison.Ordinal)
            || s.Contains("<feed ", StringComparison.Ordinal) || s.Contains("<feed>", StringComparison.Ordinal))
        {
            return InputFormat.Feed;
        }
        return s.Contains("<html", StringComparison.Ordinal) || s.Contains("<body", StringComparison.Ordinal) || s.Contains("<p>", StringComparison.Ordinal)
            ? InputFormat.Html
            : InputFormat.Text;
    }
}
