using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sitrep.Syntax;

/// <summary>
/// Prediction-time weights of the parser's move classifier: an open-addressing table whose slot
/// holds a feature's 4-byte key and its int16 weight for every move class, 32 bytes for up to
/// 14 classes and 64 (one cache line) for up to <see cref="MaxClasses"/>. A parallel array of
/// one-byte fingerprints (under 2 MB, so it stays in cache) is probed first: a feature the model
/// does not know, which is most lookups, then touches no slot at all, and a known one costs one
/// cache miss and no row reads. With one class per labelled transition (about 100) the row reads
/// and dense-row additions after the slot lookups took about half the parser's time; probing the
/// 64-byte slots themselves made every unknown feature cost several cache lines.
/// Saved in the <see cref="SparseWeights"/> file layout, read straight into the table.
/// </summary>
internal sealed unsafe class MoveWeights : IScorer
{
    public const int MaxClasses = 30;
    private const int MaxFeatures = 256;
    private const int KeyShorts = 2;

    // Slots start on a cache-line boundary so none straddles two lines: the table lives in a
    // pinned array (it never moves) and _table points at its first 64-byte-aligned byte.
    private readonly byte[] _memory;
    private readonly short* _table;
    /// <summary>Per slot, 0 when empty, else the key's <see cref="Fingerprint"/>; pinned like the table.</summary>
    private readonly byte[] _fingerprintMemory;
    private readonly byte* _fingerprints;
    /// <summary>Shorts per slot: 16 or 32.</summary>
    private readonly int _stride;
    private readonly int _size;

    /// <summary>Builds the table from trained weights (their int16 quantisation, so both score alike).</summary>
    public MoveWeights(SparseWeights rows)
        : this(rows.Classes, rows.Features, rows.Scale)
    {
        Span<short> w = stackalloc short[rows.Classes];
        for (var r = 0; r < rows.Features; r++)
        {
            var key = rows.RowWeights(r, w);
            w.CopyTo(new Span<short>(Insert(key), Classes));
        }
    }

    private MoveWeights(int classes, int rows, float scale)
    {
        if (classes is < 1 or > MaxClasses)
        {
            throw new InvalidDataException($"move weights: {classes} classes, at most {MaxClasses} fit a slot");
        }
        Classes = classes;
        Features = rows;
        Scale = scale;
        _stride = KeyShorts + classes <= 16 ? 16 : 32;
        // Load factor 0.8: probing runs over the fingerprints, 64 to a cache line. Slots are found
        // by multiply-shift rather than a power-of-two mask, so the table grows with the feature
        // count instead of doubling (64-byte slots make doubling costly).
        _size = Math.Max(16, (int)((rows * 5L + 3) / 4));
        _memory = GC.AllocateArray<byte>((int)((long)_size * _stride * sizeof(short) + 64), pinned: true);
        _table = (short*)(((nint)Unsafe.AsPointer(ref _memory[0]) + 63) & ~(nint)63);
        _fingerprintMemory = GC.AllocateArray<byte>(_size, pinned: true);
        _fingerprints = (byte*)Unsafe.AsPointer(ref _fingerprintMemory[0]);
    }

    public int Classes { get; }
    public int Features { get; }
    public float Scale { get; }

    private uint KeyAt(int slot) => *(uint*)(_table + (nint)slot * _stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(uint key, int size) => (int)(((ulong)key * (uint)size) >> 32);

    /// <summary>Eight low bits of the key (Home uses the high ones), never 0, which marks an empty slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Fingerprint(uint key) => (byte)((key & 0xFF) == 0 ? 1 : key & 0xFF);

    /// <summary>The next slot from <paramref name="slot"/> on (inclusive) whose fingerprint is <paramref name="fingerprint"/>, -1 at an empty slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Candidate(byte* fingerprints, int size, int slot, byte fingerprint)
    {
        while (true)
        {
            var fp = fingerprints[slot];
            if (fp == fingerprint)
            {
                return slot;
            }
            if (fp == 0)
            {
                return -1;
            }
            slot = slot + 1 == size ? 0 : slot + 1;
        }
    }

    /// <summary>The weights of the empty slot taken for a new key.</summary>
    private short* Insert(uint key)
    {
        if (key == 0)
        {
            throw new InvalidDataException("move weights: feature key 0 marks empty slots");
        }
        var slot = Home(key, _size);
        while (KeyAt(slot) != 0)
        {
            if (KeyAt(slot) == key)
            {
                throw new InvalidDataException($"move weights: feature key {key} appears twice");
            }
            slot = slot + 1 == _size ? 0 : slot + 1;
        }
        var at = _table + (nint)slot * _stride;
        *(uint*)at = key;
        _fingerprints[slot] = Fingerprint(key);
        return at + KeyShorts;
    }

    public void Prefetch(ReadOnlySpan<ulong> feats)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        foreach (var f in feats)
        {
            Sse.Prefetch0(_fingerprints + Home(SparseWeights.Fold(f), _size));
        }
    }

