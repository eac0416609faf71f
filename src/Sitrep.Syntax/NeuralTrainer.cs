using System.Numerics.Tensors;

namespace Sitrep.Syntax;

/// <summary>
/// Training of the neural parser (Kiperwasser &amp; Goldberg 2016): greedy arc-hybrid with the
/// dynamic oracle, a margin loss between the best correct and the best wrong labelled
/// transition, backpropagation through the MLP and the BiLSTM, Adam on minibatches. Two workers
/// each take every other sentence of a minibatch into their own gradient buffers, summed in a
/// fixed order, so runs are identical whatever the number of cores.
/// </summary>
public static partial class SyntaxTrainer
{
    private const int NeuralWorkers = 2;
    private const double WordDropout = 0.25;

    /// <summary>Word vocabulary of the neural parser: lowercased training words seen at least twice (index 0 = unknown).</summary>
    internal sealed class NeuralVocabulary
    {
        public NeuralVocabulary(IEnumerable<string> forms)
        {
            var counts = new Dictionary<ulong, int>();
            var first = new List<ulong>();
            foreach (var f in forms)
            {
                var h = Hashing.OfLower(f);
                if (!counts.TryGetValue(h, out var c))
                {
                    first.Add(h);
                }
                counts[h] = c + 1;
            }
            Index = [];
            var frequent = new List<int> { 0 };
            foreach (var h in first)
            {
                if (counts[h] >= 2)
                {
                    Index[h] = frequent.Count;
                    frequent.Add(counts[h]);
                }
            }
            Counts = [.. frequent];
        }

        public Dictionary<ulong, int> Index { get; }
        /// <summary>The word hashes of indices 1, 2, ...</summary>
        public ulong[] Keys => [.. Index.OrderBy(p => p.Value).Select(p => p.Key)];
        /// <summary>Training frequency per index (for word dropout).</summary>
        public int[] Counts { get; }
        public int Count => Counts.Length;
    }

    internal static NeuralToken[] NeuralTokens(UdSentence sent, int[] tags, Dictionary<ulong, int> vocabulary, WordClusters clusters, Dictionary<ulong, int> pretrained)
    {
        var tokens = new NeuralToken[sent.Length];
        for (var i = 0; i < sent.Length; i++)
        {
            tokens[i] = NeuralParser.TokenOf(Hashing.OfLower(sent.Forms[i]), tags[i], sent.Forms[i], clusters, vocabulary, pretrained);
        }
        return tokens;
    }

    internal sealed class NeuralWorker
    {
        public NeuralWorker(NeuralNet net)
        {
            var s = net.Shape;
            Work = new NeuralWork(s);
            Grad = net.Like();
            DHid = new float[s.MlpHidden];
            DPre = new float[s.MlpHidden];
            HiddenMask = new float[s.MlpHidden];
            Cost = new int[s.Outputs];
            DhNext = new float[s.Hidden];
            DcNext = new float[s.Hidden];
            Dh = new float[s.Hidden];
            Dc = new float[s.Hidden];
            DGates = new float[s.Gates];
            Dz = new float[s.MaxRecurrent];
        }

        public NeuralWork Work { get; }
        public NeuralNet Grad { get; }
        public ParseState State { get; } = new();
        public float[] DP { get; set; } = [];
        public float[] DV { get; set; } = [];
        public float[] DX { get; set; } = [];
        /// <summary>Gradient of the lower layer's output while backpropagating through a layer above it.</summary>
        public float[] DLower { get; set; } = [];
        public float[] InputMask { get; set; } = [];
        public float[] ContextMask { get; set; } = [];
        public float[] HiddenMask { get; }
        public float[] DHid { get; }
        public float[] DPre { get; }
        public int[] Cost { get; }
        public float[] DhNext { get; }
        public float[] DcNext { get; }
        public float[] Dh { get; }
        public float[] Dc { get; }
        public float[] DGates { get; }
        public float[] Dz { get; }
        public long Transitions;
        public long Errors;
        public double Loss;
    }

