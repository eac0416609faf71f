namespace Sitrep.Syntax;

/// <summary>
/// The file layout of quantised perceptron weights shared by <see cref="SparseWeights"/> and
/// <see cref="MoveWeights"/>: class count, row count, weight count, scale; per row (ascending keys)
/// the key's delta from the previous one and its weight count; then every weight's class byte;
/// then every int16 weight (little-endian). Row <c>r</c> owns entries RowStart[r]..RowStart[r+1].
/// </summary>
internal sealed record WeightRows(int Classes, float Scale, uint[] Keys, int[] RowStart, byte[] Cls, short[] Weights)
{
    public void Write(BinaryWriter output)
    {
        output.Write(Classes);
        output.Write(Keys.Length);
        output.Write(Weights.Length);
        output.Write(Scale);
        uint prev = 0;
        for (var r = 0; r < Keys.Length; r++)
        {
            output.Write7BitEncodedInt((int)(Keys[r] - prev));
            prev = Keys[r];
            output.Write7BitEncodedInt(RowStart[r + 1] - RowStart[r]);
        }
        output.Write(Cls);
        foreach (var w in Weights)
        {
            output.Write(w);
        }
    }

    /// <summary>Reads the layout; <paramref name="what"/> names the weights in errors.</summary>
    public static WeightRows Read(BinaryReader input, string what)
    {
        var classes = input.ReadInt32();
        var rows = input.ReadInt32();
        var entries = input.ReadInt32();
        var scale = input.ReadSingle();
        if (rows < 0 || entries < 0)
        {
            throw new InvalidDataException($"corrupt {what}: {rows} rows, {entries} weights");
        }
        var keys = new uint[rows];
        var rowStart = new int[rows + 1];
        uint prev = 0;
        var e = 0L;
        for (var r = 0; r < rows; r++)
        {
            prev += (uint)input.Read7BitEncodedInt();
            keys[r] = prev;
            rowStart[r] = (int)e;
            var count = input.Read7BitEncodedInt();
            if (count < 0 || count > classes)
            {
                throw new InvalidDataException($"corrupt {what}: row {r} has {count} weights of {classes} classes");
            }
            e += count;
            if (e > entries)
            {
                break;
            }
        }
        if (e != entries)
        {
            throw new InvalidDataException($"corrupt {what}: {e}+ entries listed, {entries} declared");
        }
        rowStart[rows] = entries;
        var cls = input.ReadBytes(entries);
        var raw = input.ReadBytes(entries * 2);
        if (cls.Length != entries || raw.Length != entries * 2)
        {
            throw new InvalidDataException($"corrupt {what}: file ends early");
        }
        var weights = new short[entries];
        for (var i = 0; i < entries; i++)
        {
            weights[i] = (short)(raw[2 * i] | raw[2 * i + 1] << 8);
            if (cls[i] >= classes)
            {
                throw new InvalidDataException($"corrupt {what}: class {cls[i]} of {classes}");
            }
        }
        return new WeightRows(classes, scale, keys, rowStart, cls, weights);
    }
}
