using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sitrep.Syntax;

/// <summary>Sizes of the neural parser: embeddings, BiLSTM and the transition MLP.</summary>
internal sealed record NeuralShape(int Words, int Tags, int Labels, int PretrainedWords = 0, int WordDim = 64, int TagDim = 32, int ClusterDim = 32, int CaseDim = 8, int Hidden = 64, int MlpHidden = 128, int Layers = 1)
{
    /// <summary>Configuration positions the MLP reads: s2, s1, s0, b0.</summary>
    public const int Slots = 4;
    public const int Cases = 4;
    public int Input => WordDim + TagDim + ClusterDim + CaseDim;
    public int Gates => 4 * Hidden;
    public int Context => 2 * Hidden;
    /// <summary>What BiLSTM layer <paramref name="layer"/> reads per word: the embeddings, then the layer below.</summary>
    public int LayerInput(int layer) => layer == 0 ? Input : Context;
    /// <summary>The widest [input; previous hidden] vector of any layer.</summary>
    public int MaxRecurrent => Math.Max(Input, Layers > 1 ? Context : 0) + Hidden;
    public int Outputs => 1 + 2 * Labels;
}

/// <summary>One weight matrix (row-major) or vector of the network.</summary>
internal sealed class Param(string name, int rows, int cols)
{
    public string Name { get; } = name;
    public int Rows { get; } = rows;
    public int Cols { get; } = cols;
    public float[] W { get; } = new float[rows * cols];
    public Span<float> Row(int r) => W.AsSpan(r * Cols, Cols);
}

/// <summary>The weights of one BiLSTM layer: each direction's [W_x W_h] matrix and gate biases.</summary>
internal sealed record LstmLayer(Param Forward, Param ForwardBias, Param Backward, Param BackwardBias);

/// <summary>Word vectors stored as bytes with one scale per row: row r is Values[r·dims ..] × Scales[r].</summary>
internal sealed record QuantisedVectors(sbyte[] Values, float[] Scales);

/// <summary>What the network reads of one word.</summary>
internal readonly record struct NeuralToken(int Word, int Tag, int Coarse, int Mid, int Fine, int Case, int Pretrained = 0);

/// <summary>
/// The parameters of a Kiperwasser &amp; Goldberg (2016) style parser: word, tag, cluster and
/// case embeddings feed a BiLSTM of one or more layers; an MLP over the BiLSTM vectors of s2, s1, s0 and b0
/// scores the labelled arc-hybrid transitions. The first layer of the MLP is split per slot so
/// each word's contribution is computed once per sentence, not once per transition.
/// </summary>
internal sealed class NeuralNet
{
    public NeuralNet(NeuralShape shape, bool withPretrained = true)
    {
        Shape = shape;
        var s = shape;
        WordEmb = new Param("word", s.Words, s.WordDim);
        Pretrained = new Param("pretrained", withPretrained ? s.PretrainedWords : 0, s.WordDim);
        TagEmb = new Param("tag", s.Tags, s.TagDim);
        Coarse = new Param("coarse", WordClusters.TopClusters + 1, s.ClusterDim);
        Mid = new Param("mid", WordClusters.TopClusters * WordClusters.Branching + 1, s.ClusterDim);
        Fine = new Param("fine", WordClusters.Leaves + 1, s.ClusterDim);
        Case = new Param("case", NeuralShape.Cases, s.CaseDim);
        // Layer 0 keeps the names of the one-layer format; deeper layers are numbered from 2.
        Lstm = new LstmLayer[s.Layers];
        for (var k = 0; k < s.Layers; k++)
        {
            var suffix = k == 0 ? "" : $"{k + 1}";
            var cols = s.LayerInput(k) + s.Hidden;
            Lstm[k] = new LstmLayer(new Param($"lstm{suffix}-f", s.Gates, cols), new Param($"bias{suffix}-f", 1, s.Gates),
                new Param($"lstm{suffix}-b", s.Gates, cols), new Param($"bias{suffix}-b", 1, s.Gates));
        }
        Pad = new Param("pad", 2, s.Context);
        SlotW = new Param("slots", NeuralShape.Slots * s.MlpHidden, s.Context);
        BiasH = new Param("bias-h", 1, s.MlpHidden);
        Out = new Param("out", s.Outputs, s.MlpHidden);
        BiasOut = new Param("bias-out", 1, s.Outputs);
        All = [WordEmb, TagEmb, Coarse, Mid, Fine, Case, .. Lstm.SelectMany(l => new[] { l.Forward, l.ForwardBias, l.Backward, l.BackwardBias }), Pad, SlotW, BiasH, Out, BiasOut];
    }

