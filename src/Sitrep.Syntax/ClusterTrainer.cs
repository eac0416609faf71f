using System.Numerics;

namespace Sitrep.Syntax;

/// <summary>
/// Builds <see cref="WordClusters"/> from word vectors by top-down spherical k-means: 64
/// clusters of all words, then each split into 8, then each of those into 8. Deterministic for
/// a seed: k-means++ seeding from a seeded Random per node, a fixed number of Lloyd rounds, and
/// sums taken in word order. Written here rather than with ML.NET (Microsoft.ML is served here):
/// its multiclass trainers take one label per example, not the tag distributions the profile
/// regression fits, and its k-means would need an IDataView pipeline for each of the 577 small
/// runs of the hierarchy.
/// </summary>
public static class ClusterTrainer
{
    private const int Rounds = 20;

    public static void TrainToFile(WordVectors vectors, int seed, int dropComponents, IReadOnlyList<UdSentence>? treebank, string outputPath, TextWriter log)
    {
        var clusters = Train(vectors, seed, log, dropComponents, treebank);
        SyntaxModel.WritePart(outputPath, clusters.Write);
    }

    /// <param name="dropComponents">
    /// Principal components to remove after centring ("all-but-the-top", Mu &amp; Viswanath 2018):
    /// the top directions of GloVe vectors mostly encode word frequency, which would otherwise
    /// group words by how common they are rather than by what they are.
    /// </param>
    /// <param name="treebank">
    /// Tagged training sentences. When given, the 64 top clusters group words by their predicted
    /// tag profile (a softmax regression from vector to the Penn tags the word takes in the
    /// treebank), so the coarse level is syntactic ("shelled" with past-tense verbs) and the two
    /// lower levels, clustered on the vectors, semantic. GloVe neighbourhoods alone are topical:
    /// "killed" sits with "police" and "bomb".
    /// </param>
    internal static WordClusters Train(WordVectors vectors, int seed, TextWriter log, int dropComponents = 0, IReadOnlyList<UdSentence>? treebank = null)
    {
        var n = vectors.Words.Count;
        var dims = vectors.Dimensions;
        var x = Normalized(dropComponents > 0 ? WithoutTopComponents(vectors.Vectors, n, dims, dropComponents) : vectors.Vectors, n, dims);
        var leaves = new ushort[n];
        var all = Enumerable.Range(0, n).ToArray();
        int[] top;
        if (treebank is null)
        {
            top = KMeans(x, dims, all, WordClusters.TopClusters, new Random(seed));
            log.WriteLine($"clusters: {n} words, {dims} dimensions; level 1: {WordClusters.TopClusters} clusters of the vectors");
        }
        else
        {
            // The profile regression keeps all components and the vectors' lengths: it predicts
            // held-out words' commonest tags better so (77.6 % against 73.4 % with 3 components
            // removed and unit length).
            var (profiles, classes) = TagProfiles(Scaled(vectors.Vectors, n), dims, vectors.Words, treebank, seed, log);
            top = KMeans(profiles, classes, all, WordClusters.TopClusters, new Random(seed));
            log.WriteLine($"clusters: {n} words, {dims} dimensions; level 1: {WordClusters.TopClusters} clusters of predicted tag profiles");
        }
        for (var c = 0; c < WordClusters.TopClusters; c++)
        {
            var members = Members(all, top, c);
            var mid = KMeans(x, dims, members, WordClusters.Branching, new Random(seed + 1 + c));
            for (var m = 0; m < WordClusters.Branching; m++)
            {
                var inner = Members(members, mid, m);
                var fine = KMeans(x, dims, inner, WordClusters.Branching, new Random(seed + 1000 + c * WordClusters.Branching + m));
                for (var i = 0; i < inner.Length; i++)
                {
                    leaves[inner[i]] = (ushort)((c * WordClusters.Branching + m) * WordClusters.Branching + fine[i]);
                }
            }
        }
        log.WriteLine($"clusters: levels 2 and 3 split into up to {WordClusters.Branching} each ({WordClusters.Leaves} leaves)");
        return new WordClusters(vectors.Words, leaves);
    }

