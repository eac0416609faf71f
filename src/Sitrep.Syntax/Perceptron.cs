using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Sitrep.Syntax;

/// <summary>Class scores for a set of hashed features.</summary>
internal interface IScorer
{
    void Score(ReadOnlySpan<ulong> feats, Span<float> scores);

    /// <summary>Starts loading what <see cref="Score"/> will read, so several feature sets' cache misses overlap (a hint; may do nothing).</summary>
    void Prefetch(ReadOnlySpan<ulong> feats);
}

/// <summary>The sum of several scorers' scores (several trained models as one, for evaluating their sum before it is built).</summary>
internal sealed class SumScorer(IReadOnlyList<IScorer> parts, int classes) : IScorer
{
    [ThreadStatic]
    private static float[]? t_part;

    public void Score(ReadOnlySpan<ulong> feats, Span<float> scores)
    {
        var part = t_part is { } p && p.Length >= classes ? p : t_part = new float[classes];
        scores.Clear();
        foreach (var scorer in parts)
        {
            scorer.Score(feats, part.AsSpan(0, scores.Length));
            for (var c = 0; c < scores.Length; c++)
            {
                scores[c] += part[c];
            }
        }
    }

    public void Prefetch(ReadOnlySpan<ulong> feats)
    {
        foreach (var scorer in parts)
        {
            scorer.Prefetch(feats);
        }
    }
}

/// <summary>
/// Averaged multiclass perceptron for training, with sparse per-feature class rows: a feature
/// usually co-occurs with a handful of classes, so dense rows of ~100 parser transitions would
/// need gigabytes. Averaging is lazy (Daumé's trick with per-entry timestamps).
/// </summary>
internal sealed class PerceptronTrainer
{
    /// <summary>The averaged weights as a scorer, for evaluating on dev between epochs.</summary>
    public IScorer Averaged => new View(this, true);

    /// <summary>The current (unaveraged) weights as a scorer, for decoding during training.</summary>
    public IScorer Current => new View(this, false);

    private sealed class View(PerceptronTrainer trainer, bool averaged) : IScorer
    {
        public void Score(ReadOnlySpan<ulong> feats, Span<float> scores) => trainer.Score(feats, scores, averaged);

        public void Prefetch(ReadOnlySpan<ulong> feats)
        {
        }
    }

    private readonly FeatureMap _rows = new();
    private int[] _rowStart = new int[1 << 16];
    private int[] _rowCount = new int[1 << 16];
    private int[] _rowCap = new int[1 << 16];
    private short[] _cls = new short[1 << 20];
    private float[] _w = new float[1 << 20];
    private double[] _tot = new double[1 << 20];
    private int[] _ts = new int[1 << 20];
    private int _used;

    public PerceptronTrainer(int classes)
    {
        Classes = classes;
    }

    public int Classes { get; }
    /// <summary>Number of training instances seen so far (the averaging clock).</summary>
    public int Clock { get; private set; } = 1;
    public int FeatureCount => _rows.Count;

    public void Tick() => Clock++;

    /// <summary>Scores into <paramref name="scores"/> (cleared first); averaged weights when <paramref name="averaged"/>.</summary>
    public void Score(ReadOnlySpan<ulong> feats, Span<float> scores, bool averaged)
    {
        scores.Clear();
        foreach (var f in feats)
        {
            if (!_rows.TryGetValue(f, out var r))
            {
                continue;
            }
            var start = _rowStart[r];
            var end = start + _rowCount[r];
            if (averaged)
            {
                for (var i = start; i < end; i++)
                {
                    scores[_cls[i]] += (float)((_tot[i] + (Clock - _ts[i]) * (double)_w[i]) / Clock);
                }
            }
            else
            {
                for (var i = start; i < end; i++)
                {
                    scores[_cls[i]] += _w[i];
                }
            }
        }
    }

    public void Update(ReadOnlySpan<ulong> feats, int truth, int guess)
    {
        if (truth == guess)
        {
            return;
        }
        foreach (var f in feats)
        {
            var r = Row(f);
            Add(r, truth, 1f);
            Add(r, guess, -1f);
        }
    }

    /// <summary>Adds <paramref name="delta"/> to class <paramref name="cls"/> of every feature (structured updates).</summary>
    public void Add(ReadOnlySpan<ulong> feats, int cls, float delta)
    {
        foreach (var f in feats)
        {
            Add(Row(f), cls, delta);
        }
    }