    private static NeuralParser TrainNeural(ParserData data, SyntaxTrainOptions options, TextWriter log)
    {
        var (train, tags, labelIndex) = (data.Train, data.Tags, data.LabelIndex);
        var vocabulary = new NeuralVocabulary(train.SelectMany(s => s.Forms));
        var vectors = options.NeuralVectors is { } path ? WordVectors.Read(path, options.NeuralVectorWords) : null;
        var pretrained = new Dictionary<ulong, int>();
        var pretrainedKeys = new List<ulong>();
        var shape = new NeuralShape(vocabulary.Count, data.TagHash.Length, data.Set.L, Hidden: options.NeuralHidden, Layers: options.NeuralLayers);
        if (vectors is not null)
        {
            shape = shape with { PretrainedWords = vectors.Words.Count + 1, WordDim = vectors.Dimensions };
        }
        var net = new NeuralNet(shape);
        net.Initialise(new Random(options.Seed));
        if (vectors is not null)
        {
            // Unit length: the trained embeddings start near 0.5 in norm, GloVe's frequent words near 6.
            for (var i = 0; i < vectors.Words.Count; i++)
            {
                var key = Hashing.OfLower(vectors.Words[i]);
                pretrained.TryAdd(key, i + 1);
                pretrainedKeys.Add(key);
                var row = net.Pretrained.Row(i + 1);
                vectors.Vectors.AsSpan(i * vectors.Dimensions, vectors.Dimensions).CopyTo(row);
                var norm = TensorPrimitives.Norm(row);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(row, norm, row);
                }
            }
            // The trained part starts at zero, so words begin at their pretrained vectors.
            Array.Clear(net.WordEmb.W);
        }
        var adam = new AdamOptimizer(net, options.NeuralRate);
        var tokens = train.Select((s, i) => NeuralTokens(s, tags[i], vocabulary.Index, data.Clusters, pretrained)).ToArray();
        var devTokens = data.Dev.Select((s, i) => NeuralTokens(s, data.DevTags[i], vocabulary.Index, data.Clusters, pretrained)).ToArray();
        var gold = train.Select(s => GoldArcs(s, labelIndex)).ToArray();
        var workers = Enumerable.Range(0, NeuralWorkers).Select(_ => new NeuralWorker(net)).ToArray();
        var rng = new Random(options.Seed + 1);
        var order = Enumerable.Range(0, train.Count).ToArray();
        log.WriteLine($"neural parser: {net.All.Sum(p => (long)p.W.Length)} parameters, {vocabulary.Count} words, {shape}");
        // Early stopping on dev: the weights of the best epoch by LAS are kept.
        var best = net.All.Select(p => (float[])p.W.Clone()).ToArray();
        var bestLas = -1.0;
        var bestEpoch = 0;
        // With averaging, an exponential moving average of the weights after each step is what is
        // evaluated and kept (Polyak averaging): it smooths the noise of the last minibatches.
        var decay = (float)options.NeuralAverage;
        var average = decay > 0 ? net.All.Select(p => (float[])p.W.Clone()).ToArray() : null;
        var scratch = decay > 0 ? net.All.Select(p => new float[p.W.Length]).ToArray() : null;
        for (var epoch = 0; epoch < options.ParserEpochs; epoch++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            rng.Shuffle(order);
            foreach (var w in workers)
            {
                (w.Transitions, w.Errors, w.Loss) = (0, 0, 0);
            }
            for (var start = 0; start < order.Length; start += options.NeuralBatch)
            {
                var end = Math.Min(order.Length, start + options.NeuralBatch);
                var from = start;
                var ep = epoch;
                Parallel.For(0, NeuralWorkers, k =>
                {
                    for (var j = from + k; j < end; j += NeuralWorkers)
                    {
                        var si = order[j];
                        TrainNeuralSentence(net, workers[k], tokens[si], gold[si], data.Set.RootLabel, vocabulary.Counts, new Random(options.Seed ^ (ep * 1_000_003 + si)), ep > 0 ? options.NeuralExplore : 0, options.NeuralDropout);
                    }
                });
                for (var k = 1; k < NeuralWorkers; k++)
                {
                    for (var p = 0; p < net.All.Length; p++)
                    {
                        TensorPrimitives.Add(workers[0].Grad.All[p].W, workers[k].Grad.All[p].W, workers[0].Grad.All[p].W);
                        Array.Clear(workers[k].Grad.All[p].W);
                    }
                }
                adam.Step(workers[0].Grad);
                if (average is not null)
                {
                    for (var p = 0; p < average.Length; p++)
                    {
                        TensorPrimitives.Multiply(average[p], decay, average[p]);
                        TensorPrimitives.MultiplyAdd(net.All[p].W, 1 - decay, average[p], average[p]);
                    }
                }
                foreach (var p in workers[0].Grad.All)
                {
                    Array.Clear(p.W);
                }
            }
            var transitions = workers.Sum(w => w.Transitions);
            var trainTime = sw.Elapsed.TotalSeconds;
            var evalTimer = System.Diagnostics.Stopwatch.StartNew();
            var (uas, las) = EvaluateNeural(net, devTokens, data);
            var wordsPerSecond = devTokens.Sum(t => t.Length) / evalTimer.Elapsed.TotalSeconds;
            var raw = $"dev UAS {uas:F2} LAS {las:F2}";
            var averaged = "";
            if (average is not null)
            {
                for (var p = 0; p < average.Length; p++)
                {
                    net.All[p].W.CopyTo(scratch![p], 0);
                    average[p].CopyTo(net.All[p].W, 0);
                }
                (uas, las) = EvaluateNeural(net, devTokens, data);
                averaged = $", averaged weights UAS {uas:F2} LAS {las:F2}";
            }
            log.WriteLine($"neural epoch {epoch + 1}: wrong predictions in training {100.0 * workers.Sum(w => w.Errors) / transitions:F2}%, loss {workers.Sum(w => w.Loss) / transitions:F4}  {raw}{averaged}  ({trainTime:F0} s; dev parsed at {wordsPerSecond:F0} words/s on {NeuralWorkers} threads)");
            if (las > bestLas)
            {
                (bestLas, bestEpoch) = (las, epoch + 1);
                for (var p = 0; p < best.Length; p++)
                {
                    net.All[p].W.CopyTo(best[p], 0);
                }
            }
            if (average is not null)
            {
                for (var p = 0; p < average.Length; p++)
                {
                    scratch![p].CopyTo(net.All[p].W, 0);
                }
            }
        }
        for (var p = 0; p < best.Length; p++)
        {
            best[p].CopyTo(net.All[p].W, 0);
        }
        NeuralParser.Quantise(net);
        var (finalUas, finalLas) = EvaluateNeural(net, devTokens, data);
        log.WriteLine($"neural parser: epoch {bestEpoch} kept; stored as half floats: dev UAS {finalUas:F2} LAS {finalLas:F2}");
        return new NeuralParser(data.Set.Labels, data.Set.RootLabel, net, vocabulary.Keys, [.. pretrainedKeys]);
    }

    internal static void TrainNeuralSentence(NeuralNet net, NeuralWorker w, NeuralToken[] sentence, (int[] Heads, int[] Labels) gold, int rootLabel, int[] counts, Random rng, double explore, double dropout)
    {
        var s = net.Shape;
        var n = sentence.Length;
        var L = s.Labels;
        var tokens = new NeuralToken[n];
        for (var i = 0; i < n; i++)
        {
            var t = sentence[i];
            tokens[i] = t.Word != 0 && rng.NextDouble() < WordDropout / (WordDropout + counts[t.Word]) ? t with { Word = 0 } : t;
        }
        var work = w.Work;
        var m = s.MlpHidden;
        var pSize = (n + 2) * NeuralShape.Slots * m;
        if (w.DP.Length < pSize)
        {
            w.DP = new float[pSize * 2];
            w.DV = new float[(n + 2) * 2 * s.Context];
            w.DX = new float[(n + 2) * 2 * s.Input];
            w.DLower = new float[(n + 2) * 2 * s.Context];
            w.InputMask = new float[(n + 2) * 2 * s.Input];
            w.ContextMask = new float[(n + 2) * 2 * s.Context * s.Layers];
        }
        var inputMask = w.InputMask.AsSpan(0, dropout > 0 ? n * s.Input : 0);
        var contextMask = w.ContextMask.AsSpan(0, dropout > 0 ? n * s.Context * s.Layers : 0);
        var hiddenMask = w.HiddenMask.AsSpan(0, dropout > 0 ? m : 0);
        FillMask(inputMask, dropout, rng);
        FillMask(contextMask, dropout, rng);
        NeuralForward.Encode(net, tokens, work, inputMask, contextMask);
        var dP = w.DP.AsSpan(0, pSize);
        dP.Clear();
        var state = w.State;
        state.Reset(n);
        var (gh, gl) = gold;
        var cost = w.Cost;
        var scores = work.Scores;
        Span<int> slots = stackalloc int[NeuralShape.Slots];
        while (!state.Terminal)
        {
            if (Parser.Forced(state))
            {
                Parser.Apply(state, state.Sp == 0 ? 0 : 1 + rootLabel, L);
                continue;
            }
            FillMask(hiddenMask, dropout, rng);
            NeuralForward.Score(net, state, work, hiddenMask);
            LabelledCosts(state, gh, gl, L, cost);
            int pred = -1, best = -1, wrong = -1, min = int.MaxValue;
            for (var t = 0; t < s.Outputs; t++)
            {
                if (NeuralForward.Valid(state, t, L, rootLabel) && cost[t] < min)
                {
                    min = cost[t];
                }
            }
            for (var t = 0; t < s.Outputs; t++)
            {
                if (!NeuralForward.Valid(state, t, L, rootLabel))
                {
                    continue;
                }
                if (pred < 0 || scores[t] > scores[pred])
                {
                    pred = t;
                }
                if (cost[t] == min)
                {
                    if (best < 0 || scores[t] > scores[best])
                    {
                        best = t;
                    }
                }
                else if (wrong < 0 || scores[t] > scores[wrong])
                {
                    wrong = t;
                }
            }
            w.Transitions++;
            if (wrong >= 0 && scores[best] < scores[wrong] + 1)
            {
                w.Loss += 1 - scores[best] + scores[wrong];
                w.Errors += pred == wrong ? 1 : 0;
                var g = w.Grad;
                var hid = work.Hid.AsSpan();
                TensorPrimitives.Add(g.Out.Row(wrong), hid, g.Out.Row(wrong));
                TensorPrimitives.Subtract(g.Out.Row(best), hid, g.Out.Row(best));
                g.BiasOut.W[wrong] += 1;
                g.BiasOut.W[best] -= 1;
                var dPre = w.DPre.AsSpan();
                TensorPrimitives.Subtract(net.Out.Row(wrong), net.Out.Row(best), dPre);
                for (var r = 0; r < m; r++)
                {
                    // hid is the masked activation: a kept unit is tanh × scale, a dropped one gets no gradient.
                    var scale = hiddenMask.IsEmpty ? 1 : hiddenMask[r];
                    var tanh = scale == 0 ? 0 : hid[r] / scale;
                    dPre[r] *= scale * (1 - tanh * tanh);
                }
                TensorPrimitives.Add(g.BiasH.W, dPre, g.BiasH.W);
                slots[0] = state.S(2);
                slots[1] = state.S(1);
                slots[2] = state.S(0);
                slots[3] = state.B;
                for (var k = 0; k < NeuralShape.Slots; k++)
                {
                    var d = dP.Slice((slots[k] * NeuralShape.Slots + k) * m, m);
                    TensorPrimitives.Add(d, dPre, d);
                }
            }
            var next = cost[pred] == min || rng.NextDouble() < explore ? pred : best;
            Parser.Apply(state, next, L);
        }
        NeuralBackward(net, w, tokens, n, inputMask, contextMask);
    }

    /// <summary>Inverted dropout: each entry 0 with probability <paramref name="p"/>, else 1 / (1 - p).</summary>
    private static void FillMask(Span<float> mask, double p, Random rng)
    {
        var keep = (float)(1 / (1 - p));
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = rng.NextDouble() < p ? 0 : keep;
        }
    }

    /// <summary>Backpropagates the gradients collected on the slot projections (w.DP) into the MLP's first layer, the BiLSTM and the embeddings.</summary>
    private static void NeuralBackward(NeuralNet net, NeuralWorker w, NeuralToken[] tokens, int n, ReadOnlySpan<float> inputMask, ReadOnlySpan<float> contextMask)
    {
        var s = net.Shape;
        var ctx = s.Context;
        var work = w.Work;
        var g = w.Grad;
        var block = NeuralShape.Slots * s.MlpHidden;
        var dV = w.DV.AsSpan(0, (n + 2) * ctx);
        dV.Clear();
        for (var i = 0; i < n + 2; i++)
        {
            var dp = w.DP.AsSpan(i * block, block);
            var v = work.V.AsSpan(i * ctx, ctx);
            var dv = dV.Slice(i * ctx, ctx);
            for (var r = 0; r < block; r++)
            {
                var d = dp[r];
                if (d == 0)
                {
                    continue;
                }
                var gr = g.SlotW.Row(r);
                TensorPrimitives.MultiplyAdd(v, d, gr, gr);
                TensorPrimitives.MultiplyAdd(net.SlotW.Row(r), d, dv, dv);
            }
        }
        TensorPrimitives.Add(g.Pad.W, dV.Slice(n * ctx, 2 * ctx), g.Pad.W);
        var size = n * ctx;
        var dOut = dV[..size];
        var dX = w.DX.AsSpan(0, n * s.Input);
        for (var k = s.Layers - 1; k >= 0; k--)
        {
            if (!contextMask.IsEmpty)
            {
                TensorPrimitives.Multiply(dOut, contextMask.Slice(k * size, size), dOut);
            }
            // Layer k reads the embeddings (k = 0) or layer k - 1's output; its input gradient
            // goes to the buffer that dOut is not, so the two alternate going down.
            var input = k == 0 ? work.X : work.Layers[k - 1].Out;
            var dIn = k == 0 ? dX : (dOut.Overlaps(w.DLower) ? w.DV : w.DLower).AsSpan(0, size);
            dIn.Clear();
            var (layer, grad, lw) = (net.Lstm[k], g.Lstm[k], work.Layers[k]);
            LstmBackward(s, layer.Forward, grad.Forward, grad.ForwardBias, w, n, false, input, s.LayerInput(k), lw.GatesF, lw.CellF, lw.HF, lw.TanhF, dOut, 0, dIn);
            LstmBackward(s, layer.Backward, grad.Backward, grad.BackwardBias, w, n, true, input, s.LayerInput(k), lw.GatesB, lw.CellB, lw.HB, lw.TanhB, dOut, s.Hidden, dIn);
            dOut = dIn;
        }
        if (!inputMask.IsEmpty)
        {
            TensorPrimitives.Multiply(dX, inputMask, dX);
        }
        var tagAt = s.WordDim;
        var clusterAt = tagAt + s.TagDim;
        var caseAt = clusterAt + s.ClusterDim;
        for (var i = 0; i < n; i++)
        {
            var dx = dX.Slice(i * s.Input, s.Input);
            var t = tokens[i];
            AddTo(g.WordEmb.Row(t.Word), dx[..tagAt]);
            AddTo(g.TagEmb.Row(t.Tag), dx[tagAt..clusterAt]);
            AddTo(g.Coarse.Row(t.Coarse), dx[clusterAt..caseAt]);
            AddTo(g.Mid.Row(t.Mid), dx[clusterAt..caseAt]);
            AddTo(g.Fine.Row(t.Fine), dx[clusterAt..caseAt]);
            AddTo(g.Case.Row(t.Case), dx[caseAt..]);
        }
    }

    private static void AddTo(Span<float> target, ReadOnlySpan<float> delta) => TensorPrimitives.Add(target, delta, target);

    /// <summary>Backpropagation through time for one LSTM direction; <paramref name="offset"/> picks its half of each BiLSTM vector's gradient.</summary>
    private static void LstmBackward(NeuralShape s, Param weights, Param gradW, Param gradB, NeuralWorker w, int n, bool reverse, float[] x, int input,
        float[] gates, float[] cell, float[] hidden, float[] tanhCell, ReadOnlySpan<float> dV, int offset, Span<float> dX)
    {
        int h = s.Hidden, G = s.Gates;
        var dhNext = w.DhNext.AsSpan();
        var dcNext = w.DcNext.AsSpan();
        dhNext.Clear();
        dcNext.Clear();
        var dh = w.Dh.AsSpan();
        var da = w.DGates.AsSpan();
        var dz = w.Dz.AsSpan(0, input + h);
        var z = w.Work.Z.AsSpan(0, input + h);
        for (var step = n - 1; step >= 0; step--)
        {
            var t = reverse ? n - 1 - step : step;
            var prev = reverse ? t + 1 : t - 1;
            var first = step == 0;
            var a = gates.AsSpan(t * G, G);
            var tc = tanhCell.AsSpan(t * h, h);
            TensorPrimitives.Add(dV.Slice(t * s.Context + offset, h), dhNext, dh);
            for (var r = 0; r < h; r++)
            {
                float i = a[r], f = a[h + r], o = a[2 * h + r], c = a[3 * h + r], tcr = tc[r];
                var dc = dh[r] * o * (1 - tcr * tcr) + dcNext[r];
                da[r] = dc * c * i * (1 - i);
                da[h + r] = first ? 0 : dc * cell[prev * h + r] * f * (1 - f);
                da[2 * h + r] = dh[r] * tcr * o * (1 - o);
                da[3 * h + r] = dc * i * (1 - c * c);
                dcNext[r] = dc * f;
            }
            x.AsSpan(t * input, input).CopyTo(z);
            if (first)
            {
                z[input..].Clear();
            }
            else
            {
                hidden.AsSpan(prev * h, h).CopyTo(z[input..]);
            }
            TensorPrimitives.Add(gradB.W, da, gradB.W);
            dz.Clear();
            for (var r = 0; r < G; r++)
            {
                var d = da[r];
                var gr = gradW.Row(r);
                TensorPrimitives.MultiplyAdd(z, d, gr, gr);
                TensorPrimitives.MultiplyAdd(weights.Row(r), d, dz, dz);
            }
            AddTo(dX.Slice(t * input, input), dz[..input]);
            dz[input..].CopyTo(dhNext);
        }
    }

    /// <summary>Move costs of the dynamic oracle (Goldberg &amp; Nivre 2013) in a state that is not forced: the gold arcs each move makes unreachable.</summary>
    private static (int Shift, int Left, int Right) MoveCosts(ParseState s, int[] gh)
    {
        var n = s.N;
        var b = s.B;
        var s0 = s.Stack[s.Sp - 1];
        var s1 = s.Sp >= 2 ? s.Stack[s.Sp - 2] : -1;
        var shift = 0;
        if (b < n)
        {
            for (var k = 0; k < s.Sp; k++)
            {
                var item = s.Stack[k];
                if (gh[item] == b)
                {
                    shift++;
                }
                if (item != s0 && gh[b] == item)
                {
                    shift++;
                }
            }
        }
        var bufDeps = 0;
        for (var k = b; k < n; k++)
        {
            if (gh[k] == s0)
            {
                bufDeps++;
            }
        }
        var h = gh[s0];
        var left = bufDeps + (s1 >= 0 && h == s1 ? 1 : 0) + (h > b && h <= n ? 1 : 0);
        var right = bufDeps + (h >= b && h <= n ? 1 : 0);
        return (shift, left, right);
    }

    /// <summary>Costs of every labelled transition (Parser encoding): the move's cost, plus one for a gold arc under a wrong label.</summary>
    private static void LabelledCosts(ParseState s, int[] gh, int[] gl, int labels, int[] cost)
    {
        var (shift, left, right) = MoveCosts(s, gh);
        var s0 = s.Stack[s.Sp - 1];
        var s1 = s.Sp >= 2 ? s.Stack[s.Sp - 2] : -1;
        var h = gh[s0];
        cost[0] = shift;
        for (var l = 0; l < labels; l++)
        {
            var wrongLabel = l != gl[s0] ? 1 : 0;
            cost[1 + l] = left + (h == s.B ? wrongLabel : 0);
            cost[1 + labels + l] = right + (h == s1 ? wrongLabel : 0);
        }
    }

    private static (double Uas, double Las) EvaluateNeural(NeuralNet net, NeuralToken[][] dev, ParserData data)
    {
        long total = 0, ua = 0, la = 0;
        Parallel.For(0, NeuralWorkers, k =>
        {
            var work = new NeuralWork(net.Shape);
            var state = new ParseState();
            long t0 = 0, u0 = 0, l0 = 0;
            for (var si = k; si < dev.Length; si += NeuralWorkers)
            {
                var sent = data.Dev[si];
                NeuralForward.Parse(net, dev[si], work, state, data.Set.RootLabel);
                for (var i = 0; i < sent.Length; i++)
                {
                    var head = state.Head[i] >= sent.Length ? -1 : state.Head[i];
                    t0++;
                    if (head == sent.Heads[i])
                    {
                        u0++;
                        if (data.LabelIndex.TryGetValue(sent.Rels[i], out var gl) && gl == state.Label[i])
                        {
                            l0++;
                        }
                    }
                }
            }
            Interlocked.Add(ref total, t0);
            Interlocked.Add(ref ua, u0);
            Interlocked.Add(ref la, l0);
        });
        return (100.0 * ua / total, 100.0 * la / total);
    }
}

/// <summary>Adam (Kingma &amp; Ba 2015) over every parameter of a network.</summary>
internal sealed class AdamOptimizer(NeuralNet net, double rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
{
    private readonly NeuralNet _m = net.Like();
    private readonly NeuralNet _v = net.Like();
    private int _t;

    public void Step(NeuralNet gradient)
    {
        _t++;
        var lr = (float)(rate * Math.Sqrt(1 - Math.Pow(beta2, _t)) / (1 - Math.Pow(beta1, _t)));
        float b1 = (float)beta1, b2 = (float)beta2, eps = (float)epsilon;
        for (var p = 0; p < net.All.Length; p++)
        {
            var w = net.All[p].W;
            var g = gradient.All[p].W;
            var m = _m.All[p].W;
            var v = _v.All[p].W;
            for (var i = 0; i < w.Length; i++)
            {
                var gi = g[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                w[i] -= lr * m[i] / (MathF.Sqrt(v[i]) + eps);
            }
        }
    }
}