    /// <summary>
    /// Every word's predicted Penn-tag distribution (square roots, so rows have unit length and
    /// spherical k-means compares them by Hellinger affinity), from a softmax regression trained
    /// on the words the treebank tags, each word type weighted alike: the words that need a
    /// prediction are the rare ones.
    /// </summary>
    private static (float[] Profiles, int Classes) TagProfiles(float[] x, int dims, IReadOnlyList<string> words, IReadOnlyList<UdSentence> treebank, int seed, TextWriter log)
    {
        var tagNames = treebank.SelectMany(s => s.Xpos).Distinct().Order(StringComparer.Ordinal).ToArray();
        var tagIndex = tagNames.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        var classes = tagNames.Length;
        var counts = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var s in treebank)
        {
            for (var i = 0; i < s.Length; i++)
            {
                var key = s.Forms[i].ToLowerInvariant();
                if (!counts.TryGetValue(key, out var c))
                {
                    counts[key] = c = new float[classes];
                }
                c[tagIndex[s.Xpos[i]]]++;
            }
        }
        var examples = new List<(int Row, float[] Target)>();
        for (var i = 0; i < words.Count; i++)
        {
            if (counts.TryGetValue(words[i], out var c))
            {
                var total = c.Sum();
                examples.Add((i, c.Select(v => v / total).ToArray()));
            }
        }
        // Every tenth known word is held out to report how well the profile predicts a word's commonest tag.
        var train = examples.Where((_, k) => k % 10 != 0).ToArray();
        var heldOut = examples.Where((_, k) => k % 10 == 0).ToArray();
        var weights = new float[classes * dims];
        var bias = new float[classes];
        var q = new float[classes];
        var rng = new Random(seed);
        const int epochs = 15;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(train);
            var rate = 0.5f / (1 + epoch);
            foreach (var (row, target) in train)
            {
                var v = x.AsSpan(row * dims, dims);
                Softmax(weights, bias, v, dims, q);
                for (var c = 0; c < classes; c++)
                {
                    var g = rate * (q[c] - target[c]);
                    if (g == 0)
                    {
                        continue;
                    }
                    bias[c] -= g;
                    var w = weights.AsSpan(c * dims, dims);
                    for (var d = 0; d < dims; d++)
                    {
                        w[d] -= g * v[d];
                    }
                }
            }
        }
        var right = 0;
        foreach (var (row, target) in heldOut)
        {
            Softmax(weights, bias, x.AsSpan(row * dims, dims), dims, q);
            right += ArgMax(q) == ArgMax(target) ? 1 : 0;
        }
        log.WriteLine($"tag profiles: {classes} Penn tags, {train.Length} treebank words to learn from; commonest tag of {heldOut.Length} held-out words predicted {100.0 * right / Math.Max(1, heldOut.Length):F1} %");
        var profiles = new float[words.Count * classes];
        for (var i = 0; i < words.Count; i++)
        {
            Softmax(weights, bias, x.AsSpan(i * dims, dims), dims, q);
            for (var c = 0; c < classes; c++)
            {
                profiles[i * classes + c] = MathF.Sqrt(q[c]);
            }
        }
        return (profiles, classes);
    }

    private static void Softmax(float[] weights, float[] bias, ReadOnlySpan<float> v, int dims, float[] q)
    {
        var max = float.NegativeInfinity;
        for (var c = 0; c < q.Length; c++)
        {
            q[c] = Dot(weights.AsSpan(c * dims, dims), v) + bias[c];
            max = Math.Max(max, q[c]);
        }
        var sum = 0f;
        for (var c = 0; c < q.Length; c++)
        {
            q[c] = MathF.Exp(q[c] - max);
            sum += q[c];
        }
        for (var c = 0; c < q.Length; c++)
        {
            q[c] /= sum;
        }
    }

    private static int ArgMax(float[] v)
    {
        var best = 0;
        for (var i = 1; i < v.Length; i++)
        {
            if (v[i] > v[best])
            {
                best = i;
            }
        }
        return best;
    }

    private static int[] Members(int[] items, int[] assignment, int cluster)
    {
        var list = new List<int>();
        for (var i = 0; i < items.Length; i++)
        {
            if (assignment[i] == cluster)
            {
                list.Add(items[i]);
            }
        }
        return list.ToArray();
    }

    private static float[] WithoutTopComponents(float[] v, int n, int dims, int drop)
    {
        var mean = new double[dims];
        for (var i = 0; i < n; i++)
        {
            for (var d = 0; d < dims; d++)
            {
                mean[d] += v[i * dims + d];
            }
        }
        for (var d = 0; d < dims; d++)
        {
            mean[d] /= n;
        }
        var x = new float[v.Length];
        for (var i = 0; i < n; i++)
        {
            for (var d = 0; d < dims; d++)
            {
                x[i * dims + d] = (float)(v[i * dims + d] - mean[d]);
            }
        }
        var cov = new double[dims, dims];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < dims; a++)
            {
                var xa = (double)x[i * dims + a];
                for (var b = a; b < dims; b++)
                {
                    cov[a, b] += xa * x[i * dims + b];
                }
            }
        }
        for (var a = 0; a < dims; a++)
        {
            for (var b = 0; b < a; b++)
            {
                cov[a, b] = cov[b, a];
            }
        }
        // Top eigenvectors by power iteration with deflation: a handful of 100×100 products.
        for (var c = 0; c < drop; c++)
        {
            var u = new double[dims];
            Array.Fill(u, 1 / Math.Sqrt(dims));
            var lambda = 0.0;
            for (var it = 0; it < 300; it++)
            {
                var next = new double[dims];
                for (var a = 0; a < dims; a++)
                {
                    for (var b = 0; b < dims; b++)
                    {
                        next[a] += cov[a, b] * u[b];
                    }
                }
                lambda = Math.Sqrt(next.Sum(t => t * t));
                for (var a = 0; a < dims; a++)
                {
                    u[a] = next[a] / lambda;
                }
            }
            for (var a = 0; a < dims; a++)
            {
                for (var b = 0; b < dims; b++)
                {
                    cov[a, b] -= lambda * u[a] * u[b];
                }
            }
            for (var i = 0; i < n; i++)
            {
                var row = x.AsSpan(i * dims, dims);
                var p = 0.0;
                for (var d = 0; d < dims; d++)
                {
                    p += row[d] * u[d];
                }
                for (var d = 0; d < dims; d++)
                {
                    row[d] -= (float)(p * u[d]);
                }
            }
        }
        return x;
    }

    /// <summary>The vectors divided by their root-mean-square length, so the regression's learning rate suits any vector set.</summary>
    private static float[] Scaled(float[] v, int rows)
    {
        var total = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            total += v[i] * v[i];
        }
        var scale = (float)(1 / Math.Sqrt(total / rows));
        var x = new float[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            x[i] = v[i] * scale;
        }
        return x;
    }

    private static float[] Normalized(float[] v, int n, int dims)
    {
        var x = new float[v.Length];
        for (var i = 0; i < n; i++)
        {
            var row = v.AsSpan(i * dims, dims);
            var norm = MathF.Sqrt(Dot(row, row));
            var scale = norm > 0 ? 1 / norm : 0;
            for (var k = 0; k < dims; k++)
            {
                x[i * dims + k] = row[k] * scale;
            }
        }
        return x;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var k = 0;
        for (; k + Vector<float>.Count <= a.Length; k += Vector<float>.Count)
        {
            sum += new Vector<float>(a[k..]) * new Vector<float>(b[k..]);
        }
        var s = Vector.Sum(sum);
        for (; k < a.Length; k++)
        {
            s += a[k] * b[k];
        }
        return s;
    }

    /// <summary>Spherical k-means of the rows <paramref name="items"/> of <paramref name="x"/>; returns each item's cluster (0..k-1).</summary>
    internal static int[] KMeans(float[] x, int dims, int[] items, int k, Random rng)
    {
        var n = items.Length;
        var assign = new int[n];
        if (n <= k)
        {
            for (var i = 0; i < n; i++)
            {
                assign[i] = i;
            }
            return assign;
        }
        var centroids = SeedPlusPlus(x, dims, items, k, rng);
        var sums = new double[k * dims];
        var counts = new int[k];
        for (var round = 0; round < Rounds; round++)
        {
            var changed = 0;
            var centroidArray = centroids;
            // Each item's nearest centroid is independent of the others, so this part runs in
            // parallel without changing the result.
            var next = new int[n];
            Parallel.For(0, n, i => next[i] = Nearest(x.AsSpan(items[i] * dims, dims), centroidArray, dims, k));
            for (var i = 0; i < n; i++)
            {
                changed += next[i] != assign[i] || round == 0 ? 1 : 0;
                assign[i] = next[i];
            }
            if (changed == 0)
            {
                break;
            }
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var c = assign[i];
                counts[c]++;
                var row = x.AsSpan(items[i] * dims, dims);
                for (var d = 0; d < dims; d++)
                {
                    sums[c * dims + d] += row[d];
                }
            }
            for (var c = 0; c < k; c++)
            {
                // An emptied cluster keeps its centroid; it may win items back next round.
                if (counts[c] == 0)
                {
                    continue;
                }
                var norm = 0.0;
                for (var d = 0; d < dims; d++)
                {
                    norm += sums[c * dims + d] * sums[c * dims + d];
                }
                var scale = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
                for (var d = 0; d < dims; d++)
                {
                    centroids[c * dims + d] = (float)(sums[c * dims + d] * scale);
                }
            }
        }
        return assign;
    }

    private static int Nearest(ReadOnlySpan<float> row, float[] centroids, int dims, int k)
    {
        var best = 0;
        var bestDot = float.NegativeInfinity;
        for (var c = 0; c < k; c++)
        {
            var dot = Dot(row, centroids.AsSpan(c * dims, dims));
            if (dot > bestDot)
            {
                bestDot = dot;
                best = c;
            }
        }
        return best;
    }

    /// <summary>k-means++ seeding (Arthur &amp; Vassilvitskii 2007) with cosine distance.</summary>
    private static float[] SeedPlusPlus(float[] x, int dims, int[] items, int k, Random rng)
    {
        var n = items.Length;
        var centroids = new float[k * dims];
        var distance = new double[n];
        Array.Fill(distance, double.MaxValue);
        var pick = rng.Next(n);
        for (var c = 0; c < k; c++)
        {
            x.AsSpan(items[pick] * dims, dims).CopyTo(centroids.AsSpan(c * dims, dims));
            var centroid = centroids.AsSpan(c * dims, dims);
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                var d = Math.Max(0, 1 - Dot(x.AsSpan(items[i] * dims, dims), centroid));
                distance[i] = Math.Min(distance[i], d * d);
                total += distance[i];
            }
            if (total <= 0)
            {
                break;
            }
            var target = rng.NextDouble() * total;
            pick = n - 1;
            for (var i = 0; i < n; i++)
            {
                target -= distance[i];
                if (target <= 0)
                {
                    pick = i;
                    break;
                }
            }
        }
        return centroids;
    }
}