    private int CountEntries()
    {
        var total = 0;
        foreach (var (_, r) in _rows.Entries())
        {
            total += _rowCount[r];
        }
        return total;
    }

    private int Row(ulong f)
    {
        if (_rows.TryGetValue(f, out var r))
        {
            return r;
        }
        r = _rows.Count;
        if (r == _rowStart.Length)
        {
            Array.Resize(ref _rowStart, r * 2);
            Array.Resize(ref _rowCount, r * 2);
            Array.Resize(ref _rowCap, r * 2);
        }
        _rows.Add(f, r);
        _rowStart[r] = Alloc(2);
        _rowCount[r] = 0;
        _rowCap[r] = 2;
        return r;
    }

    private int Alloc(int n)
    {
        if (_used + n > _w.Length)
        {
            var size = _w.Length * 2;
            Array.Resize(ref _cls, size);
            Array.Resize(ref _w, size);
            Array.Resize(ref _tot, size);
            Array.Resize(ref _ts, size);
        }
        var at = _used;
        _used += n;
        return at;
    }

    private void Add(int r, int cls, float delta)
    {
        var start = _rowStart[r];
        var count = _rowCount[r];
        var i = start;
        var end = start + count;
        while (i < end && _cls[i] != cls)
        {
            i++;
        }
        if (i == end)
        {
            if (count == _rowCap[r])
            {
                // Grow by moving the row to the end of the pool; the hole is left unused.
                var cap = count * 2;
                var moved = Alloc(cap);
                Array.Copy(_cls, start, _cls, moved, count);
                Array.Copy(_w, start, _w, moved, count);
                Array.Copy(_tot, start, _tot, moved, count);
                Array.Copy(_ts, start, _ts, moved, count);
                _rowStart[r] = start = moved;
                _rowCap[r] = cap;
                i = start + count;
            }
            _cls[i] = (short)cls;
            _w[i] = 0;
            _tot[i] = 0;
            _ts[i] = Clock;
            _rowCount[r] = count + 1;
        }
        _tot[i] += (Clock - _ts[i]) * (double)_w[i];
        _ts[i] = Clock;
        _w[i] += delta;
    }

