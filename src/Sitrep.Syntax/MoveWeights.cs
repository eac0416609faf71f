using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sitrep.Syntax;

/// <summary>
/// Prediction-time weights of the parser's move classifier (up to <see cref="MaxClasses"/>
/// classes). A feature's row lives in its 16-byte hash slot when it has at most four non-zero
/// weights (most rows, after pruning: 2.3 on average), as (class, int16 weight) pairs; a longer
/// row gets a 64-byte dense row of all classes, which the slot points to. A parallel array of
/// one-byte fingerprints (under 2 MB, so it stays in cache) is probed first: a feature the model
/// does not know, which is most lookups, then touches no slot at all, and a known one costs one
/// cache miss (two for the few long rows, which are the frequent features and mostly cached).
/// Why not the <see cref="SparseWeights"/> layout: with one class per labelled transition (about
/// 100) its row reads and dense-row additions after the slot lookups took about half the
/// parser's time, and probing the slots themselves made every unknown feature cost cache misses.
/// Saved in the <see cref="SparseWeights"/> file layout, read straight into the table.
/// </summary>
internal sealed unsafe class MoveWeights : IScorer
{
    public const int MaxClasses = 30;
    private const int MaxFeatures = 256;
    /// <summary>Class of an unused pair in a slot: its weight is 0, and it adds to a sum no class reads.</summary>
    private const byte Unused = 31;
    /// <summary>First class byte of a slot whose row is dense; the dense row's index follows in <see cref="Slot.W0"/> and <see cref="Slot.W1"/>.</summary>
    private const byte DenseMark = 0xFE;
    private const int PairsPerSlot = 4;
    private const int DenseStride = 32;

    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private struct Slot
    {
        public uint Key;
        public byte C0, C1, C2, C3;
        public short W0, W1, W2, W3;
    }

    // Slots and dense rows start on cache-line boundaries (pinned arrays, never moved, with
    // pointers to their first 64-byte-aligned byte), so no slot or row straddles two lines.
    private readonly byte[] _slotMemory;
    private readonly Slot* _slots;
    private readonly byte[] _denseMemory;
    private readonly short* _dense;
    private int _denseRows;
    /// <summary>Per slot, 0 when empty, else the key's <see cref="Fingerprint"/>.</summary>
    private readonly byte[] _fingerprints;
    private readonly int _size;

    /// <summary>Builds the table from trained weights (their int16 quantisation, so both score alike).</summary>
    public MoveWeights(SparseWeights rows)
        : this(rows.Classes, rows.Features, CountDense(rows), rows.Scale)
    {
        Span<short> w = stackalloc short[rows.Classes];
        Span<byte> cls = stackalloc byte[rows.Classes];
        for (var r = 0; r < rows.Features; r++)
        {
            var key = rows.RowWeights(r, w);
            var count = 0;
            for (var c = 0; c < w.Length; c++)
            {
                if (w[c] != 0)
                {
                    cls[count] = (byte)c;
                    w[count++] = w[c];
                }
            }
            Add(key, cls[..count], w[..count]);
        }
    }

    private static int CountDense(SparseWeights rows)
    {
        Span<short> w = stackalloc short[rows.Classes];
        var dense = 0;
        for (var r = 0; r < rows.Features; r++)
        {
            rows.RowWeights(r, w);
            var count = 0;
            foreach (var v in w)
            {
                count += v != 0 ? 1 : 0;
            }
            dense += count > PairsPerSlot ? 1 : 0;
        }
        return dense;
    }

    private MoveWeights(int classes, int rows, int denseRows, float scale)
    {
        if (classes is < 1 or > MaxClasses)
        {
            throw new InvalidDataException($"move weights: {classes} classes, at most {MaxClasses} fit a dense row");
        }
        Classes = classes;
        Features = rows;
        Scale = scale;
        // Load factor 0.8: probing runs over the fingerprints, 64 to a cache line. Slots are found
        // by multiply-shift rather than a power-of-two mask, so the table grows with the feature
        // count instead of doubling.
        _size = Math.Max(16, (int)((rows * 5L + 3) / 4));
        _slotMemory = GC.AllocateArray<byte>((int)((long)_size * sizeof(Slot) + 64), pinned: true);
        _slots = (Slot*)Aligned(_slotMemory);
        _denseMemory = GC.AllocateArray<byte>(denseRows * DenseStride * sizeof(short) + 64, pinned: true);
        _dense = (short*)Aligned(_denseMemory);
        _fingerprints = new byte[_size];
    }

