using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace Sitrep.Ingest;

/// <summary>
/// Reads news articles from files, directories, globs and stdin ("-"), in plain text, JSON Lines,
/// JSON, HTML and RSS/Atom, and yields them one by one with any problems found on the way. Nothing throws
/// for bad input: each problem is an <see cref="InputError"/> naming the input and position, and
/// reading goes on with the next record or input. JSON Lines is streamed, so memory stays bounded
/// on inputs of any size; gzip-compressed inputs (".jsonl.gz") are decompressed on the fly.
/// </summary>
public static class InputReader
{
    public const string StdinName = "<stdin>";
    private const int HeaderSize = 8192;

    /// <summary>Reads every input in order; a directory or glob expands to its files in ordinal path order.</summary>
    public static IEnumerable<InputItem> Read(IReadOnlyList<string> inputs, IngestOptions? options = null)
    {
        var builder = new ArticleBuilder(options ?? IngestOptions.Default);
        foreach (var input in inputs)
        {
            if (input == "-")
            {
                foreach (var item in ReadStream(Console.OpenStandardInput(), StdinName, StdinName, builder))
                {
                    yield return item;
                }
                continue;
            }
            foreach (var entry in InputPaths.Expand(input))
            {
                if (entry.Error is { } error)
                {
                    yield return error;
                    continue;
                }
                foreach (var item in ReadFile(entry.Path!, builder))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>Reads one stream (a pipe, a network body, a test fixture); <paramref name="name"/> is used in errors and to detect the format by extension.</summary>
    public static IEnumerable<InputItem> ReadStream(Stream stream, string name, IngestOptions? options = null) =>
        ReadStream(stream, name, name, new ArticleBuilder(options ?? IngestOptions.Default));

    private static IEnumerable<InputItem> ReadFile(string path, ArticleBuilder builder)
    {
        Stream? stream = null;
        string? error = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = "cannot open: " + ex.Message;
        }
        if (stream is null)
        {
            yield return new InputError(path, 0, -1, Severity.Error, error!);
            yield break;
        }
        foreach (var item in ReadStream(stream, path, path, builder))
        {
            yield return item;
        }
    }

    private static IEnumerable<InputItem> ReadStream(Stream raw, string input, string nameForFormat, ArticleBuilder builder)
    {
        var options = builder.Options;
        var opened = Open(raw, input, nameForFormat, options, out var problems);
        foreach (var p in problems)
        {
            yield return p;
        }
        if (opened is not { } o)
        {
            raw.Dispose();
            yield break;
        }
        using var stream = o.Stream;
        var items = o.Format == InputFormat.Jsonl
            ? JsonlFormat.Read(stream, input, o.BaseOffset, builder)
            : ReadDocument(stream, input, o, builder);
        foreach (var item in items)
        {
            yield return item;
        }
    }

    private readonly record struct Opened(Stream Stream, InputFormat Format, long BaseOffset);

    /// <summary>Decompression, BOMs, binary and empty checks, format detection and declared charsets: everything before the bytes are read as UTF-8.</summary>
    private static Opened? Open(Stream raw, string input, string name, IngestOptions options, out List<InputError> problems)
    {
        problems = [];
        try
        {
            var (header, length, stream) = PrefixStream.Peek(raw, HeaderSize);
            if (length >= 2 && header[0] == 0x1F && header[1] == 0x8B)
            {
                (header, length, stream) = PrefixStream.Peek(new GZipStream(stream, CompressionMode.Decompress), HeaderSize);
                if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                {
                    name = name[..^3];
                }
            }
            var (bomEncoding, bomLength) = EncodingSniffer.DetectBom(header.AsSpan(0, length));
            long baseOffset = bomLength;
            if (bomEncoding is not null)
            {
                stream.ReadExactly(new byte[bomLength]);
                (header, length, stream) = PrefixStream.Peek(Encoding.CreateTranscodingStream(stream, bomEncoding, Encoding.UTF8), HeaderSize);
                // Offsets below are in the UTF-8 transcoding, not in the UTF-16/32 file.
                baseOffset = 0;
            }
            else if (bomLength > 0)
            {
                stream.ReadExactly(new byte[bomLength]);
                (header, length, stream) = PrefixStream.Peek(stream, HeaderSize);
            }
            var h = header.AsSpan(0, length);
            // The header holds the whole input when it is shorter than HeaderSize.
            if (length < HeaderSize && h.Trim("\t\n\r \u000B\f"u8).IsEmpty)
            {
                problems.Add(new InputError(input, 0, -1, Severity.Warning, length == 0 ? "empty file; no article" : "file holds only whitespace; no article"));
                stream.Dispose();
                return null;
            }
            if (BinaryReason(h) is { } reason)
            {
                var nul = h.IndexOf((byte)0);
                problems.Add(new InputError(input, 0, nul >= 0 ? baseOffset + nul : -1, Severity.Error, $"binary file ({reason}); not read"));
                stream.Dispose();
                return null;
            }
            var format = options.Format != InputFormat.Auto ? options.Format : FormatDetector.Detect(name, h);
            if (bomEncoding is null && format is InputFormat.Html or InputFormat.Feed
                && EncodingSniffer.Declared(h, format == InputFormat.Html, out var declared) is { } label)
            {
                // A document's own declaration beats --encoding.
                if (declared is not null)
                {
                    stream = Encoding.CreateTranscodingStream(stream, declared, Encoding.UTF8);
                    baseOffset = 0;
                }
                else if (!EncodingSniffer.IsUnicode(label))
                {
                    problems.Add(new InputError(input, 0, -1, Severity.Warning, $"unknown charset '{label}'; read as UTF-8"));
                }
            }
            else if (bomEncoding is null && options.Encoding is { } given && given.CodePage != Encoding.UTF8.CodePage)
            {
                stream = Encoding.CreateTranscodingStream(stream, given, Encoding.UTF8);
                baseOffset = 0;
            }
            return new Opened(stream, format, baseOffset);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            problems.Add(new InputError(input, 0, -1, Severity.Error, "cannot read: " + ex.Message));
            return null;
        }
    }

    /// <summary>Why the header looks binary (NUL bytes, as git decides, or a known binary signature), or null.</summary>
    private static string? BinaryReason(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith("%PDF-"u8))
        {
            return "PDF";
        }
        if (h.IndexOf((byte)0) >= 0)
        {
            return "contains NUL bytes";
        }
        var controls = 0;
        foreach (var b in h)
        {
            if (b < 0x09 || b is > 0x0D and < 0x20 and not 0x1B)
            {
                controls++;
            }
        }
        return controls * 100 > h.Length ? "contains control bytes" : null;
    }

    /// <summary>Text, HTML and feeds: read whole (bounded by MaxRecordBytes), decode, then parse.</summary>
    private static List<InputItem> ReadDocument(Stream stream, string input, Opened o, ArticleBuilder builder)
    {
        var items = new List<InputItem>();
        byte[] bytes;
        try
        {
            bytes = ReadBounded(stream, builder.Options.MaxRecordBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            items.Add(new InputError(input, 0, -1, Severity.Error, "cannot read: " + ex.Message));
            return items;
        }
        if (bytes.LongLength > builder.Options.MaxRecordBytes)
        {
            items.Add(new InputError(input, 0, builder.Options.MaxRecordBytes, Severity.Error,
                $"larger than the {builder.Options.MaxRecordBytes:N0}-byte record limit; not read (raise it with --max-record-mb)"));
            return items;
        }
        var text = Utf8Text.Decode(bytes, out var firstInvalid, out var invalidCount);
        if (firstInvalid >= 0)
        {
            items.Add(InvalidUtf8(input, 0, o.BaseOffset + firstInvalid, invalidCount));
        }
        switch (o.Format)
        {
            case InputFormat.Html:
                HtmlFormat.Read(text, input, builder, items);
                break;
            case InputFormat.Feed:
                FeedFormat.Read(text, input, builder, items);
                break;
            case InputFormat.Json:
                JsonlFormat.ReadDocument(firstInvalid >= 0 ? Encoding.UTF8.GetBytes(text) : bytes, input, builder, items);
                break;
            default:
                TextFormat.Read(text, input, builder, items);
                break;
        }
        return items;
    }

    internal static InputError InvalidUtf8(string input, long line, long offset, int count) =>
        new(input, line, offset, Severity.Warning,
            $"invalid UTF-8 at byte {offset}{(count > 1 ? $" and {count - 1} more place(s)" : "")}; replaced with U+FFFD");

    /// <summary>Reads at most <paramref name="max"/> + 1 bytes, so an oversized input is noticed without being buffered.</summary>
    private static byte[] ReadBounded(Stream stream, long max)
    {
        using var ms = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (ms.Length <= max)
            {
                var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, max + 1 - ms.Length));
                if (n == 0)
                {
                    break;
                }
                ms.Write(buffer, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return ms.ToArray();
    }
}