    public NeuralShape Shape { get; }
    public Param WordEmb { get; }
    /// <summary>Fixed pretrained word vectors (row 0: none), added to the trained word embedding; not in <see cref="All"/>.</summary>
    public Param Pretrained { get; }
    /// <summary>
    /// The pretrained vectors as a loaded model holds them (then <see cref="Pretrained"/> is empty):
    /// as bytes they take 10 MB instead of 40 MB of floats. Each value is expanded with the same
    /// float product as <see cref="NeuralParser.Quantise"/>, so both forms give identical sums.
    /// </summary>
    public QuantisedVectors? PretrainedBytes { get; set; }
    public Param TagEmb { get; }
    public Param Coarse { get; }
    public Param Mid { get; }
    public Param Fine { get; }
    public Param Case { get; }
    public LstmLayer[] Lstm { get; }
    /// <summary>Row 0: the vector of ROOT (position n); row 1: of an empty slot (position n + 1).</summary>
    public Param Pad { get; }
    public Param SlotW { get; }
    public Param BiasH { get; }
    public Param Out { get; }
    public Param BiasOut { get; }
    public Param[] All { get; }

    /// <summary>A zeroed copy of the parameter shapes, for gradients and optimiser moments.</summary>
    public NeuralNet Like() => new(Shape, withPretrained: false);

    public void Initialise(Random rng)
    {
        foreach (var p in All)
        {
            if (p.Rows == 1)
            {
                continue;
            }
            var embedding = p == WordEmb || p == TagEmb || p == Coarse || p == Mid || p == Fine || p == Case || p == Pad;
            var range = embedding ? 0.1 : Math.Sqrt(6.0 / (p.Rows + p.Cols));
            for (var i = 0; i < p.W.Length; i++)
            {
                p.W[i] = (float)((rng.NextDouble() * 2 - 1) * range);
            }
        }
        // Forget gates start open so gradients reach back through the sentence from the start.
        var h = Shape.Hidden;
        foreach (var layer in Lstm)
        {
            layer.ForwardBias.W.AsSpan(h, h).Fill(1);
            layer.BackwardBias.W.AsSpan(h, h).Fill(1);
        }
    }
}

/// <summary>Per-sentence buffers of the forward pass (and of the backward pass in training).</summary>
internal sealed class NeuralWork
{
    public NeuralWork(NeuralShape shape)
    {
        Shape = shape;
        Z = new float[shape.MaxRecurrent];
        Layers = new LstmWork[shape.Layers];
        for (var k = 0; k < Layers.Length; k++)
        {
            Layers[k] = new LstmWork();
        }
        Pre = new float[shape.MlpHidden];
        Hid = new float[shape.MlpHidden];
        Scores = new float[shape.Outputs];
    }

    public NeuralShape Shape { get; }
    public int N { get; private set; }
    public int Capacity { get; private set; }
    public float[] X { get; private set; } = [];
    public LstmWork[] Layers { get; }
    /// <summary>(n + 2) × Context: the top BiLSTM layer's vectors, then ROOT and the empty-slot vector.</summary>
    public float[] V { get; private set; } = [];
    /// <summary>(n + 2) × Slots × MlpHidden: each position's contribution to the MLP hidden layer in each slot.</summary>
    public float[] P { get; private set; } = [];
    public float[] Z { get; }
    public float[] Pre { get; }
    public float[] Hid { get; }
    public float[] Scores { get; }

    public void Reset(int n)
    {
        N = n;
        if (n + 2 <= Capacity)
        {
            return;
        }
        var cap = Math.Max(n + 2, Capacity * 2);
        Capacity = cap;
        var s = Shape;
        X = new float[cap * s.Input];
        foreach (var layer in Layers)
        {
            layer.Reset(s, cap);
        }
        V = new float[cap * s.Context];
        P = new float[cap * NeuralShape.Slots * s.MlpHidden];
    }
}