    private static nint Aligned(byte[] pinned) => ((nint)Unsafe.AsPointer(ref pinned[0]) + 63) & ~(nint)63;

    public int Classes { get; }
    public int Features { get; }
    public float Scale { get; }

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

    /// <summary>Stores the row of <paramref name="key"/>: non-zero weights <paramref name="w"/> of classes <paramref name="cls"/> (ascending).</summary>
    private void Add(uint key, ReadOnlySpan<byte> cls, ReadOnlySpan<short> w)
    {
        if (key == 0)
        {
            throw new InvalidDataException("move weights: feature key 0 marks empty slots");
        }
        var slot = Home(key, _size);
        while (_fingerprints[slot] != 0)
        {
            if (_slots[slot].Key == key)
            {
                throw new InvalidDataException($"move weights: feature key {key} appears twice");
            }
            slot = slot + 1 == _size ? 0 : slot + 1;
        }
        _fingerprints[slot] = Fingerprint(key);
        ref var s = ref _slots[slot];
        s.Key = key;
        if (cls.Length > PairsPerSlot)
        {
            var row = _denseRows++;
            var dense = _dense + (nint)row * DenseStride;
            for (var i = 0; i < cls.Length; i++)
            {
                dense[cls[i]] = w[i];
            }
            s.C0 = DenseMark;
            s.W0 = (short)(row & 0xFFFF);
            s.W1 = (short)(row >> 16);
            return;
        }
        Span<byte> c = stackalloc byte[PairsPerSlot];
        Span<short> v = stackalloc short[PairsPerSlot];
        c.Fill(Unused);
        v.Clear();
        cls.CopyTo(c);
        w.CopyTo(v);
        (s.C0, s.C1, s.C2, s.C3) = (c[0], c[1], c[2], c[3]);
        (s.W0, s.W1, s.W2, s.W3) = (v[0], v[1], v[2], v[3]);
    }

