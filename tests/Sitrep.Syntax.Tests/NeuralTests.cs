namespace Sitrep.Syntax.Tests;

public sealed class NeuralTests
{
    private static readonly NeuralShape Tiny = new(Words: 6, Tags: 4, Labels: 3, PretrainedWords: 4, WordDim: 4, TagDim: 3, ClusterDim: 3, CaseDim: 2, Hidden: 5, MlpHidden: 6);

    // Gold arcs as the trainer holds them (ROOT = position 5): b heads a, c and d; d heads e; b hangs from ROOT.
    private static readonly int[] Heads = [1, 5, 1, 1, 3, 0];
    private static readonly int[] Labels = [1, 0, 2, 1, 2, 0];
    private static readonly NeuralToken[] Sentence =
    [
        new(1, 0, 1, 1, 1, 0, 2), new(2, 1, 2, 9, 70, 1, 0), new(0, 2, 0, 0, 0, 2, 3), new(3, 3, 5, 40, 300, 3, 1), new(5, 1, 64, 512, 4096, 0, 0),
    ];

    private static NeuralNet RandomNet(int seed, int layers = 1)
    {
        var net = new NeuralNet(Tiny with { Layers = layers });
        net.Initialise(new Random(seed));
        var rng = new Random(seed + 1);
        foreach (var p in net.All.Append(net.Pretrained))
        {
            for (var i = 0; i < p.W.Length; i++)
            {
                // Larger than the initial scale, so the sentence has margin violations on every kind of transition.
                p.W[i] = (float)((rng.NextDouble() * 2 - 1) * 0.8);
            }
        }
        return net;
    }

