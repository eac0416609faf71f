namespace Sitrep.Syntax;

/// <summary>
/// A three-level hierarchy of word clusters (64 coarse clusters, each split into up to 8, each of
/// those into up to 8: 4,096 leaves), learnt by <see cref="ClusterTrainer"/> from word vectors
/// trained on billions of words. The treebanks have a few hundred thousand words, so most words
/// in news are rare or unseen there; their cluster says what kind of word they are ("Bakhmut"
/// sits with other towns, "shelled" with other attack verbs), which the tagger and parser use
/// as features beside the word itself (Koo et al. 2008 did the same with Brown clusters).
/// </summary>
internal sealed class WordClusters
{
    public const int TopClusters = 64;
    public const int Branching = 8;
    public const int Leaves = TopClusters * Branching * Branching;
    private const int Format = 2;

    private readonly Dictionary<ulong, ushort> _leafByLowerHash;
    // The words as one newline-separated string: a model load then hashes slices of it instead
    // of allocating a quarter of a million strings. The list is only built when asked for.
    private readonly string _block;
    private readonly ushort[] _leaves;
    private string[]? _words;

    /// <param name="words">Lowercased words, most frequent first (duplicates after the first are ignored; no newlines).</param>
    /// <param name="leaves">Each word's leaf, 0 ≤ leaf &lt; <see cref="Leaves"/>: coarse * 64 + mid * 8 + fine.</param>
    public WordClusters(IReadOnlyList<string> words, IReadOnlyList<ushort> leaves)
        : this(Join(words), leaves.ToArray())
    {
    }

    private WordClusters(string block, ushort[] leaves)
    {
        _block = block;
        _leaves = leaves;
        _leafByLowerHash = Index(block, leaves);
    }

    private static string Join(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Length == 0 || words[i].Contains('\n'))
            {
                throw new ArgumentException($"word clusters: word {i} is empty or contains a newline");
            }
        }
        return string.Join('\n', words);
    }

    private static Dictionary<ulong, ushort> Index(string block, ushort[] leaves)
    {
        var index = new Dictionary<ulong, ushort>(leaves.Length);
        var start = 0;
        for (var i = 0; i < leaves.Length; i++)
        {
            if (start > block.Length)
            {
                throw new InvalidDataException($"word clusters: {i} words stored, {leaves.Length} declared");
            }
            var end = block.IndexOf('\n', start);
            if (end < 0)
            {
                end = block.Length;
            }
            if (leaves[i] >= Leaves)
            {
                throw new InvalidDataException($"word clusters: leaf {leaves[i]} of word {i} ('{block[start..end]}') is out of range");
            }
            index.TryAdd(Hashing.Of(block.AsSpan(start, end - start)), leaves[i]);
            start = end + 1;
        }
        if (leaves.Length > 0 && start != block.Length + 1)
        {
            throw new InvalidDataException($"word clusters: more words stored than the {leaves.Length} declared");
        }
        return index;
    }

    /// <summary>No clusters: every word is unknown (a model trained without vectors).</summary>
    public static WordClusters None { get; } = new([], []);

    public IReadOnlyList<string> Words => _words ??= _leaves.Length == 0 ? [] : _block.Split('\n');
    public IReadOnlyList<ushort> LeafOfWord => _leaves;
    public int Count => _leaves.Length;

    /// <summary>The word's leaf + 1, or 0 when the word has no vector.</summary>
    public int Code(ulong lowerHash) => _leafByLowerHash.TryGetValue(lowerHash, out var leaf) ? leaf + 1 : 0;

    /// <summary>Cluster feature values at the three levels (fine, mid, coarse); 0 for a word with no vector.</summary>
    public static (ulong Fine, ulong Mid, ulong Coarse) Levels(int code) =>
        code == 0 ? (0, 0, 0) : ((ulong)code, (ulong)((code - 1) / Branching + 1), (ulong)((code - 1) / (Branching * Branching) + 1));

    /// <summary>The word's leaf as a path "coarse.mid.fine" (for inspection), or null.</summary>
    public string? Path(string word)
    {
        var code = Code(Hashing.OfLower(word));
        if (code == 0)
        {
            return null;
        }
        var leaf = code - 1;
        return $"{leaf / (Branching * Branching)}.{leaf / Branching % Branching}.{leaf % Branching}";
    }

    public void Write(BinaryWriter output)
    {
        output.Write(Format);
        output.Write(Count);
        var block = System.Text.Encoding.UTF8.GetBytes(_block);
        output.Write(block.Length);
        output.Write(block);
        output.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_leaves.AsSpan()));
    }

    public static WordClusters Read(BinaryReader input)
    {
        var format = input.ReadInt32();
        if (format != Format)
        {
            throw new InvalidDataException($"word clusters: unknown format {format}");
        }
        var count = input.ReadInt32();
        var bytes = input.ReadInt32();
        if (count < 0 || bytes < 0)
        {
            throw new InvalidDataException($"word clusters: bad sizes ({count} words, {bytes} bytes)");
        }
        var block = input.ReadBytes(bytes);
        var leafBytes = input.ReadBytes(count * sizeof(ushort));
        if (block.Length != bytes || leafBytes.Length != count * sizeof(ushort))
        {
            throw new EndOfStreamException("word clusters: file is truncated");
        }
        var leaves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(leafBytes).ToArray();
        return new WordClusters(System.Text.Encoding.UTF8.GetString(block), leaves);
    }
}
