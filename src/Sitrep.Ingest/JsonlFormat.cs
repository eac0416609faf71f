using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sitrep.Ingest;

/// <summary>
/// JSON Lines, streamed: bytes are read in 64 KB chunks and split at '\n'; only the current line is
/// buffered, and a line over <see cref="IngestOptions.MaxRecordBytes"/> is skipped without being
/// buffered, so memory is bounded and time linear on any input, including one giant line.
/// </summary>
internal static class JsonlFormat
{
    private const int ChunkSize = 1 << 16;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static IEnumerable<InputItem> Read(Stream stream, string input, long baseOffset, ArticleBuilder builder)
    {
        var max = builder.Options.MaxRecordBytes;
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var line = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var lineLength = 0;
        var oversize = false;
        long lineNumber = 1;
        var lineStart = baseOffset;
        var position = baseOffset;
        var output = new List<InputItem>(2);
        try
        {
            while (true)
            {
                var n = TryRead(stream, chunk, out var readError);
                if (readError is not null)
                {
                    yield return new InputError(input, lineNumber, position, Severity.Error, "cannot read: " + readError);
                    yield break;
                }
                if (n == 0)
                {
                    if (lineLength > 0 || oversize)
                    {
                        Finish(line, lineLength, oversize, input, lineNumber, lineStart, builder, output);
                    }
                    foreach (var item in output)
                    {
                        yield return item;
                    }
                    yield break;
                }
                var i = 0;
                while (i < n)
                {
                    var nl = chunk.AsSpan(i, n - i).IndexOf((byte)'\n');
                    var end = nl < 0 ? n : i + nl;
                    var piece = end - i;
                    if (!oversize)
                    {
                        if (lineLength + (long)piece > max)
                        {
                            // Skip the rest of this record without buffering it.
                            oversize = true;
                            lineLength = 0;
                        }
                        else
                        {
                            if (lineLength + piece > line.Length)
                            {
                                line = Grow(line, lineLength, lineLength + piece, max);
                            }
                            chunk.AsSpan(i, piece).CopyTo(line.AsSpan(lineLength));
                            lineLength += piece;
                        }
                    }
                    if (nl < 0)
                    {
                        break;
                    }
                    Finish(line, lineLength, oversize, input, lineNumber, lineStart, builder, output);
                    foreach (var item in output)
                    {
                        yield return item;
                    }
                    output.Clear();
                    lineNumber++;
                    lineStart = position + end + 1;
                    lineLength = 0;
                    oversize = false;
                    if (line.Length > 4 * ChunkSize)
                    {
                        // Do not keep a huge buffer alive after one huge record.
                        ArrayPool<byte>.Shared.Return(line);
                        line = ArrayPool<byte>.Shared.Rent(ChunkSize);
                    }
                    i = end + 1;
                }
                position += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            ArrayPool<byte>.Shared.Return(line);
        }
    }

    private static int TryRead(Stream stream, byte[] buffer, out string? error)
    {
        try
        {
            error = null;
            return stream.Read(buffer, 0, buffer.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = ex.Message;
            return 0;
        }
    }

    private static byte[] Grow(byte[] line, int used, int needed, long max)
    {
        var size = (int)Math.Min(Math.Max((long)line.Length * 2, needed), Math.Max(max, needed));
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        line.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(line);
        return bigger;
    }

    private static void Finish(byte[] buffer, int length, bool oversize, string input, long lineNumber, long lineStart,
        ArticleBuilder builder, List<InputItem> output)
    {
        if (oversize)
        {
            output.Add(new InputError(input, lineNumber, lineStart, Severity.Error,
                $"record longer than the {builder.Options.MaxRecordBytes:N0}-byte limit; skipped (raise it with --max-record-mb)"));
            return;
        }
        var raw = buffer.AsSpan(0, length);
        var trimmed = raw.Trim(" \t\r\f"u8);
        if (trimmed.IsEmpty)
        {
            return;
        }
        var leading = raw.Length - raw.TrimStart(" \t\r\f"u8).Length;
        // The document reads the line buffer in place; it is disposed before the buffer is reused.
        ReadOnlyMemory<byte> json = buffer.AsMemory(leading, trimmed.Length);
        if (!System.Text.Unicode.Utf8.IsValid(trimmed))
        {
            var text = Utf8Text.Decode(trimmed, out var firstInvalid, out var count);
            output.Add(InputReader.InvalidUtf8(input, lineNumber, lineStart + leading + firstInvalid, count));
            json = Encoding.UTF8.GetBytes(text);
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException ex)
        {
            var column = (ex.BytePositionInLine ?? 0) + leading;
            output.Add(new InputError(input, lineNumber, lineStart + column, Severity.Error,
                $"invalid JSON at byte {column + 1} of the line: {ShortMessage(ex)}"));
            return;
        }
        using (doc)
        {
            ReadRecord(doc.RootElement, input, lineNumber, lineStart, $"{input}:{lineNumber.ToString(CultureInfo.InvariantCulture)}", "", builder, output);
        }
    }

    // JsonException messages end with " Path: $ | LineNumber: 0 | BytePositionInLine: 5."; the position is reported separately.
    private static string ShortMessage(JsonException ex)
    {
        var m = ex.Message;
        var cut = m.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = m.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }
        return (cut > 0 ? m[..cut] : m).TrimEnd('.', ' ');
    }

    /// <summary>
    /// A JSON document (".json"): an array of article objects, or one object, possibly pretty-printed.
    /// It is parsed whole, so it is bounded by <see cref="IngestOptions.MaxRecordBytes"/>; use JSON Lines for big archives.
    /// </summary>
    public static void ReadDocument(byte[] bytes, string input, ArticleBuilder builder, List<InputItem> output)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes, ParseOptions);
        }
        catch (JsonException ex)
        {
            output.Add(new InputError(input, (ex.LineNumber ?? 0) + 1, -1, Severity.Error, $"invalid JSON: {ShortMessage(ex)}"));
            return;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                ReadRecord(doc.RootElement, input, 0, -1, input, "", builder, output);
                return;
            }
            var index = 0;
            foreach (var element in doc.RootElement.EnumerateArray())
            {
                index++;
                ReadRecord(element, input, 0, -1, $"{input}#{index}", $"element {index}: ", builder, output);
            }
        }
    }

    private static void ReadRecord(JsonElement root, string input, long lineNumber, long lineStart, string origin, string where,
        ArticleBuilder builder, List<InputItem> output)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            output.Add(new InputError(input, lineNumber, lineStart, Severity.Error, $"{where}expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}"));
            return;
        }
        var options = builder.Options;
        var text = Field(root, options.NamesFor(ArticleField.Text), out var textFound);
        if (!textFound)
        {
            output.Add(new InputError(input, lineNumber, lineStart, Severity.Error,
                $"{where}no text field (tried {string.Join(", ", options.NamesFor(ArticleField.Text))}; choose one with --field text=NAME)"));
            return;
        }
        var title = Field(root, options.NamesFor(ArticleField.Title), out _);
        if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(title))
        {
            output.Add(new InputError(input, lineNumber, lineStart, Severity.Warning, where + "empty text and title; skipped"));
            return;
        }
        DateTimeOffset? published = null;
        var publishedElement = Find(root, options.NamesFor(ArticleField.Published));
        if (publishedElement is { } pe)
        {
            if (pe.ValueKind == JsonValueKind.Number && pe.TryGetInt64(out var epoch) && DateParser.TryFromEpoch(epoch, out var fromEpoch))
            {
                published = fromEpoch;
            }
            else if (pe.ValueKind == JsonValueKind.String && DateParser.TryParse(pe.GetString(), out var parsed))
            {
                published = parsed;
            }
            else if (pe.ValueKind != JsonValueKind.Null)
            {
                output.Add(new InputError(input, lineNumber, lineStart, Severity.Warning,
                    $"{where}cannot read publication date {Truncate(pe.GetRawText())}; using --published or none"));
            }
        }
        var article = builder.Build(
            Field(root, options.NamesFor(ArticleField.Id), out _),
            title,
            text ?? "",
            Field(root, options.NamesFor(ArticleField.Url), out _),
            Field(root, options.NamesFor(ArticleField.Outlet), out _),
            published,
            origin);
        output.Add(new ArticleItem(input, lineNumber, article));
    }

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static JsonElement? Find(JsonElement root, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (Lookup(root, name) is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } e)
            {
                return e;
            }
        }
        return null;
    }

    /// <summary>A property by name, or by dotted path into nested objects ("meta.published").</summary>
    private static JsonElement? Lookup(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var direct))
        {
            return direct;
        }
        var current = root;
        foreach (var part in name.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return name.Contains('.') ? current : null;
    }

    /// <summary>
    /// A field as text: strings as they are, numbers as written, an array of strings as paragraphs,
    /// an object by its "name" (e.g. {"source": {"name": "VOA"}}).
    /// </summary>
    private static string? Field(JsonElement root, IReadOnlyList<string> names, out bool found)
    {
        found = false;
        if (Find(root, names) is not { } e)
        {
            return null;
        }
        found = true;
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number:
                return e.GetRawText();
            case JsonValueKind.Array:
                var sb = new StringBuilder();
                foreach (var part in e.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        if (sb.Length > 0)
                        {
                            sb.Append("\n\n");
                        }
                        sb.Append(part.GetString());
                    }
                }
                return sb.ToString();
            case JsonValueKind.Object:
                return e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            default:
                return null;
        }
    }
}