    /// <summary>
    /// The sum of several trainers' averaged weights, keeping the <paramref name="maxEntries"/>
    /// largest in magnitude. Scores are linear in the weights, so this one model scores exactly
    /// as the sum of the trainers' scores would: an ensemble at no cost at prediction time.
    /// </summary>
    public static SparseWeights Finish(IReadOnlyList<PerceptronTrainer> trainers, int maxEntries)
    {
        if (trainers.Count == 1)
        {
            return trainers[0].Finish(maxEntries);
        }
        var classes = trainers[0].Classes;
        var entries = new List<(uint Key, int Class, double Weight)>();
        foreach (var t in trainers)
        {
            if (t.Classes != classes)
            {
                throw new ArgumentException("trainers of different class counts cannot be summed", nameof(trainers));
            }
            foreach (var (f, r) in t._rows.Entries())
            {
                var key = SparseWeights.Fold(f);
                for (var i = t._rowStart[r]; i < t._rowStart[r] + t._rowCount[r]; i++)
                {
                    entries.Add((key, t._cls[i], (t._tot[i] + (t.Clock - t._ts[i]) * (double)t._w[i]) / t.Clock));
                }
            }
        }
        // Sorting makes the sums independent of the trainers' hash-table order.
        entries.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Class != b.Class ? a.Class.CompareTo(b.Class) : a.Weight.CompareTo(b.Weight));
        var merged = new List<(uint Key, int Class, double Weight)>(entries.Count);
        foreach (var e in entries)
        {
            if (merged.Count > 0 && merged[^1].Key == e.Key && merged[^1].Class == e.Class)
            {
                merged[^1] = (e.Key, e.Class, merged[^1].Weight + e.Weight);
            }
            else
            {
                merged.Add(e);
            }
        }
        var magnitudes = merged.Select(e => (float)Math.Abs(e.Weight)).ToArray();
        var minAbs = 1e-6f;
        if (magnitudes.Length > maxEntries)
        {
            Array.Sort(magnitudes);
            minAbs = Math.Max(minAbs, magnitudes[magnitudes.Length - maxEntries]);
        }
        var keys = new List<uint>();
        var rowStart = new List<int>();
        var cls = new List<byte>();
        var w = new List<float>();
        foreach (var e in merged)
        {
            if (Math.Abs(e.Weight) < minAbs)
            {
                continue;
            }
            if (keys.Count == 0 || keys[^1] != e.Key)
            {
                keys.Add(e.Key);
                rowStart.Add(cls.Count);
            }
            cls.Add((byte)e.Class);
            w.Add((float)e.Weight);
        }
        rowStart.Add(cls.Count);
        return new SparseWeights(classes, [.. keys], [.. rowStart], [.. cls], [.. w]);
    }

    /// <summary>
    /// The averaged weights, keeping only the <paramref name="maxEntries"/> largest in magnitude
    /// (small weights rarely change a decision but dominate the model's size).
    /// </summary>
    public SparseWeights Finish(int maxEntries)
    {
        var magnitudes = new float[_rows.Count == 0 ? 0 : CountEntries()];
        var m = 0;
        foreach (var (_, r) in _rows.Entries())
        {
            var start = _rowStart[r];
            for (var i = start; i < start + _rowCount[r]; i++)
            {
                magnitudes[m++] = (float)Math.Abs((_tot[i] + (Clock - _ts[i]) * (double)_w[i]) / Clock);
            }
        }
        var minAbs = 1e-6f;
        if (magnitudes.Length > maxEntries)
        {
            Array.Sort(magnitudes);
            minAbs = Math.Max(minAbs, magnitudes[magnitudes.Length - maxEntries]);
        }
        var byKey = new SortedDictionary<uint, Dictionary<int, double>>();
        foreach (var (f, r) in _rows.Entries())
        {
            var key = SparseWeights.Fold(f);
            var start = _rowStart[r];
            for (var i = start; i < start + _rowCount[r]; i++)
            {
                var avg = (_tot[i] + (Clock - _ts[i]) * (double)_w[i]) / Clock;
                if (Math.Abs(avg) < minAbs)
                {
                    continue;
                }
                if (!byKey.TryGetValue(key, out var row))
                {
                    byKey[key] = row = new Dictionary<int, double>();
                }
                row[_cls[i]] = row.GetValueOrDefault(_cls[i]) + avg;
            }
        }
        var keys = new uint[byKey.Count];
        var rowStart = new int[byKey.Count + 1];
        var total = 0;
        foreach (var row in byKey.Values)
        {
            total += row.Count;
        }
        var cls = new byte[total];
        var w = new float[total];
        var k = 0;
        var e = 0;
        foreach (var (key, row) in byKey)
        {
            keys[k] = key;
            rowStart[k] = e;
            foreach (var (c, v) in row.OrderBy(p => p.Key))
            {
                cls[e] = (byte)c;
                w[e] = (float)v;
                e++;
            }
            k++;
        }
        rowStart[k] = e;
        return new SparseWeights(Classes, keys, rowStart, cls, w);
    }
}

/// <summary>
/// Read-only perceptron weights for prediction: an open-addressing table from 32-bit feature
/// keys to rows of (class, weight) entries, weights quantised to int16 on construction so a
/// trained model and its saved-and-loaded copy score identically. Scoring is memory-latency
/// bound, so a slot packs key, row start and row length into one ulong (one cache miss) and
/// all slots of a feature set are prefetched before any row is read, letting the loads overlap.
/// Rows of frequent features (tag n-grams: dozens of classes each) are also kept dense and
/// added with SIMD: they are a few percent of the rows but most of the weights a call adds.
/// </summary>
internal sealed class SparseWeights : IScorer
{
    private const int MaxStackFeatures = 256;
    /// <summary>Rows with at least this many classes are stored dense (about 2 MB for the parser).</summary>
    private const int DenseMin = 16;
    /// <summary>Length field of a slot whose row start is a dense row index.</summary>
    private const uint DenseMark = 0xFF;
    private readonly ulong[] _slots;
    private readonly int _mask;
    private readonly int[] _entries;
    private readonly short[] _dense;
    private readonly int _stride;
    private readonly uint[] _keys;
    private readonly int[] _rowStart;
    private readonly float _scale;

    /// <summary>Quantises float weights (rows of <paramref name="keys"/>, sorted ascending).</summary>
    public SparseWeights(int classes, uint[] keys, int[] rowStart, byte[] cls, float[] w)
        : this(classes, keys, rowStart, cls, Quantise(w, out var scale), scale)
    {
    }

