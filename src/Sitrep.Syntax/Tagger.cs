namespace Sitrep.Syntax;

/// <summary>
/// Per-sentence word features, computed once and shared by the tagger passes. Arrays are
/// padded by <see cref="Pad"/> on both sides so context lookups need no bounds checks.
/// </summary>
internal sealed class WordFeatures
{
    public const int Pad = 2;
    public ulong[] Word = new ulong[64];
    public ulong[] Lower = new ulong[64];
    public ulong[] Shape = new ulong[64];
    public ulong[] Pre1 = new ulong[64];
    public ulong[] Pre2 = new ulong[64];
    public ulong[] Pre3 = new ulong[64];
    public ulong[] Suf1 = new ulong[64];
    public ulong[] Suf2 = new ulong[64];
    public ulong[] Suf3 = new ulong[64];
    public ulong[] Suf4 = new ulong[64];
    public ulong[] Amb = new ulong[64];
    public ulong[] ClusterFine = new ulong[64];
    public ulong[] ClusterMid = new ulong[64];
    public ulong[] ClusterCoarse = new ulong[64];
    public int Length;

    /// <summary>Computes the features of the words text[starts[i]..ends[i]].</summary>
    public void Fill(string text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, IReadOnlyDictionary<ulong, ulong> ambiguity, WordClusters clusters)
    {
        var n = starts.Length;
        Length = n;
        var size = n + 2 * Pad;
        if (Word.Length < size)
        {
            var cap = Math.Max(size, Word.Length * 2);
            Word = new ulong[cap];
            Lower = new ulong[cap];
            Shape = new ulong[cap];
            Pre1 = new ulong[cap];
            Pre2 = new ulong[cap];
            Pre3 = new ulong[cap];
            Suf1 = new ulong[cap];
            Suf2 = new ulong[cap];
            Suf3 = new ulong[cap];
            Suf4 = new ulong[cap];
            Amb = new ulong[cap];
            ClusterFine = new ulong[cap];
            ClusterMid = new ulong[cap];
            ClusterCoarse = new ulong[cap];
        }
        for (var p = 0; p < Pad; p++)
        {
            SetBoundary(p, 1000 + (ulong)p);
            SetBoundary(n + Pad + p, 2000 + (ulong)p);
        }
        Span<char> lowered = stackalloc char[64];
        for (var i = 0; i < n; i++)
        {
            var s = text.AsSpan(starts[i], ends[i] - starts[i]);
            var j = i + Pad;
            Word[j] = Hashing.Of(s);
            Shape[j] = Hashing.Shape(s);
            // Lowercase once; the affix hashes are then plain hashes of slices of it. (Words longer
            // than the buffer, URLs mostly, are rare enough to allocate.)
            var low = s.Length <= lowered.Length ? lowered[..s.Length] : new char[s.Length];
            for (var k = 0; k < s.Length; k++)
            {
                low[k] = char.ToLowerInvariant(s[k]);
            }
            Lower[j] = Hashing.Of(low);
            Pre1[j] = Hashing.LoweredPrefix(low, 1);
            Pre2[j] = Hashing.LoweredPrefix(low, 2);
            Pre3[j] = Hashing.LoweredPrefix(low, 3);
            Suf1[j] = Hashing.LoweredSuffix(low, 1);
            Suf2[j] = Hashing.LoweredSuffix(low, 2);
            Suf3[j] = Hashing.LoweredSuffix(low, 3);
            Suf4[j] = Hashing.LoweredSuffix(low, 4);
            Amb[j] = ambiguity.TryGetValue(Lower[j], out var a) ? a : 7 + Shape[j];
            (ClusterFine[j], ClusterMid[j], ClusterCoarse[j]) = WordClusters.Levels(clusters.Code(Lower[j]));
        }
    }

    private void SetBoundary(int j, ulong v)
    {
        Word[j] = Lower[j] = Shape[j] = Pre1[j] = Pre2[j] = Pre3[j] = Suf1[j] = Suf2[j] = Suf3[j] = Suf4[j] = Amb[j] = v;
        // Cluster codes are small numbers, so the padding takes values none of them can have.
        ClusterFine[j] = ClusterMid[j] = ClusterCoarse[j] = v << 32;
    }
}

/// <summary>
/// Part-of-speech tagger: a greedy left-to-right averaged perceptron predicting the (XPOS, UPOS)
/// pair jointly, so the two tag sets never disagree. Features: the word, its affixes and shape,
/// two words of context each side, the previous two predicted tags, and ambiguity classes (the
/// tags a word took in training) of the neighbours, which stand in for right-context tags (a
/// second pass over first-pass tags was tried and gained nothing on EWT dev), and the word
/// clusters of the word and its neighbours.
/// </summary>
internal sealed class Tagger
{
    public const int MaxFeatures = 48;

    public Tagger(string[] xpos, string[] upos, SparseWeights weights, Dictionary<ulong, ulong> ambiguity, WordClusters clusters)
    {
        Xpos = xpos;
        Upos = upos;
        Weights = weights;
        Ambiguity = ambiguity;
        Clusters = clusters;
    }

    public string[] Xpos { get; }
    public string[] Upos { get; }
    public SparseWeights Weights { get; }
    public Dictionary<ulong, ulong> Ambiguity { get; }
    /// <summary>Word clusters the tagger's and parser's features were trained with (stored in their own file).</summary>
    public WordClusters Clusters { get; }
    public int Classes => Xpos.Length;