/// <summary>One BiLSTM layer's activations over a sentence, per direction (F forward, B backward).</summary>
internal sealed class LstmWork
{
    public float[] GatesF { get; private set; } = [];
    public float[] CellF { get; private set; } = [];
    public float[] HF { get; private set; } = [];
    public float[] TanhF { get; private set; } = [];
    public float[] GatesB { get; private set; } = [];
    public float[] CellB { get; private set; } = [];
    public float[] HB { get; private set; } = [];
    public float[] TanhB { get; private set; } = [];
    /// <summary>n × Context: [forward; backward] hidden vectors after dropout, the input of the next layer (unused by the top layer).</summary>
    public float[] Out { get; private set; } = [];

    public void Reset(NeuralShape s, int capacity)
    {
        GatesF = new float[capacity * s.Gates];
        GatesB = new float[capacity * s.Gates];
        CellF = new float[capacity * s.Hidden];
        CellB = new float[capacity * s.Hidden];
        HF = new float[capacity * s.Hidden];
        HB = new float[capacity * s.Hidden];
        TanhF = new float[capacity * s.Hidden];
        TanhB = new float[capacity * s.Hidden];
        Out = new float[capacity * s.Context];
    }
}

/// <summary>Sentences encoded together at run time (<see cref="NeuralForward.Encode(NeuralNet, NeuralBatch)"/>).</summary>
internal sealed class NeuralBatch
{
    public NeuralBatch(NeuralShape shape, int size)
    {
        Works = new NeuralWork[size];
        for (var b = 0; b < size; b++)
        {
            Works[b] = new NeuralWork(shape);
        }
        Hidden = new float[size * shape.Hidden];
        Gates = new float[size * shape.Gates];
    }

    public NeuralWork[] Works { get; }
    /// <summary>Sentences in use, Works[0..Count).</summary>
    public int Count { get; set; }
    public int Size => Works.Length;
    /// <summary>Previous hidden vectors of the sentences in one step, gathered for one product.</summary>
    public float[] Hidden { get; }
    /// <summary>That product: each sentence's recurrent contribution to its gates.</summary>
    public float[] Gates { get; }
}

