using System.Runtime.InteropServices;

namespace Sitrep.Syntax;

/// <summary>
/// The accurate parser: a BiLSTM (two layers shipped) over word, tag, word-cluster and case
/// embeddings (plus fixed pretrained GloVe vectors when trained with them) and an MLP over the
/// top layer's vectors of s2, s1, s0 and b0 that scores every labelled arc-hybrid transition
/// (Kiperwasser &amp; Goldberg 2016), decoded greedily. 2.3 UAS / 2.5 LAS above the perceptron
/// <see cref="Parser"/> on EWT test, and about five times slower. Weights are stored as half
/// floats, pretrained vectors as bytes with one scale per word.
/// </summary>
internal sealed class NeuralParser
{
    /// <summary>Format 2 adds the number of BiLSTM layers to the sizes; format 1 files (one layer) still load.</summary>
    private const int Format = 2;

    private readonly Dictionary<ulong, int> _vocabulary;
    private readonly Dictionary<ulong, int> _pretrained;
    private readonly ulong[] _vocabularyKeys;
    private readonly ulong[] _pretrainedKeys;

    public NeuralParser(string[] labels, int rootLabel, NeuralNet net, ulong[] vocabulary, ulong[] pretrained)
    {
        var s = net.Shape;
        if (labels.Length != s.Labels || rootLabel < 0 || rootLabel >= labels.Length)
        {
            throw new InvalidDataException($"neural parser: {labels.Length} labels (root {rootLabel}) for a network of {s.Labels}");
        }
        if (vocabulary.Length != s.Words - 1 || (s.PretrainedWords > 0 ? pretrained.Length != s.PretrainedWords - 1 : pretrained.Length != 0))
        {
            throw new InvalidDataException($"neural parser: {vocabulary.Length} + {pretrained.Length} words for a network of {s.Words} + {s.PretrainedWords}");
        }
        Labels = labels;
        RootLabel = rootLabel;
        Net = net;
        _vocabularyKeys = vocabulary;
        _pretrainedKeys = pretrained;
        _vocabulary = Index(vocabulary);
        _pretrained = Index(pretrained);
    }

    public string[] Labels { get; }
    public int RootLabel { get; }
    public NeuralNet Net { get; }