    /// <summary>Writes the features of word <paramref name="i"/> given the tags chosen so far; returns their count.</summary>
    public static int Features(WordFeatures w, int i, ReadOnlySpan<int> tags, Span<ulong> f)
    {
        var j = i + WordFeatures.Pad;
        var t1 = i >= 1 ? (ulong)tags[i - 1] + 1 : 0;
        var t2 = i >= 2 ? (ulong)tags[i - 2] + 1 : 0;
        var n = 0;
        f[n++] = Hashing.F(1, 0);
        f[n++] = Hashing.F(2, w.Lower[j]);
        f[n++] = Hashing.F(3, w.Word[j]);
        f[n++] = Hashing.F(4, w.Suf1[j]);
        f[n++] = Hashing.F(5, w.Suf2[j]);
        f[n++] = Hashing.F(6, w.Suf3[j]);
        f[n++] = Hashing.F(7, w.Suf4[j]);
        f[n++] = Hashing.F(8, w.Pre1[j]);
        f[n++] = Hashing.F(9, w.Pre2[j]);
        f[n++] = Hashing.F(10, w.Pre3[j]);
        f[n++] = Hashing.F(11, w.Shape[j]);
        f[n++] = Hashing.F(12, w.Lower[j - 1]);
        f[n++] = Hashing.F(13, w.Lower[j - 2]);
        f[n++] = Hashing.F(14, w.Lower[j + 1]);
        f[n++] = Hashing.F(15, w.Lower[j + 2]);
        f[n++] = Hashing.F(16, w.Suf3[j - 1]);
        f[n++] = Hashing.F(17, w.Suf3[j + 1]);
        f[n++] = Hashing.F(18, w.Shape[j - 1]);
        f[n++] = Hashing.F(19, w.Shape[j + 1]);
        f[n++] = Hashing.F(20, t1);
        f[n++] = Hashing.F(21, t1, t2);
        f[n++] = Hashing.F(22, t1, w.Lower[j]);
        f[n++] = Hashing.F(23, w.Amb[j]);
        f[n++] = Hashing.F(24, w.Amb[j + 1]);
        f[n++] = Hashing.F(25, w.Amb[j + 2]);
        f[n++] = Hashing.F(26, w.Amb[j - 1]);
        f[n++] = Hashing.F(27, t1, w.Amb[j + 1]);
        f[n++] = Hashing.F(28, w.Amb[j], w.Amb[j + 1]);
        f[n++] = Hashing.F(29, w.Lower[j], w.Lower[j + 1]);
        f[n++] = Hashing.F(30, w.Lower[j - 1], w.Lower[j]);
        f[n++] = Hashing.F(31, t1, w.Suf3[j]);
        f[n++] = Hashing.F(32, i == 0 ? 1UL : 0UL, w.Shape[j]);
        f[n++] = Hashing.F(33, t2);
        f[n++] = Hashing.F(34, t1, w.Amb[j]);
        f[n++] = Hashing.F(35, w.Amb[j], w.Suf3[j]);
        f[n++] = Hashing.F(36, w.Amb[j + 1], w.Amb[j + 2]);
        f[n++] = Hashing.F(37, w.Lower[j], w.Amb[j + 1]);
        f[n++] = Hashing.F(38, t1, w.Lower[j + 1]);
        f[n++] = Hashing.F(39, w.ClusterFine[j]);
        f[n++] = Hashing.F(40, w.ClusterMid[j]);
        f[n++] = Hashing.F(41, w.ClusterCoarse[j]);
        f[n++] = Hashing.F(42, w.ClusterFine[j - 1]);
        f[n++] = Hashing.F(43, w.ClusterFine[j + 1]);
        f[n++] = Hashing.F(44, t1, w.ClusterMid[j]);
        f[n++] = Hashing.F(45, w.ClusterMid[j], w.ClusterMid[j + 1]);
        f[n++] = Hashing.F(46, w.ClusterMid[j], w.Suf3[j]);
        return n;
    }

    /// <summary>Tags the sentence described by <paramref name="w"/> into <paramref name="tags"/>.</summary>
    public void Predict(WordFeatures w, Span<int> tags) => Predict(Weights, Classes, w, tags);

    public static void Predict(IScorer weights, int classes, WordFeatures w, Span<int> tags)
    {
        Span<ulong> f = stackalloc ulong[MaxFeatures];
        Span<float> scores = stackalloc float[classes];
        for (var i = 0; i < w.Length; i++)
        {
            var n = Features(w, i, tags, f);
            weights.Score(f[..n], scores);
            tags[i] = ArgMax(scores);
        }
    }

    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }
        return best;
    }

    public void Write(BinaryWriter output)
    {
        output.Write(Classes);
        for (var c = 0; c < Classes; c++)
        {
            output.Write(Xpos[c]);
            output.Write(Upos[c]);
        }
        output.Write(Ambiguity.Count);
        foreach (var (k, v) in Ambiguity.OrderBy(p => p.Key))
        {
            output.Write(k);
            output.Write(v);
        }
        Weights.Write(output);
    }

    public static Tagger Read(BinaryReader input, WordClusters clusters)
    {
        var classes = input.ReadInt32();
        var xpos = new string[classes];
        var upos = new string[classes];
        for (var c = 0; c < classes; c++)
        {
            xpos[c] = string.Intern(input.ReadString());
            upos[c] = string.Intern(input.ReadString());
        }
        var count = input.ReadInt32();
        var amb = new Dictionary<ulong, ulong>(count);
        for (var i = 0; i < count; i++)
        {
            amb[input.ReadUInt64()] = input.ReadUInt64();
        }
        return new Tagger(xpos, upos, SparseWeights.Read(input), amb, clusters);
    }
}