    /// <summary>
    /// Scores of every move class in quantised units (integer sums, so exact and the same with or
    /// without SIMD). Three passes so the cache misses overlap: prefetch every fingerprint, find
    /// each feature's candidate slot by its fingerprint and prefetch it, then read the candidates.
    /// </summary>
    public void Score(ReadOnlySpan<ulong> feats, Span<float> scores)
    {
        var n = Math.Min(feats.Length, MaxFeatures);
        Span<uint> keys = stackalloc uint[n];
        Span<int> candidates = stackalloc int[n];
        var table = _table;
        var fingerprints = _fingerprints;
        var stride = _stride;
        var size = _size;
        var prefetch = Sse.IsSupported;
        // The fingerprint probes branch on what they load, so the loads are requested first,
        // all at once, rather than one missed branch at a time.
        for (var k = 0; k < n; k++)
        {
            var key = SparseWeights.Fold(feats[k]);
            keys[k] = key;
            if (prefetch)
            {
                Sse.Prefetch0(fingerprints + Home(key, size));
            }
        }
        for (var k = 0; k < n; k++)
        {
            var key = keys[k];
            var slot = Candidate(fingerprints, size, Home(key, size), Fingerprint(key));
            candidates[k] = slot;
            if (prefetch && slot >= 0)
            {
                Sse.Prefetch0(table + (nint)slot * stride);
            }
        }
        Span<int> sums = stackalloc int[32];
        sums.Clear();
        var simd = Avx2.IsSupported;
        Vector256<int> a = default, b = default, c = default, d = default;
        for (var k = 0; k < n; k++)
        {
            var slot = candidates[k];
            var key = keys[k];
            // A fingerprint matches a different key about once in 256 probes: look further.
            while (slot >= 0 && *(uint*)(table + (nint)slot * stride) != key)
            {
                slot = Candidate(fingerprints, size, slot + 1 == size ? 0 : slot + 1, Fingerprint(key));
            }
            if (slot < 0)
            {
                continue;
            }
            var at = table + (nint)slot * stride;
            if (simd)
            {
                // A slot in one or two loads: lanes 0-1 are the key, the rest the weights.
                var v = Avx.LoadAlignedVector256(at);
                a += Avx2.ConvertToVector256Int32(v.GetLower());
                b += Avx2.ConvertToVector256Int32(v.GetUpper());
                if (stride == 32)
                {
                    var u = Avx.LoadAlignedVector256(at + 16);
                    c += Avx2.ConvertToVector256Int32(u.GetLower());
                    d += Avx2.ConvertToVector256Int32(u.GetUpper());
                }
            }
            else
            {
                for (var j = 0; j < Classes; j++)
                {
                    sums[KeyShorts + j] += at[KeyShorts + j];
                }
            }
        }
        if (simd)
        {
            a.CopyTo(sums);
            b.CopyTo(sums[8..]);
            c.CopyTo(sums[16..]);
            d.CopyTo(sums[24..]);
        }
        for (var j = 0; j < Classes; j++)
        {
            scores[j] = sums[KeyShorts + j];
        }
    }

    /// <summary>Writes the <see cref="SparseWeights"/> layout: rows in key order, non-zero weights only.</summary>
    public void Write(BinaryWriter output)
    {
        var used = new List<(uint Key, int Slot)>(Features);
        for (var i = 0; i < _size; i++)
        {
            if (KeyAt(i) != 0)
            {
                used.Add((KeyAt(i), i));
            }
        }
        used.Sort((a, b) => a.Key.CompareTo(b.Key));
        var cls = new List<byte>();
        var weights = new List<short>();
        var counts = new int[used.Count];
        for (var r = 0; r < used.Count; r++)
        {
            var row = _table + (nint)used[r].Slot * _stride + KeyShorts;
            for (var c = 0; c < Classes; c++)
            {
                if (row[c] != 0)
                {
                    cls.Add((byte)c);
                    weights.Add(row[c]);
                    counts[r]++;
                }
            }
        }
        output.Write(Classes);
        output.Write(used.Count);
        output.Write(weights.Count);
        output.Write(Scale);
        uint prev = 0;
        for (var r = 0; r < used.Count; r++)
        {
            output.Write7BitEncodedInt((int)(used[r].Key - prev));
            prev = used[r].Key;
            output.Write7BitEncodedInt(counts[r]);
        }
        foreach (var c in cls)
        {
            output.Write(c);
        }
        foreach (var w in weights)
        {
            output.Write(w);
        }
    }

    public static MoveWeights Read(BinaryReader input)
    {
        var classes = input.ReadInt32();
        var rows = input.ReadInt32();
        var entries = input.ReadInt32();
        var scale = input.ReadSingle();
        if (rows < 0 || entries < 0 || entries > (long)rows * MaxClasses)
        {
            throw new InvalidDataException($"corrupt move weights: {rows} rows, {entries} weights");
        }
        var table = new MoveWeights(classes, rows, scale);
        var keys = new uint[rows];
        var counts = new int[rows];
        uint prev = 0;
        var total = 0;
        for (var r = 0; r < rows; r++)
        {
            prev += (uint)input.Read7BitEncodedInt();
            keys[r] = prev;
            counts[r] = input.Read7BitEncodedInt();
            total += counts[r];
        }
        if (total != entries)
        {
            throw new InvalidDataException($"corrupt move weights: {total} weights listed, {entries} declared");
        }
        var cls = input.ReadBytes(entries);
        var raw = input.ReadBytes(entries * 2);
        if (cls.Length != entries || raw.Length != entries * 2)
        {
            throw new InvalidDataException("corrupt move weights: file ends early");
        }
        var e = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = table.Insert(keys[r]);
            for (var k = 0; k < counts[r]; k++, e++)
            {
                if (cls[e] >= classes)
                {
                    throw new InvalidDataException($"corrupt move weights: class {cls[e]} of {classes}");
                }
                row[cls[e]] = (short)(raw[2 * e] | raw[2 * e + 1] << 8);
            }
        }
        return table;
    }
}
