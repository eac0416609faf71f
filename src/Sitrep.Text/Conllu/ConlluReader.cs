namespace Sitrep.Text.Conllu;

/// <summary>
/// Streaming CoNLL-U reader (universaldependencies.org/format.html). Reads one sentence at a time;
/// repeated column values (tags, relations, features) are shared so a treebank costs little memory.
/// Malformed input throws <see cref="FormatException"/> naming the source and line.
/// </summary>
public sealed class ConlluReader
{
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _line;

    public ConlluReader(TextReader reader, string sourceName)
    {
        _reader = reader;
        _source = sourceName;
        _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>All sentences of a file.</summary>
    public static IEnumerable<ConlluSentence> ReadFile(string path)
    {
        using var stream = new StreamReader(path, System.Text.Encoding.UTF8, true, 1 << 16);
        var reader = new ConlluReader(stream, path);
        while (reader.Next() is { } sentence)
        {
            yield return sentence;
        }
    }

    /// <summary>All sentences of a CoNLL-U string; <paramref name="sourceName"/> names it in errors.</summary>
    public static List<ConlluSentence> Parse(string text, string sourceName = "<string>")
    {
        var reader = new ConlluReader(new StringReader(text), sourceName);
        var list = new List<ConlluSentence>();
        while (reader.Next() is { } sentence)
        {
            list.Add(sentence);
        }
        return list;
    }

    /// <summary>The next sentence, or null at the end of input.</summary>
    public ConlluSentence? Next()
    {
        List<string>? comments = null;
        var words = new List<ConlluWord>();
        List<ConlluMultiword>? multi = null;
        List<ConlluEmptyNode>? empty = null;
        var startLine = 0;
        Span<Range> cols = stackalloc Range[11];
        while (_reader.ReadLine() is { } line)
        {
            _line++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                if (startLine == 0)
                {
                    continue;
                }
                break;
            }
            if (startLine == 0)
            {
                startLine = _line;
            }
            if (line[0] == '#')
            {
                (comments ??= []).Add(line.AsSpan(1).Trim().ToString());
                continue;
            }
            var span = line.AsSpan();
            var n = span.Split(cols, '\t');
            if (n != 10)
            {
                throw Error($"expected 10 tab-separated columns, found {n}");
            }
            var id = span[cols[0]];
            var dash = id.IndexOf('-');
            if (dash > 0)
            {
                var first = ParseInt(id[..dash], "multiword token id");
                var last = ParseInt(id[(dash + 1)..], "multiword token id");
                if (last < first)
                {
                    throw Error($"multiword token range {id} is empty");
                }
                (multi ??= []).Add(new ConlluMultiword(first, last, span[cols[1]].ToString(), Intern(span[cols[9]])));
                continue;
            }
            if (id.IndexOf('.') > 0)
            {
                (empty ??= []).Add(new ConlluEmptyNode(id.ToString(), span[cols[1]].ToString(), span[cols[2]].ToString(),
                    Intern(span[cols[3]]), Intern(span[cols[4]]), Intern(span[cols[5]]), span[cols[8]].ToString(), Intern(span[cols[9]])));
                continue;
            }
            var wordId = ParseInt(id, "word id");
            if (wordId != words.Count + 1)
            {
                throw Error($"word id {wordId} out of sequence (expected {words.Count + 1})");
            }
            var headCol = span[cols[6]];
            var head = headCol is "_" ? -1 : ParseInt(headCol, "head");
            words.Add(new ConlluWord(
                wordId,
                InternShort(span[cols[1]]),
                InternShort(span[cols[2]]),
                Intern(span[cols[3]]),
                Intern(span[cols[4]]),
                Intern(span[cols[5]]),
                head,
                Intern(span[cols[7]]),
                InternShort(span[cols[8]]),
                Intern(span[cols[9]])));
        }
        if (startLine == 0)
        {
            return null;
        }
        if (words.Count == 0)
        {
            throw Error($"sentence starting at line {startLine} has no words");
        }
        if (multi is not null)
        {
            foreach (var m in multi)
            {
                if (m.Last > words.Count)
                {
                    throw Error($"multiword token {m.First}-{m.Last} '{m.Form}' reaches past the last word {words.Count}");
                }
            }
        }
        return new ConlluSentence(
            (IReadOnlyList<string>?)comments ?? [],
            [.. words],
            multi is null ? [] : [.. multi],
            empty is null ? [] : [.. empty],
            startLine);
    }

    private int ParseInt(ReadOnlySpan<char> s, string what)
    {
        if (!int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
        {
            throw Error($"bad {what} '{s}'");
        }
        return v;
    }

    private string Intern(ReadOnlySpan<char> s)
    {
        if (_lookup.TryGetValue(s, out var v))
        {
            return v;
        }
        var str = s.ToString();
        _pool[str] = str;
        return str;
    }

    // Forms and lemmas are open-class: share only short ones (function words, punctuation)
    // so the pool does not grow with the vocabulary.
    private string InternShort(ReadOnlySpan<char> s) => s.Length <= 4 ? Intern(s) : s.ToString();

    private FormatException Error(string message) => new($"{_source}:{_line}: {message}");
}