    private static double Loss(NeuralNet net, NeuralNet grad, double dropout)
    {
        var worker = new SyntaxTrainer.NeuralWorker(net);
        // Word dropout off: every word counts as very frequent.
        SyntaxTrainer.TrainNeuralSentence(net, worker, Sentence, (Heads, Labels), rootLabel: 0, counts: Enumerable.Repeat(1 << 30, Tiny.Words).ToArray(), new Random(1), explore: 0, dropout);
        for (var p = 0; p < net.All.Length; p++)
        {
            grad.All[p].W.AsSpan().Clear();
            worker.Grad.All[p].W.CopyTo(grad.All[p].W, 0);
        }
        return worker.Loss;
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.3, 1)]
    [InlineData(0.0, 2)]
    [InlineData(0.3, 3)]
    public void BackpropagatedGradientsMatchFiniteDifferences(double dropout, int layers)
    {
        var net = RandomNet(7, layers);
        var grad = net.Like();
        var loss = Loss(net, grad, dropout);
        Assert.True(loss > 0.5, $"the check needs margin violations; loss {loss}");
        var scratch = net.Like();
        var rng = new Random(3);
        var checkedCount = 0;
        var nonZero = 0;
        foreach (var p in net.All)
        {
            var g = grad.All[Array.IndexOf(net.All, p)].W;
            for (var k = 0; k < 12; k++)
            {
                var i = rng.Next(p.W.Length);
                var keep = p.W[i];
                const float eps = 1e-3f;
                p.W[i] = keep + eps;
                var up = Loss(net, scratch, dropout);
                p.W[i] = keep - eps;
                var down = Loss(net, scratch, dropout);
                p.W[i] = keep;
                var numeric = (up - down) / (2 * eps);
                Assert.True(Math.Abs(numeric - g[i]) <= 2e-2 * Math.Max(1, Math.Abs(g[i])), $"{p.Name}[{i}]: backprop {g[i]:F5}, finite difference {numeric:F5}");
                checkedCount++;
                nonZero += g[i] != 0 ? 1 : 0;
            }
        }
        Assert.True(nonZero > checkedCount / 3, $"only {nonZero} of {checkedCount} checked gradients are non-zero");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void StoredParserParsesAsTheTrainedNetwork(int layers)
    {
        var net = RandomNet(11, layers);
        NeuralParser.Quantise(net);
        var parser = new NeuralParser(["a", "b", "c"], 0, net, [1, 2, 3, 4, 5], [7, 8, 9]);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            parser.Write(writer);
        }
        var bytes = stream.ToArray();
        var expected = ParseWith(net);
        Assert.Equal(expected, ParseWith(Read(bytes).Net));
        if (layers == 1)
        {
            // Format 1 (before stacked layers) had no layer count after the ten sizes; such files still load.
            // Header: format, label count, three one-letter labels (length byte + letter), root, then the sizes.
            const int layerCountAt = 4 + 4 + 3 * 2 + 4 + 10 * 4;
            byte[] formatOne = [1, 0, 0, 0, .. bytes[4..layerCountAt], .. bytes[(layerCountAt + 4)..]];
            Assert.Equal(expected, ParseWith(Read(formatOne).Net));
        }
        // Byte-stored GloVe rows expand to exactly the floats the trained network used.
        Assert.Null(net.PretrainedBytes);
        Assert.NotNull(Read(bytes).Net.PretrainedBytes);
    }

    private static NeuralParser Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return NeuralParser.Read(reader);
    }

    /// <summary>The parse and, bit for bit, every slot projection the MLP reads.</summary>
    private static string ParseWith(NeuralNet net)
    {
        var state = new ParseState();
        var work = new NeuralWork(net.Shape);
        NeuralForward.Parse(net, Sentence, work, state, rootLabel: 0);
        var projections = work.P.AsSpan(0, (Sentence.Length + 2) * NeuralShape.Slots * net.Shape.MlpHidden).ToArray();
        return string.Join(' ', Enumerable.Range(0, Sentence.Length).Select(i => $"{state.Head[i]}:{state.Label[i]}"))
            + " | " + string.Join(' ', projections.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 8)]
    [InlineData(9, 29)]
    [InlineData(256, 236)]
    public void MatrixVectorProductEqualsRowDotProducts(int rows, int cols)
    {
        var rng = new Random(rows * 31 + cols);
        var w = Enumerable.Range(0, rows * cols).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var x = Enumerable.Range(0, cols).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var bias = Enumerable.Range(0, rows).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var y = new float[rows];
        var noBias = new float[rows];
        Dense.MatVec(w, rows, x, bias, y);
        Dense.MatVec(w, rows, x, default, noBias);
        for (var r = 0; r < rows; r++)
        {
            var expected = 0.0;
            for (var j = 0; j < cols; j++)
            {
                expected += (double)w[r * cols + j] * x[j];
            }
            Assert.Equal(expected, noBias[r], 1e-4);
            Assert.Equal(expected + bias[r], y[r], 1e-4);
        }
    }

    [Theory]
    [InlineData(8, 128, 7)]
    [InlineData(12, 172, 9)]
    [InlineData(4, 13, 3)]
    public void EachWordGetsTheSameBitsInABatchAsAlone(int rows, int cols, int count)
    {
        // Batched sentences parse as they do alone only if a word's product does not depend on
        // which block (4, 2 or 1 words) it was computed in.
        var rng = new Random(rows * 7 + cols + count);
        float Next() => (float)(rng.NextDouble() * 2 - 1);
        var w = Enumerable.Range(0, rows * cols).Select(_ => Next()).ToArray();
        var x = Enumerable.Range(0, count * cols).Select(_ => Next()).ToArray();
        var bias = Enumerable.Range(0, rows).Select(_ => Next()).ToArray();
        var together = new float[count * rows];
        Dense.MatMul(w, rows, cols, x, cols, cols, count, bias, together, rows);
        for (var t = 0; t < count; t++)
        {
            var alone = new float[rows];
            Dense.MatMul(w, rows, cols, x.AsSpan(t * cols, cols), cols, cols, 1, bias, alone, rows);
            Assert.Equal(alone.Select(BitConverter.SingleToInt32Bits), together.Skip(t * rows).Take(rows).Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Theory]
    [InlineData(5, 3, 1)]
    [InlineData(8, 12, 2)]
    [InlineData(13, 29, 5)]
    [InlineData(512, 172, 7)]
    public void StridedMatrixProductEqualsRowDotProducts(int rows, int cols, int count)
    {
        var rng = new Random(rows + cols * 7 + count);
        float Next() => (float)(rng.NextDouble() * 2 - 1);
        var wStride = cols + 3;
        var xStride = cols + 1;
        var yStride = rows + 2;
        var w = Enumerable.Range(0, rows * wStride).Select(_ => Next()).ToArray();
        var x = Enumerable.Range(0, count * xStride).Select(_ => Next()).ToArray();
        var bias = Enumerable.Range(0, rows).Select(_ => Next()).ToArray();
        var y = new float[count * yStride];
        Dense.MatMul(w, rows, wStride, x, cols, xStride, count, bias, y, yStride);
        for (var t = 0; t < count; t++)
        {
            for (var r = 0; r < rows; r++)
            {
                var expected = (double)bias[r];
                for (var j = 0; j < cols; j++)
                {
                    expected += (double)w[r * wStride + j] * x[t * xStride + j];
                }
                Assert.Equal(expected, y[t * yStride + r], 1e-4);
            }
        }

        // With the output as bias, the product is added to it.
        var acc = Enumerable.Range(0, rows).Select(_ => Next()).ToArray();
        var before = acc.ToArray();
        Dense.MatMul(w, rows, wStride, x, cols, xStride, 1, acc, acc, rows);
        for (var r = 0; r < rows; r++)
        {
            Assert.Equal(before[r] + (y[r] - bias[r]), acc[r], 1e-4);
        }
        Assert.Throws<ArgumentException>(() => Dense.MatMul(w, rows + 1, wStride, x, cols, xStride, count, bias, new float[(count + 1) * yStride], yStride));
    }
}
