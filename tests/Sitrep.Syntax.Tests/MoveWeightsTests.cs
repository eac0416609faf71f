namespace Sitrep.Syntax.Tests;

public sealed class MoveWeightsTests
{
    /// <summary>Random trained-style rows: every row has some of the classes, weights in [-1, 1].</summary>
    private static (SparseWeights Weights, uint[] Keys, int[] RowStart, byte[] Cls, float[] W) RandomRows(int classes, int rows, int seed)
    {
        var rng = new Random(seed);
        var keys = new List<uint>();
        var rowStart = new List<int>();
        var cls = new List<byte>();
        var w = new List<float>();
        for (var r = 0; r < rows; r++)
        {
            keys.Add((uint)(r * 7919 + 13));
            rowStart.Add(cls.Count);
            foreach (var c in Enumerable.Range(0, classes).OrderBy(_ => rng.Next()).Take(1 + rng.Next(classes)).Order())
            {
                cls.Add((byte)c);
                w.Add((float)(rng.NextDouble() * 2 - 1));
            }
        }
        rowStart.Add(cls.Count);
        return (new SparseWeights(classes, [.. keys], [.. rowStart], [.. cls], [.. w]), [.. keys], [.. rowStart], [.. cls], [.. w]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(30)]
    public void ScoresEqualTheSumOfTheQuantisedWeightsAndSurviveSaving(int classes)
    {
        var (sparse, keys, rowStart, cls, w) = RandomRows(classes, 3000, classes);
        var moves = new MoveWeights(sparse);
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            moves.Write(writer);
        }
        buffer.Position = 0;
        var loaded = MoveWeights.Read(new BinaryReader(buffer));
        var scale = w.Max(Math.Abs) / 32000f;
        var rng = new Random(1);
        var feats = new ulong[100];
        var scores = new float[classes];
        var again = new float[classes];
        for (var round = 0; round < 50; round++)
        {
            var expected = new float[classes];
            for (var k = 0; k < feats.Length; k++)
            {
                // Some features are unknown to the table.
                var r = rng.Next(keys.Length + 200);
                feats[k] = r < keys.Length ? keys[r] : 0xF0000000UL + (ulong)r;
                if (r < keys.Length)
                {
                    for (var i = rowStart[r]; i < rowStart[r + 1]; i++)
                    {
                        expected[cls[i]] += (short)Math.Round(w[i] / scale);
                    }
                }
            }
            moves.Score(feats, scores);
            Assert.Equal(expected, scores);
            loaded.Score(feats, again);
            Assert.Equal(expected, again);
        }
    }

    [Fact]
    public void SavingTwiceGivesTheSameBytes()
    {
        static byte[] Save(MoveWeights m)
        {
            var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer))
            {
                m.Write(writer);
            }
            return buffer.ToArray();
        }
        var first = Save(new MoveWeights(RandomRows(14, 500, 7).Weights));
        var reread = Save(MoveWeights.Read(new BinaryReader(new MemoryStream(first))));
        Assert.Equal(first, reread);
    }

    [Fact]
    public void TruncatedOrTooWideTablesAreRefused()
    {
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            new MoveWeights(RandomRows(5, 200, 3).Weights).Write(writer);
        }
        var bytes = buffer.ToArray();
        var truncated = Assert.Throws<InvalidDataException>(() => MoveWeights.Read(new BinaryReader(new MemoryStream(bytes[..(bytes.Length - 10)]))));
        Assert.Contains("ends early", truncated.Message);
        var wide = Assert.Throws<InvalidDataException>(() => new MoveWeights(RandomRows(31, 10, 3).Weights));
        Assert.Contains("at most 30", wide.Message);
    }

    [Fact]
    public void MoveClassesAreShiftTheMostFrequentArcsAndOneOtherArcPerDirection()
    {
        string[] labels = ["case", "det", "nsubj", "obj", "punct", "root"];
        var arcs = new List<(int, int)>();
        void Add(int move, string label, int times) => arcs.AddRange(Enumerable.Repeat((move, Array.IndexOf(labels, label)), times));
        Add(Parser.Left, "det", 50);
        Add(Parser.Right, "obj", 40);
        Add(Parser.Left, "root", 90);
        Add(Parser.Left, "nsubj", 30);
        Add(Parser.Right, "punct", 30);
        Add(Parser.Left, "case", 5);
        var set = MoveSet.Choose(arcs, labels, 6);
        Assert.Equal(
            [new MoveClass(Parser.Shift, -1), new MoveClass(Parser.Left, 1), new MoveClass(Parser.Right, 3), new MoveClass(Parser.Left, 2), new MoveClass(Parser.Left, -1), new MoveClass(Parser.Right, -1)],
            set.Classes);
        // The labeller never gives root, nor a label that has its own class in that direction.
        Assert.Equal([true, false, false, true, true, false], set.OtherLabels[Parser.Left]);
        Assert.Equal([true, true, true, false, true, false], set.OtherLabels[Parser.Right]);
        Assert.Throws<ArgumentOutOfRangeException>(() => MoveSet.Choose(arcs, labels, 31));
    }
}