/// <summary>The forward pass, shared by training and parsing.</summary>
internal static class NeuralForward
{
    public static void Embed(NeuralNet net, ReadOnlySpan<NeuralToken> tokens, NeuralWork w)
    {
        var s = net.Shape;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            var x = w.X.AsSpan(i * s.Input, s.Input);
            net.WordEmb.Row(t.Word).CopyTo(x);
            if (t.Pretrained > 0 && net.PretrainedBytes is { } bytes)
            {
                var scale = bytes.Scales[t.Pretrained];
                var row = bytes.Values.AsSpan(t.Pretrained * s.WordDim, s.WordDim);
                for (var k = 0; k < row.Length; k++)
                {
                    x[k] += row[k] * scale;
                }
            }
            else if (t.Pretrained > 0)
            {
                TensorPrimitives.Add(x[..s.WordDim], net.Pretrained.Row(t.Pretrained), x[..s.WordDim]);
            }
            net.TagEmb.Row(t.Tag).CopyTo(x[s.WordDim..]);
            var c = x.Slice(s.WordDim + s.TagDim, s.ClusterDim);
            TensorPrimitives.Add(net.Coarse.Row(t.Coarse), net.Mid.Row(t.Mid), c);
            TensorPrimitives.Add(c, net.Fine.Row(t.Fine), c);
            net.Case.Row(t.Case).CopyTo(x[(s.WordDim + s.TagDim + s.ClusterDim)..]);
        }
    }

    /// <summary>Runs one LSTM direction over n input vectors of <paramref name="input"/> floats; gate activations are stored in the order i, f, o, g.</summary>
    public static void Lstm(NeuralShape s, Param weights, Param bias, float[] x, int input, int n, bool reverse, float[] gates, float[] cell, float[] hidden, float[] tanhCell)
    {
        int h = s.Hidden, g = s.Gates, r = weights.Cols;
        // The input part of every word's gates at once (bias + W_x x_t), then per step the recurrent part (+ W_h h_prev).
        Dense.MatMul(weights.W, g, r, x, input, input, n, bias.W, gates, g);
        var recurrent = weights.W.AsSpan(input);
        for (var step = 0; step < n; step++)
        {
            var (t, prev) = Positions(n, step, reverse);
            var a = gates.AsSpan(t * g, g);
            if (step > 0)
            {
                Dense.MatMul(recurrent, g, r, hidden.AsSpan(prev * h, h), h, h, 1, a, a, g);
            }
            Cell(h, a, cell, hidden, tanhCell, t, step == 0 ? -1 : prev);
        }
    }

    /// <summary>The word an LSTM direction reads at <paramref name="step"/>, and the one before it.</summary>
    private static (int T, int Prev) Positions(int n, int step, bool reverse) => reverse ? (n - 1 - step, n - step) : (step, step - 1);

    /// <summary>Turns the pre-activations <paramref name="a"/> of word t into its gates, cell, tanh(cell) and hidden vector (prev −1: the first step).</summary>
    private static void Cell(int h, Span<float> a, float[] cell, float[] hidden, float[] tanhCell, int t, int prev)
    {
        TensorPrimitives.Sigmoid(a[..(3 * h)], a[..(3 * h)]);
        TensorPrimitives.Tanh(a[(3 * h)..], a[(3 * h)..]);
        var c = cell.AsSpan(t * h, h);
        TensorPrimitives.Multiply(a[..h], a[(3 * h)..], c);
        if (prev >= 0)
        {
            TensorPrimitives.MultiplyAdd(a.Slice(h, h), cell.AsSpan(prev * h, h), c, c);
        }
        var tc = tanhCell.AsSpan(t * h, h);
        TensorPrimitives.Tanh(c, tc);
        TensorPrimitives.Multiply(a.Slice(2 * h, h), tc, hidden.AsSpan(t * h, h));
    }

    /// <summary>
    /// Runs one LSTM direction over several sentences at once (run time). A sentence's recurrent
    /// step is a matrix-vector product that streams the whole 512 × 128 recurrent matrix from L2
    /// for 65,000 multiply-adds, one load per multiply; taking the same step of every sentence of
    /// the batch in one product loads each weight once for all of them. Each sentence gets exactly
    /// the arithmetic of <see cref="Lstm"/> (same sums in the same order), so its parse does not
    /// depend on the sentences batched with it.
    /// </summary>
    public static void Lstm(NeuralShape s, Param weights, Param bias, NeuralBatch batch, int layer, bool reverse)
    {
        int h = s.Hidden, g = s.Gates, r = weights.Cols, input = s.LayerInput(layer);
        var longest = 0;
        for (var b = 0; b < batch.Count; b++)
        {
            var w = batch.Works[b];
            var lw = w.Layers[layer];
            Dense.MatMul(weights.W, g, r, layer == 0 ? w.X : w.Layers[layer - 1].Out, input, input, w.N, bias.W, reverse ? lw.GatesB : lw.GatesF, g);
            longest = Math.Max(longest, w.N);
        }
        var recurrent = weights.W.AsSpan(input);
        for (var step = 0; step < longest; step++)
        {
            var active = 0;
            for (var b = 0; b < batch.Count; b++)
            {
                var w = batch.Works[b];
                if (step == 0 || step >= w.N)
                {
                    continue;
                }
                var prev = Positions(w.N, step, reverse).Prev;
                var hidden = reverse ? w.Layers[layer].HB : w.Layers[layer].HF;
                hidden.AsSpan(prev * h, h).CopyTo(batch.Hidden.AsSpan(active * h, h));
                active++;
            }
            Dense.MatMul(recurrent, g, r, batch.Hidden, h, h, active, default, batch.Gates, g);
            active = 0;
            for (var b = 0; b < batch.Count; b++)
            {
                var w = batch.Works[b];
                if (step >= w.N)
                {
                    continue;
                }
                var lw = w.Layers[layer];
                var (t, prev) = Positions(w.N, step, reverse);
                var a = (reverse ? lw.GatesB : lw.GatesF).AsSpan(t * g, g);
                if (step > 0)
                {
                    TensorPrimitives.Add(a, batch.Gates.AsSpan(active * g, g), a);
                    active++;
                }
                if (reverse)
                {
                    Cell(h, a, lw.CellB, lw.HB, lw.TanhB, t, step == 0 ? -1 : prev);
                }
                else
                {
                    Cell(h, a, lw.CellF, lw.HF, lw.TanhF, t, step == 0 ? -1 : prev);
                }
            }
        }
    }

    /// <summary>Embeds, encodes and projects a sentence: fills V and P of <paramref name="w"/>.</summary>
    public static void Encode(NeuralNet net, ReadOnlySpan<NeuralToken> tokens, NeuralWork w) => Encode(net, tokens, w, default, default);

    /// <summary>
    /// Encode with dropout (training): <paramref name="inputMask"/> scales the embedded words
    /// (n × Input) and <paramref name="contextMask"/> each BiLSTM layer's vectors (Layers × n ×
    /// Context) before the next layer or the MLP sees them; entries are 0 or 1 / (1 - p). Empty
    /// masks mean no dropout.
    /// </summary>
    public static void Encode(NeuralNet net, ReadOnlySpan<NeuralToken> tokens, NeuralWork w, ReadOnlySpan<float> inputMask, ReadOnlySpan<float> contextMask)
    {
        var s = net.Shape;
        var n = tokens.Length;
        w.Reset(n);
        Embed(net, tokens, w);
        if (!inputMask.IsEmpty)
        {
            TensorPrimitives.Multiply(w.X.AsSpan(0, n * s.Input), inputMask, w.X.AsSpan(0, n * s.Input));
        }
        var size = n * s.Context;
        var x = w.X;
        for (var k = 0; k < s.Layers; k++)
        {
            var (layer, lw) = (net.Lstm[k], w.Layers[k]);
            Lstm(s, layer.Forward, layer.ForwardBias, x, s.LayerInput(k), n, false, lw.GatesF, lw.CellF, lw.HF, lw.TanhF);
            Lstm(s, layer.Backward, layer.BackwardBias, x, s.LayerInput(k), n, true, lw.GatesB, lw.CellB, lw.HB, lw.TanhB);
            var output = Join(s, w, k);
            if (!contextMask.IsEmpty)
            {
                TensorPrimitives.Multiply(output.AsSpan(0, size), contextMask.Slice(k * size, size), output.AsSpan(0, size));
            }
            x = output;
        }
        Project(net, w);
    }

    /// <summary>
    /// Encodes the sentences of <paramref name="batch"/> (each work already <see cref="Embed"/>ded
    /// after Reset) together, layer by layer; the same V and P as <see cref="Encode(NeuralNet, ReadOnlySpan{NeuralToken}, NeuralWork)"/>.
    /// </summary>
    public static void Encode(NeuralNet net, NeuralBatch batch)
    {
        var s = net.Shape;
        for (var k = 0; k < s.Layers; k++)
        {
            Lstm(s, net.Lstm[k].Forward, net.Lstm[k].ForwardBias, batch, k, false);
            Lstm(s, net.Lstm[k].Backward, net.Lstm[k].BackwardBias, batch, k, true);
            for (var b = 0; b < batch.Count; b++)
            {
                Join(s, batch.Works[b], k);
            }
        }
        for (var b = 0; b < batch.Count; b++)
        {
            Project(net, batch.Works[b]);
        }
    }

    /// <summary>Writes [forward; backward] hidden vectors of layer k into its output (V for the top layer).</summary>
    private static float[] Join(NeuralShape s, NeuralWork w, int k)
    {
        var h = s.Hidden;
        var lw = w.Layers[k];
        var output = k == s.Layers - 1 ? w.V : lw.Out;
        for (var i = 0; i < w.N; i++)
        {
            lw.HF.AsSpan(i * h, h).CopyTo(output.AsSpan(i * s.Context, h));
            lw.HB.AsSpan(i * h, h).CopyTo(output.AsSpan(i * s.Context + h, h));
        }
        return output;
    }

    /// <summary>Appends the ROOT and empty-slot vectors to V and projects every position into each MLP slot (P).</summary>
    private static void Project(NeuralNet net, NeuralWork w)
    {
        var s = net.Shape;
        var n = w.N;
        net.Pad.W.CopyTo(w.V.AsSpan(n * s.Context, 2 * s.Context));
        var m = s.MlpHidden;
        Dense.MatMul(net.SlotW.W, NeuralShape.Slots * m, s.Context, w.V, s.Context, s.Context, n + 2, default, w.P, NeuralShape.Slots * m);
    }

    /// <summary>Scores every labelled transition of a state into w.Scores (hidden layer left in w.Hid).</summary>
    public static void Score(NeuralNet net, ParseState state, NeuralWork w) => Score(net, state, w, default);

    /// <summary>Score with dropout on the MLP hidden layer (training): w.Hid holds the masked values.</summary>
    public static void Score(NeuralNet net, ParseState state, NeuralWork w, ReadOnlySpan<float> hiddenMask)
    {
        var s = net.Shape;
        var m = s.MlpHidden;
        var pre = w.Pre.AsSpan();
        net.BiasH.W.CopyTo(pre);
        Span<int> slots = [state.S(2), state.S(1), state.S(0), state.B];
        for (var k = 0; k < NeuralShape.Slots; k++)
        {
            TensorPrimitives.Add(pre, w.P.AsSpan((slots[k] * NeuralShape.Slots + k) * m, m), pre);
        }
        TensorPrimitives.Tanh(pre, w.Hid);
        if (!hiddenMask.IsEmpty)
        {
            TensorPrimitives.Multiply(w.Hid, hiddenMask, w.Hid);
        }
        Dense.MatVec(net.Out.W, s.Outputs, w.Hid, net.BiasOut.W, w.Scores);
    }

    /// <summary>Greedy parse of a sentence into <paramref name="state"/>.</summary>
    public static void Parse(NeuralNet net, ReadOnlySpan<NeuralToken> tokens, NeuralWork w, ParseState state, int rootLabel)
    {
        Encode(net, tokens, w);
        Decode(net, w, state, rootLabel);
    }

    /// <summary>Greedy transitions over an encoded sentence (V and P of <paramref name="w"/>).</summary>
    public static void Decode(NeuralNet net, NeuralWork w, ParseState state, int rootLabel)
    {
        state.Reset(w.N);
        var labels = net.Shape.Labels;
        while (!state.Terminal)
        {
            if (Parser.Forced(state))
            {
                Parser.Apply(state, state.Sp == 0 ? 0 : 1 + rootLabel, labels);
                continue;
            }
            Score(net, state, w);
            var best = -1;
            for (var t = 0; t < w.Scores.Length; t++)
            {
                if (Valid(state, t, labels, rootLabel) && (best < 0 || w.Scores[t] > w.Scores[best]))
                {
                    best = t;
                }
            }
            Parser.Apply(state, best, labels);
        }
    }

    /// <summary>Whether labelled transition <paramref name="t"/> (Parser encoding) may be taken in a state that is not forced.</summary>
    public static bool Valid(ParseState s, int t, int labels, int rootLabel)
    {
        if (t == 0)
        {
            return s.B < s.N;
        }
        var label = t <= labels ? t - 1 : t - 1 - labels;
        return label != rootLabel && Parser.Valid(s, Parser.MoveOf(t, labels));
    }
}