    public void Prefetch(ReadOnlySpan<ulong> feats)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        fixed (byte* fingerprints = _fingerprints)
        {
            foreach (var f in feats)
            {
                Sse.Prefetch0(fingerprints + Home(SparseWeights.Fold(f), _size));
            }
        }
    }

    /// <summary>
    /// Scores of every move class in quantised units (integer sums, so exact and the same with or
    /// without SIMD). Passes so the cache misses overlap: prefetch every fingerprint; find each
    /// feature's candidate slot by its fingerprint and prefetch it; read the slots, adding their
    /// pairs and prefetching dense rows; add the dense rows.
    /// </summary>
    public void Score(ReadOnlySpan<ulong> feats, Span<float> scores)
    {
        var n = Math.Min(feats.Length, MaxFeatures);
        Span<uint> keys = stackalloc uint[n];
        Span<int> found = stackalloc int[n];
        Span<int> sums = stackalloc int[DenseStride];
        sums.Clear();
        var slots = _slots;
        var size = _size;
        var prefetch = Sse.IsSupported;
        var denseCount = 0;
        fixed (byte* fingerprints = _fingerprints)
        {
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
                found[k] = slot;
                if (prefetch && slot >= 0)
                {
                    Sse.Prefetch0(slots + slot);
                }
            }
            for (var k = 0; k < n; k++)
            {
                var slot = found[k];
                var key = keys[k];
                // A fingerprint matches a different key about once in 256 probes: look further.
                while (slot >= 0 && slots[slot].Key != key)
                {
                    slot = Candidate(fingerprints, size, slot + 1 == size ? 0 : slot + 1, Fingerprint(key));
                }
                if (slot < 0)
                {
                    continue;
                }
                ref readonly var s = ref slots[slot];
                if (s.C0 == DenseMark)
                {
                    var row = (ushort)s.W0 | s.W1 << 16;
                    found[denseCount++] = row;
                    if (prefetch)
                    {
                        Sse.Prefetch0(_dense + (nint)row * DenseStride);
                    }
                    continue;
                }
                sums[s.C0] += s.W0;
                sums[s.C1] += s.W1;
                sums[s.C2] += s.W2;
                sums[s.C3] += s.W3;
            }
        }
        if (Avx2.IsSupported)
        {
            Vector256<int> a = default, b = default, c = default, d = default;
            for (var k = 0; k < denseCount; k++)
            {
                var at = _dense + (nint)found[k] * DenseStride;
                var v = Avx.LoadAlignedVector256(at);
                var u = Avx.LoadAlignedVector256(at + 16);
                a += Avx2.ConvertToVector256Int32(v.GetLower());
                b += Avx2.ConvertToVector256Int32(v.GetUpper());
                c += Avx2.ConvertToVector256Int32(u.GetLower());
                d += Avx2.ConvertToVector256Int32(u.GetUpper());
            }
            for (var j = 0; j < Classes; j++)
            {
                scores[j] = sums[j] + (j < 8 ? a.GetElement(j) : j < 16 ? b.GetElement(j - 8) : j < 24 ? c.GetElement(j - 16) : d.GetElement(j - 24));
            }
            return;
        }
        for (var k = 0; k < denseCount; k++)
        {
            var at = _dense + (nint)found[k] * DenseStride;
            for (var j = 0; j < Classes; j++)
            {
                sums[j] += at[j];
            }
        }
        for (var j = 0; j < Classes; j++)
        {
            scores[j] = sums[j];
        }
    }

    /// <summary>Writes the <see cref="WeightRows"/> layout: rows in key order, non-zero weights only.</summary>
    public void Write(BinaryWriter output)
    {
        var used = new List<(uint Key, int Slot)>(Features);
        for (var i = 0; i < _size; i++)
        {
            if (_fingerprints[i] != 0)
            {
                used.Add((_slots[i].Key, i));
            }
        }
        used.Sort((a, b) => a.Key.CompareTo(b.Key));
        var keys = new uint[used.Count];
        var rowStart = new int[used.Count + 1];
        var cls = new List<byte>();
        var weights = new List<short>();
        Span<short> row = stackalloc short[DenseStride];
        for (var r = 0; r < used.Count; r++)
        {
            keys[r] = used[r].Key;
            rowStart[r] = cls.Count;
            RowOf(used[r].Slot, row);
            for (var c = 0; c < Classes; c++)
            {
                if (row[c] != 0)
                {
                    cls.Add((byte)c);
                    weights.Add(row[c]);
                }
            }
        }
        rowStart[used.Count] = cls.Count;
        new WeightRows(Classes, Scale, keys, rowStart, [.. cls], [.. weights]).Write(output);
    }

    /// <summary>The weights of every class of the row in <paramref name="slot"/>.</summary>
    private void RowOf(int slot, Span<short> row)
    {
        row.Clear();
        ref readonly var s = ref _slots[slot];
        if (s.C0 == DenseMark)
        {
            new ReadOnlySpan<short>(_dense + (nint)((ushort)s.W0 | s.W1 << 16) * DenseStride, DenseStride).CopyTo(row);
            return;
        }
        row[s.C0] += s.W0;
        row[s.C1] += s.W1;
        row[s.C2] += s.W2;
        row[s.C3] += s.W3;
    }

    public static MoveWeights Read(BinaryReader input)
    {
        var rows = WeightRows.Read(input, "move weights");
        var dense = 0;
        for (var r = 0; r < rows.Keys.Length; r++)
        {
            dense += rows.RowStart[r + 1] - rows.RowStart[r] > PairsPerSlot ? 1 : 0;
        }
        var table = new MoveWeights(rows.Classes, rows.Keys.Length, dense, rows.Scale);
        for (var r = 0; r < rows.Keys.Length; r++)
        {
            var (start, count) = (rows.RowStart[r], rows.RowStart[r + 1] - rows.RowStart[r]);
            table.Add(rows.Keys[r], rows.Cls.AsSpan(start, count), rows.Weights.AsSpan(start, count));
        }
        return table;
    }
}
