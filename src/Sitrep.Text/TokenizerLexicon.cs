using System.Reflection;

namespace Sitrep.Text;

/// <summary>What the tokenizer knows about particular words: abbreviations, splits, sentence starters.</summary>
public enum AbbreviationKind : byte
{
    /// <summary>Keeps its period and may end a sentence (Inc., etc.).</summary>
    Final = 1,
    /// <summary>Keeps its period and precedes what it qualifies, so it never ends a sentence (Mr., Gen., Feb.).</summary>
    Title = 2,
    /// <summary>Keeps its period only before a number (No. 5).</summary>
    Number = 3,
}

/// <summary>
/// The word lists behind <see cref="Tokenizer"/>: a hand-written base (data/tokenizer/base.txt) and a
/// list derived from UD English train splits by <c>sitrep train tokenizer</c> (data/tokenizer/lexicon.txt).
/// Lines are KIND&lt;TAB&gt;VALUE[&lt;TAB&gt;SPLIT]; see base.txt for the kinds.
/// </summary>
public sealed class TokenizerLexicon
{
    private readonly Dictionary<string, AbbreviationKind> _abbreviations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Parts, bool Multiword)> _splits = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _starters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hyphenPrefixes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _hyphenLookup;
    private readonly Dictionary<string, AbbreviationKind>.AlternateLookup<ReadOnlySpan<char>> _abbreviationLookup;
    private readonly Dictionary<string, (byte[] Parts, bool Multiword)>.AlternateLookup<ReadOnlySpan<char>> _splitLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _starterLookup;

    private TokenizerLexicon()
    {
        _abbreviationLookup = _abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        _splitLookup = _splits.GetAlternateLookup<ReadOnlySpan<char>>();
        _starterLookup = _starters.GetAlternateLookup<ReadOnlySpan<char>>();
        _hyphenLookup = _hyphenPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public const string BaseResource = "Sitrep.Text.tokenizer.base.txt";
    public const string GeneratedResource = "Sitrep.Text.tokenizer.lexicon.txt";

    /// <summary>The shipped lexicon (embedded base and generated lists).</summary>
    public static TokenizerLexicon Embedded { get; } = LoadEmbedded();

    public int AbbreviationCount => _abbreviations.Count;
    public int SplitCount => _splits.Count;
    public int StarterCount => _starters.Count;

    /// <summary>Builds a lexicon from lexicon texts (later texts add to earlier ones); <paramref name="names"/> name them in errors.</summary>
    public static TokenizerLexicon Parse(IReadOnlyList<string> texts, IReadOnlyList<string> names)
    {
        var lexicon = new TokenizerLexicon();
        for (var i = 0; i < texts.Count; i++)
        {
            lexicon.Add(texts[i], names[i]);
        }
        return lexicon;
    }

    /// <summary>Loads the embedded lists, or the files of the same names from <paramref name="overrideDirectory"/> when given.</summary>
    public static TokenizerLexicon Load(string? overrideDirectory)
    {
        if (overrideDirectory is null)
        {
            return Embedded;
        }
        var names = new List<string>();
        var texts = new List<string>();
        foreach (var file in new[] { "base.txt", "lexicon.txt" })
        {
            var path = Path.Combine(overrideDirectory, file);
            if (File.Exists(path))
            {
                names.Add(path);
                texts.Add(File.ReadAllText(path));
            }
        }
        if (texts.Count == 0)
        {
            throw new FileNotFoundException($"no base.txt or lexicon.txt in tokenizer data directory '{overrideDirectory}'");
        }
        return Parse(texts, names);
    }

    private static TokenizerLexicon LoadEmbedded()
    {
        var names = new List<string>();
        var texts = new List<string>();
        var assembly = typeof(TokenizerLexicon).Assembly;
        foreach (var name in new[] { BaseResource, GeneratedResource })
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"embedded tokenizer resource '{name}' is missing from {assembly.GetName().Name}");
            using var reader = new StreamReader(stream);
            names.Add(name);
            texts.Add(reader.ReadToEnd());
        }
        return Parse(texts, names);
    }

    private void Add(string text, string name)
    {
        var lineNo = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNo++;
            var line = raw.TrimEnd();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }
            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                throw new FormatException($"{name}:{lineNo}: expected KIND<TAB>VALUE");
            }
            var kind = line[..tab];
            var rest = line[(tab + 1)..];
            var tab2 = rest.IndexOf('\t');
            var value = (tab2 < 0 ? rest : rest[..tab2]).ToString();
            switch (kind)
            {
                case "title":
                    AddAbbreviation(value, AbbreviationKind.Title);
                    break;
                case "abbr":
                    AddAbbreviation(value, AbbreviationKind.Final);
                    break;
                case "numabbr":
                    AddAbbreviation(value, AbbreviationKind.Number);
                    break;
                case "start":
                    _starters.Add(value);
                    break;
                case "hyphen":
                    _hyphenPrefixes.Add(value.TrimEnd('-'));
                    break;
                case "mwt" or "split":
                    if (tab2 < 0)
                    {
                        throw new FormatException($"{name}:{lineNo}: {kind} needs the split parts after a tab");
                    }
                    _splits.TryAdd(value, (SplitLengths(value, rest[(tab2 + 1)..].ToString(), name, lineNo), kind is "mwt"));
                    break;
                default:
                    throw new FormatException($"{name}:{lineNo}: unknown kind '{kind}'");
            }
        }
    }

    private void AddAbbreviation(string value, AbbreviationKind kind)
    {
        // Entries are stored without the final period (the tokenizer sees "Gen" followed by ".").
        var key = value.EndsWith('.') ? value[..^1] : value;
        // The first list that names an abbreviation decides its kind: the hand-written base wins.
        _abbreviations.TryAdd(key, kind);
        // A lower-case abbreviation may also start a sentence capitalised (etc. / Etc.).
        if (key.Length > 0 && char.IsLower(key[0]))
        {
            var cap = char.ToUpperInvariant(key[0]) + key[1..];
            _abbreviations.TryAdd(cap, kind);
        }
    }

    private static byte[] SplitLengths(string word, string parts, string name, int lineNo)
    {
        var split = parts.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (string.Concat(split) != word || split.Length < 2)
        {
            throw new FormatException($"{name}:{lineNo}: parts '{parts}' do not spell '{word}'");
        }
        return [.. split.Select(p => (byte)p.Length)];
    }

    /// <summary>The abbreviation kind of a word written without its final period, or 0.</summary>
    public AbbreviationKind Abbreviation(ReadOnlySpan<char> wordWithoutPeriod) =>
        _abbreviationLookup.TryGetValue(wordWithoutPeriod, out var kind) ? kind : 0;

    /// <summary>
    /// The part lengths of a word UD splits without an apostrophe, and whether the parts form one
    /// multiword token (cannot = can + not) or separate tokens (alot = a lot); null if none.
    /// </summary>
    public byte[]? Split(ReadOnlySpan<char> word, out bool multiword)
    {
        if (_splitLookup.TryGetValue(word, out var entry))
        {
            multiword = entry.Multiword;
            return entry.Parts;
        }
        multiword = false;
        return null;
    }

    public bool IsStarter(ReadOnlySpan<char> word) => _starterLookup.Contains(word);

    /// <summary>Whether a hyphen after this word stays inside it (e-mail, non-profit, co-founder).</summary>
    public bool IsHyphenPrefix(ReadOnlySpan<char> word) => _hyphenLookup.Contains(word);
}