    private SparseWeights(int classes, uint[] keys, int[] rowStart, byte[] cls, short[] q, float scale)
    {
        if (q.Length >= 1 << 24)
        {
            throw new InvalidDataException($"too many weights ({q.Length}) for the packed table");
        }
        Classes = classes;
        _keys = keys;
        _rowStart = rowStart;
        _scale = scale;
        _entries = new int[q.Length];
        for (var i = 0; i < q.Length; i++)
        {
            _entries[i] = cls[i] << 16 | (ushort)q[i];
        }
        // Load factor up to 0.8: probes stay within a cache line or two, and a smaller table
        // keeps more of it in cache, which matters more than probe length here.
        var size = 16;
        while (size * 4 < keys.Length * 5)
        {
            size *= 2;
        }
        _slots = new ulong[size];
        _mask = size - 1;
        if (classes >= (int)DenseMark)
        {
            throw new InvalidDataException($"{classes} classes exceed the packed table's limit of {DenseMark - 1}");
        }
        _stride = (classes + Vector<short>.Count - 1) / Vector<short>.Count * Vector<short>.Count;
        var denseRows = 0;
        for (var r = 0; r < keys.Length; r++)
        {
            denseRows += rowStart[r + 1] - rowStart[r] >= DenseMin ? 1 : 0;
        }
        _dense = new short[denseRows * _stride];
        var nextDense = 0;
        for (var r = 0; r < keys.Length; r++)
        {
            var count = rowStart[r + 1] - rowStart[r];
            if (count >= DenseMin)
            {
                for (var i = rowStart[r]; i < rowStart[r + 1]; i++)
                {
                    _dense[nextDense * _stride + cls[i]] = q[i];
                }
            }
            var slot = (int)(keys[r] & (uint)_mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }
            // A one-entry row (most rare features) lives in the slot itself: class in bits 24-31,
            // weight in bits 8-23, length field 0; that saves a cache miss per rare feature.
            _slots[slot] = (ulong)keys[r] << 32 | (count == 1
                ? (uint)cls[rowStart[r]] << 24 | (uint)(ushort)q[rowStart[r]] << 8
                : count >= DenseMin ? (uint)(nextDense++ << 8) | DenseMark
                : (uint)(rowStart[r] << 8 | count));
        }
    }

    private static short[] Quantise(float[] w, out float scale)
    {
        var max = 1e-9f;
        foreach (var v in w)
        {
            max = Math.Max(max, Math.Abs(v));
        }
        scale = max / 32000f;
        var q = new short[w.Length];
        for (var i = 0; i < w.Length; i++)
        {
            q[i] = (short)Math.Round(w[i] / scale);
        }
        return q;
    }

    public int Classes { get; }
    public int Features => _keys.Length;
    public int Entries => _entries.Length;
    /// <summary>Float value of one quantised unit.</summary>
    public float Scale => _scale;

    /// <summary>Row <paramref name="row"/>'s quantised weight of every class (0 where it has none) into <paramref name="weights"/>; returns its key.</summary>
    public uint RowWeights(int row, Span<short> weights)
    {
        weights.Clear();
        for (var i = _rowStart[row]; i < _rowStart[row + 1]; i++)
        {
            weights[_entries[i] >> 16] = (short)_entries[i];
        }
        return _keys[row];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Fold(ulong f)
    {
        var k = (uint)(f >> 32) ^ (uint)f;
        return k == 0 ? 1u : k;
    }

    public unsafe void Prefetch(ReadOnlySpan<ulong> feats)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        fixed (ulong* slotBase = _slots)
        {
            foreach (var f in feats)
            {
                Sse.Prefetch0(slotBase + (Fold(f) & (uint)_mask));
            }
        }
    }