    private static Dictionary<ulong, int> Index(ulong[] keys)
    {
        var index = new Dictionary<ulong, int>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            index.TryAdd(keys[i], i + 1);
        }
        return index;
    }

    /// <summary>0 lowercase or other, 1 capitalised, 2 all capitals, 3 with a digit.</summary>
    public static int CaseOf(ReadOnlySpan<char> word)
    {
        int upper = 0, letters = 0;
        foreach (var c in word)
        {
            if (char.IsDigit(c))
            {
                return 3;
            }
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }
        return letters > 1 && upper == letters ? 2 : word.Length > 0 && char.IsUpper(word[0]) ? 1 : 0;
    }

    public NeuralToken Token(ulong lowerHash, int tag, ReadOnlySpan<char> word, WordClusters clusters) =>
        TokenOf(lowerHash, tag, word, clusters, _vocabulary, _pretrained);

    /// <summary>What the network reads of a word (its lowercase hash, predicted tag class, text); shared with training.</summary>
    public static NeuralToken TokenOf(ulong lowerHash, int tag, ReadOnlySpan<char> word, WordClusters clusters, Dictionary<ulong, int> vocabulary, Dictionary<ulong, int> pretrained)
    {
        var (fine, mid, coarse) = WordClusters.Levels(clusters.Code(lowerHash));
        return new NeuralToken(vocabulary.GetValueOrDefault(lowerHash), tag, (int)coarse, (int)mid, (int)fine, CaseOf(word), pretrained.GetValueOrDefault(lowerHash));
    }

    public void Parse(ReadOnlySpan<NeuralToken> tokens, NeuralWork work, ParseState state) =>
        NeuralForward.Parse(Net, tokens, work, state, RootLabel);

    /// <summary>Makes sentence <paramref name="tokens"/> the next member of <paramref name="batch"/>.</summary>
    public void Add(NeuralBatch batch, ReadOnlySpan<NeuralToken> tokens)
    {
        var work = batch.Works[batch.Count++];
        work.Reset(tokens.Length);
        NeuralForward.Embed(Net, tokens, work);
    }

    /// <summary>Encodes every sentence of the batch; then <see cref="Decode"/> parses each.</summary>
    public void Encode(NeuralBatch batch) => NeuralForward.Encode(Net, batch);

    public void Decode(NeuralWork work, ParseState state) => NeuralForward.Decode(Net, work, state, RootLabel);

    /// <summary>Rounds the weights to what <see cref="Write"/> stores, so a trained model scores as its saved file will.</summary>
    public static void Quantise(NeuralNet net)
    {
        foreach (var p in net.All)
        {
            for (var i = 0; i < p.W.Length; i++)
            {
                p.W[i] = (float)(Half)p.W[i];
            }
        }
        var dims = net.Shape.WordDim;
        var scales = new float[net.Pretrained.Rows];
        var bytes = QuantisePretrained(net, scales);
        for (var r = 0; r < net.Pretrained.Rows; r++)
        {
            for (var k = 0; k < dims; k++)
            {
                net.Pretrained.W[r * dims + k] = bytes[r * dims + k] * scales[r];
            }
        }
    }

    private static sbyte[] QuantisePretrained(NeuralNet net, float[] scales)
    {
        var dims = net.Shape.WordDim;
        var bytes = new sbyte[net.Pretrained.W.Length];
        for (var r = 0; r < net.Pretrained.Rows; r++)
        {
            var row = net.Pretrained.Row(r);
            var max = 0f;
            foreach (var v in row)
            {
                max = Math.Max(max, Math.Abs(v));
            }
            scales[r] = max / 127;
            for (var k = 0; k < dims; k++)
            {
                bytes[r * dims + k] = max == 0 ? (sbyte)0 : (sbyte)Math.Round(row[k] / scales[r]);
            }
        }
        return bytes;
    }

    public void Write(BinaryWriter output)
    {
        var s = Net.Shape;
        output.Write(Format);
        output.Write(Labels.Length);
        foreach (var l in Labels)
        {
            output.Write(l);
        }
        output.Write(RootLabel);
        foreach (var v in new[] { s.Words, s.Tags, s.Labels, s.PretrainedWords, s.WordDim, s.TagDim, s.ClusterDim, s.CaseDim, s.Hidden, s.MlpHidden, s.Layers })
        {
            output.Write(v);
        }
        output.Write(MemoryMarshal.AsBytes(_vocabularyKeys.AsSpan()));
        output.Write(MemoryMarshal.AsBytes(_pretrainedKeys.AsSpan()));
        var vectors = Net.PretrainedBytes;
        if (vectors is null)
        {
            var scales = new float[Net.Pretrained.Rows];
            vectors = new QuantisedVectors(QuantisePretrained(Net, scales), scales);
        }
        output.Write(MemoryMarshal.AsBytes(vectors.Scales.AsSpan()));
        output.Write(MemoryMarshal.AsBytes(vectors.Values.AsSpan()));
        foreach (var p in Net.All)
        {
            var half = new Half[p.W.Length];
            for (var i = 0; i < half.Length; i++)
            {
                half[i] = (Half)p.W[i];
            }
            output.Write(MemoryMarshal.AsBytes(half.AsSpan()));
        }
    }

    public static NeuralParser Read(BinaryReader input)
    {
        var format = input.ReadInt32();
        if (format is < 1 or > Format)
        {
            throw new InvalidDataException($"neural parser: unknown format {format}");
        }
        var count = input.ReadInt32();
        if (count is < 1 or > 64)
        {
            throw new InvalidDataException($"neural parser: {count} labels");
        }
        var labels = new string[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = string.Intern(input.ReadString());
        }
        var root = input.ReadInt32();
        var v = new int[format == 1 ? 10 : 11];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = input.ReadInt32();
        }
        var layers = format == 1 ? 1 : v[10];
        if (v[0] < 1 || v[1] < 1 || v[3] < 0 || v.Skip(4).Take(6).Any(d => d is < 1 or > 4096) || layers is < 1 or > 4 || (long)v[0] * v[4] > int.MaxValue || (long)v[3] * v[4] > int.MaxValue)
        {
            throw new InvalidDataException($"neural parser: bad sizes {string.Join(", ", v)}");
        }
        var shape = new NeuralShape(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], layers);
        var net = new NeuralNet(shape, withPretrained: false);
        var vocabulary = ReadArray<ulong>(input, shape.Words - 1);
        var pretrained = ReadArray<ulong>(input, Math.Max(0, shape.PretrainedWords - 1));
        var scales = ReadArray<float>(input, shape.PretrainedWords);
        var bytes = ReadArray<sbyte>(input, shape.PretrainedWords * shape.WordDim);
        net.PretrainedBytes = new QuantisedVectors(bytes, scales);
        foreach (var p in net.All)
        {
            var half = ReadArray<Half>(input, p.W.Length);
            for (var i = 0; i < half.Length; i++)
            {
                p.W[i] = (float)half[i];
            }
        }
        return new NeuralParser(labels, root, net, vocabulary, pretrained);
    }

    private static T[] ReadArray<T>(BinaryReader input, int count) where T : unmanaged
    {
        var result = new T[count];
        var bytes = MemoryMarshal.AsBytes(result.AsSpan());
        // A read from a deflate stream may return less than asked.
        var done = 0;
        while (done < bytes.Length)
        {
            var got = input.Read(bytes[done..]);
            if (got == 0)
            {
                throw new EndOfStreamException("neural parser: file is truncated");
            }
            done += got;
        }
        return result;
    }
}