/// <summary>
/// Matrix products for the forward pass. TensorPrimitives.Dot per row and word costs a call and a
/// horizontal sum each, and reads every weight row once per word; at these sizes (rows of 100–300
/// floats, matrices of 0.25–0.6 MB that do not stay in L1) that was most of the time. Here a block
/// of four weight rows is applied to four words at a time (then two, then one), so each load of a
/// row chunk serves four words and each load of a word chunk four rows, with one horizontal sum per
/// output; four words rather than two gave 1.0–1.23× (median about 1.1×) on the accurate parser.
/// Every output is summed in the same order in each block shape, so a word's result does not
/// depend on how many words share its product (batched sentences parse as they do alone).
/// </summary>
internal static class Dense
{
    /// <summary>y[r] = bias[r] + Σ_j w[r, j] x[j] for a row-major <paramref name="rows"/> × x.Length matrix (bias may be empty).</summary>
    public static void MatVec(ReadOnlySpan<float> w, int rows, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y) =>
        MatMul(w, rows, x.Length, x, x.Length, x.Length, 1, bias, y, rows);

    /// <summary>
    /// For each of <paramref name="count"/> vectors t: y[t·yStride + r] = bias[r] + Σ_{j &lt; cols} w[r·wStride + j] · x[t·xStride + j],
    /// r &lt; rows. Bias may be empty, or the same memory as y (count 1) to accumulate into y.
    /// </summary>
    public static void MatMul(ReadOnlySpan<float> w, int rows, int wStride, ReadOnlySpan<float> x, int cols, int xStride, int count,
        ReadOnlySpan<float> bias, Span<float> y, int yStride)
    {
        if (rows <= 0 || count <= 0)
        {
            return;
        }
        if ((long)(rows - 1) * wStride + cols > w.Length || (long)(count - 1) * xStride + cols > x.Length
            || (long)(count - 1) * yStride + rows > y.Length || (!bias.IsEmpty && bias.Length < rows))
        {
            throw new ArgumentException($"matrix product: {rows} x {cols} (stride {wStride}) over {count} vectors does not fit the buffers");
        }
        if (!Vector256.IsHardwareAccelerated || cols < Vector256<float>.Count)
        {
            for (var t = 0; t < count; t++)
            {
                for (var r = 0; r < rows; r++)
                {
                    y[t * yStride + r] = (bias.IsEmpty ? 0 : bias[r]) + TensorPrimitives.Dot(w.Slice(r * wStride, cols), x.Slice(t * xStride, cols));
                }
            }
            return;
        }
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var xr = ref MemoryMarshal.GetReference(x);
        var vectorCols = cols - cols % Vector256<float>.Count;
        var r0 = 0;
        for (; r0 + 4 <= rows; r0 += 4)
        {
            ref var w0 = ref Unsafe.Add(ref wr, r0 * wStride);
            ref var w1 = ref Unsafe.Add(ref w0, wStride);
            ref var w2 = ref Unsafe.Add(ref w1, wStride);
            ref var w3 = ref Unsafe.Add(ref w2, wStride);
            float b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            if (!bias.IsEmpty)
            {
                (b0, b1, b2, b3) = (bias[r0], bias[r0 + 1], bias[r0 + 2], bias[r0 + 3]);
            }
            var t = 0;
            for (; t + 4 <= count; t += 4)
            {
                ref var x0 = ref Unsafe.Add(ref xr, t * xStride);
                ref var x1 = ref Unsafe.Add(ref x0, xStride);
                ref var x2 = ref Unsafe.Add(ref x1, xStride);
                ref var x3 = ref Unsafe.Add(ref x2, xStride);
                Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default;
                Vector256<float> a10 = default, a11 = default, a12 = default, a13 = default;
                Vector256<float> a20 = default, a21 = default, a22 = default, a23 = default;
                Vector256<float> a30 = default, a31 = default, a32 = default, a33 = default;
                for (var j = 0; j < vectorCols; j += Vector256<float>.Count)
                {
                    var u = (nuint)j;
                    var xv0 = Vector256.LoadUnsafe(ref x0, u);
                    var xv1 = Vector256.LoadUnsafe(ref x1, u);
                    var xv2 = Vector256.LoadUnsafe(ref x2, u);
                    var xv3 = Vector256.LoadUnsafe(ref x3, u);
                    var wv = Vector256.LoadUnsafe(ref w0, u);
                    a00 = Vector256.MultiplyAddEstimate(wv, xv0, a00);
                    a10 = Vector256.MultiplyAddEstimate(wv, xv1, a10);
                    a20 = Vector256.MultiplyAddEstimate(wv, xv2, a20);
                    a30 = Vector256.MultiplyAddEstimate(wv, xv3, a30);
                    wv = Vector256.LoadUnsafe(ref w1, u);
                    a01 = Vector256.MultiplyAddEstimate(wv, xv0, a01);
                    a11 = Vector256.MultiplyAddEstimate(wv, xv1, a11);
                    a21 = Vector256.MultiplyAddEstimate(wv, xv2, a21);
                    a31 = Vector256.MultiplyAddEstimate(wv, xv3, a31);
                    wv = Vector256.LoadUnsafe(ref w2, u);
                    a02 = Vector256.MultiplyAddEstimate(wv, xv0, a02);
                    a12 = Vector256.MultiplyAddEstimate(wv, xv1, a12);
                    a22 = Vector256.MultiplyAddEstimate(wv, xv2, a22);
                    a32 = Vector256.MultiplyAddEstimate(wv, xv3, a32);
                    wv = Vector256.LoadUnsafe(ref w3, u);
                    a03 = Vector256.MultiplyAddEstimate(wv, xv0, a03);
                    a13 = Vector256.MultiplyAddEstimate(wv, xv1, a13);
                    a23 = Vector256.MultiplyAddEstimate(wv, xv2, a23);
                    a33 = Vector256.MultiplyAddEstimate(wv, xv3, a33);
                }
                Finish(ref w0, ref w1, ref w2, ref w3, ref x0, vectorCols, cols, b0, b1, b2, b3, a00, a01, a02, a03, y.Slice(t * yStride + r0, 4));
                Finish(ref w0, ref w1, ref w2, ref w3, ref x1, vectorCols, cols, b0, b1, b2, b3, a10, a11, a12, a13, y.Slice((t + 1) * yStride + r0, 4));
                Finish(ref w0, ref w1, ref w2, ref w3, ref x2, vectorCols, cols, b0, b1, b2, b3, a20, a21, a22, a23, y.Slice((t + 2) * yStride + r0, 4));
                Finish(ref w0, ref w1, ref w2, ref w3, ref x3, vectorCols, cols, b0, b1, b2, b3, a30, a31, a32, a33, y.Slice((t + 3) * yStride + r0, 4));
            }
            for (; t + 2 <= count; t += 2)
            {
                ref var x0 = ref Unsafe.Add(ref xr, t * xStride);
                ref var x1 = ref Unsafe.Add(ref x0, xStride);
                Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default;
                Vector256<float> a10 = default, a11 = default, a12 = default, a13 = default;
                for (var j = 0; j < vectorCols; j += Vector256<float>.Count)
                {
                    var u = (nuint)j;
                    var xv0 = Vector256.LoadUnsafe(ref x0, u);
                    var xv1 = Vector256.LoadUnsafe(ref x1, u);
                    var wv = Vector256.LoadUnsafe(ref w0, u);
                    a00 = Vector256.MultiplyAddEstimate(wv, xv0, a00);
                    a10 = Vector256.MultiplyAddEstimate(wv, xv1, a10);
                    wv = Vector256.LoadUnsafe(ref w1, u);
                    a01 = Vector256.MultiplyAddEstimate(wv, xv0, a01);
                    a11 = Vector256.MultiplyAddEstimate(wv, xv1, a11);
                    wv = Vector256.LoadUnsafe(ref w2, u);
                    a02 = Vector256.MultiplyAddEstimate(wv, xv0, a02);
                    a12 = Vector256.MultiplyAddEstimate(wv, xv1, a12);
                    wv = Vector256.LoadUnsafe(ref w3, u);
                    a03 = Vector256.MultiplyAddEstimate(wv, xv0, a03);
                    a13 = Vector256.MultiplyAddEstimate(wv, xv1, a13);
                }
                Finish(ref w0, ref w1, ref w2, ref w3, ref x0, vectorCols, cols, b0, b1, b2, b3, a00, a01, a02, a03, y.Slice(t * yStride + r0, 4));
                Finish(ref w0, ref w1, ref w2, ref w3, ref x1, vectorCols, cols, b0, b1, b2, b3, a10, a11, a12, a13, y.Slice((t + 1) * yStride + r0, 4));
            }
            if (t < count)
            {
                ref var x0 = ref Unsafe.Add(ref xr, t * xStride);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (var j = 0; j < vectorCols; j += Vector256<float>.Count)
                {
                    var u = (nuint)j;
                    var xv = Vector256.LoadUnsafe(ref x0, u);
                    a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w0, u), xv, a0);
                    a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w1, u), xv, a1);
                    a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w2, u), xv, a2);
                    a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w3, u), xv, a3);
                }
                Finish(ref w0, ref w1, ref w2, ref w3, ref x0, vectorCols, cols, b0, b1, b2, b3, a0, a1, a2, a3, y.Slice(t * yStride + r0, 4));
            }
        }
        for (; r0 < rows; r0++)
        {
            var b = bias.IsEmpty ? 0 : bias[r0];
            for (var t = 0; t < count; t++)
            {
                y[t * yStride + r0] = b + TensorPrimitives.Dot(w.Slice(r0 * wStride, cols), x.Slice(t * xStride, cols));
            }
        }
    }

    /// <summary>One word's four outputs: bias + the lane sums, then the columns past the last full vector (the same order for every block shape).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(ref float w0, ref float w1, ref float w2, ref float w3, ref float x, int vectorCols, int cols,
        float b0, float b1, float b2, float b3, Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3, Span<float> y)
    {
        float s0 = b0 + Vector256.Sum(a0), s1 = b1 + Vector256.Sum(a1), s2 = b2 + Vector256.Sum(a2), s3 = b3 + Vector256.Sum(a3);
        for (var j = vectorCols; j < cols; j++)
        {
            var xj = Unsafe.Add(ref x, j);
            s0 += Unsafe.Add(ref w0, j) * xj;
            s1 += Unsafe.Add(ref w1, j) * xj;
            s2 += Unsafe.Add(ref w2, j) * xj;
            s3 += Unsafe.Add(ref w3, j) * xj;
        }
        (y[0], y[1], y[2], y[3]) = (s0, s1, s2, s3);
    }
}