    /// <summary>
    /// Scores in quantised units (argmax is all the callers need). Three passes so the cache
    /// misses overlap instead of queueing: prefetch every slot, then resolve the slots (adding
    /// one-entry rows at once) and prefetch the longer rows, then add those rows. Sums are kept
    /// in integers (exact, so the result equals adding the int16 weights one by one as floats).
    /// </summary>
    public unsafe void Score(ReadOnlySpan<ulong> feats, Span<float> scores)
    {
        var slots = _slots;
        var mask = _mask;
        var n = Math.Min(feats.Length, MaxStackFeatures);
        Span<uint> keys = stackalloc uint[n];
        Span<int> rows = stackalloc int[n];
        Span<int> denseRows = stackalloc int[n];
        Span<int> acc = stackalloc int[_stride];
        acc.Clear();
        var entries = _entries;
        var dense = _dense;
        var stride = _stride;
        fixed (ulong* slotBase = slots)
        fixed (int* entryBase = entries)
        fixed (short* denseBase = dense)
        {
            for (var k = 0; k < n; k++)
            {
                var key = Fold(feats[k]);
                keys[k] = key;
                if (Sse.IsSupported)
                {
                    Sse.Prefetch0(slotBase + (key & (uint)mask));
                }
            }
            int pending = 0, pendingDense = 0;
            for (var k = 0; k < n; k++)
            {
                var key = keys[k];
                var slot = (int)(key & (uint)mask);
                var v = slots[slot];
                while (v != 0 && (uint)(v >> 32) != key)
                {
                    slot = (slot + 1) & mask;
                    v = slots[slot];
                }
                if (v == 0)
                {
                    continue;
                }
                var packed = (uint)v;
                var length = packed & 0xFF;
                if (length == 0)
                {
                    acc[(int)(packed >> 24)] += (short)(packed >> 8);
                }
                else if (length == DenseMark)
                {
                    var offset = (int)(packed >> 8) * stride;
                    denseRows[pendingDense++] = offset;
                    if (Sse.IsSupported)
                    {
                        // A dense row spans a few cache lines; fetch them all.
                        for (var b = 0; b < stride; b += 32)
                        {
                            Sse.Prefetch0(denseBase + offset + b);
                        }
                    }
                }
                else
                {
                    rows[pending++] = (int)packed;
                    if (Sse.IsSupported)
                    {
                        Sse.Prefetch0(entryBase + (packed >> 8));
                    }
                }
            }
            for (var k = 0; k < pending; k++)
            {
                var packed = (uint)rows[k];
                var start = (int)(packed >> 8);
                var end = start + (int)(packed & 0xFF);
                for (var i = start; i < end; i++)
                {
                    var e = entries[i];
                    acc[e >> 16] += (short)e;
                }
            }
            var width = Vector<short>.Count;
            var half = Vector<int>.Count;
            for (var k = 0; k < pendingDense; k++)
            {
                var row = dense.AsSpan(denseRows[k], stride);
                for (var j = 0; j < stride; j += width)
                {
                    Vector.Widen(new Vector<short>(row[j..]), out var low, out var high);
                    (new Vector<int>(acc[j..]) + low).CopyTo(acc[j..]);
                    (new Vector<int>(acc[(j + half)..]) + high).CopyTo(acc[(j + half)..]);
                }
            }
        }
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = c < Classes ? acc[c] : 0;
        }
    }

    public void Write(BinaryWriter output)
    {
        var cls = new byte[_entries.Length];
        var weights = new short[_entries.Length];
        for (var i = 0; i < _entries.Length; i++)
        {
            cls[i] = (byte)(_entries[i] >> 16);
            weights[i] = (short)_entries[i];
        }
        new WeightRows(Classes, _scale, _keys, _rowStart, cls, weights).Write(output);
    }

    public static SparseWeights Read(BinaryReader input)
    {
        var rows = WeightRows.Read(input, "weights");
        return new SparseWeights(rows.Classes, rows.Keys, rows.RowStart, rows.Cls, rows.Weights, rows.Scale);
    }
}

/// <summary>
/// Open-addressing map from feature hash to row for training: Dictionary's buckets and entry
/// indirection cost a second cache miss per lookup, and lookups dominate training time.
/// </summary>
internal sealed class FeatureMap
{
    private ulong[] _keys = new ulong[1 << 16];
    private int[] _values = new int[1 << 16];
    private int _mask = (1 << 16) - 1;

    public int Count { get; private set; }

    private static ulong Key(ulong f) => f == 0 ? 1 : f;

    public bool TryGetValue(ulong f, out int value)
    {
        var key = Key(f);
        var slot = (int)(key & (ulong)_mask);
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                value = _values[slot];
                return true;
            }
            if (k == 0)
            {
                value = 0;
                return false;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Adds a key known to be absent.</summary>
    public void Add(ulong f, int value)
    {
        if ((Count + 1) * 2 > _keys.Length)
        {
            Grow();
        }
        Insert(Key(f), value);
        Count++;
    }

    private void Insert(ulong key, int value)
    {
        var slot = (int)(key & (ulong)_mask);
        while (_keys[slot] != 0)
        {
            slot = (slot + 1) & _mask;
        }
        _keys[slot] = key;
        _values[slot] = value;
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        _keys = new ulong[keys.Length * 2];
        _values = new int[keys.Length * 2];
        _mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
            {
                Insert(keys[i], values[i]);
            }
        }
    }

    public IEnumerable<(ulong Key, int Value)> Entries()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0)
            {
                yield return (_keys[i], _values[i]);
            }
        }
    }
}
