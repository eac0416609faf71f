namespace Sitrep.Syntax.Tests;

public sealed class SparseWeightsTests
{
    [Theory]
    [InlineData(103)]
    [InlineData(117)]
    [InlineData(7)]
    public void ScoresEqualTheSumOfTheQuantisedWeights(int classes)
    {
        // Rows of one entry (kept in the slot), short sparse rows and dense rows (>= 16 classes).
        var rng = new Random(classes);
        var keys = new List<uint>();
        var rowStart = new List<int>();
        var cls = new List<byte>();
        var w = new List<float>();
        for (var r = 0; r < 400; r++)
        {
            keys.Add((uint)(r * 7919 + 13));
            rowStart.Add(cls.Count);
            var count = r % 3 == 0 ? 1 : r % 3 == 1 ? 1 + rng.Next(Math.Min(15, classes)) : Math.Min(classes, 16 + rng.Next(classes));
            foreach (var c in Enumerable.Range(0, classes).OrderBy(_ => rng.Next()).Take(count).Order())
            {
                cls.Add((byte)c);
                w.Add((float)(rng.NextDouble() * 2 - 1));
            }
        }
        rowStart.Add(cls.Count);
        var weights = new SparseWeights(classes, [.. keys], [.. rowStart], [.. cls], [.. w]);
        var scale = w.Max(Math.Abs) / 32000f;
        var feats = new ulong[60];
        var scores = new float[classes];
        for (var round = 0; round < 50; round++)
        {
            var expected = new float[classes];
            for (var k = 0; k < feats.Length; k++)
            {
                // Some features are unknown to the table.
                var r = rng.Next(keys.Count + 20);
                feats[k] = r < keys.Count ? keys[r] : 0xF0000000UL + (ulong)r;
                if (r < keys.Count)
                {
                    for (var i = rowStart[r]; i < rowStart[r + 1]; i++)
                    {
                        expected[cls[i]] += (short)Math.Round(w[i] / scale);
                    }
                }
            }
            weights.Score(feats, scores);
            Assert.Equal(expected, scores);
        }
    }
}

public sealed class SummedTrainersTests
{
    [Fact]
    public void SummedWeightsScoreAsTheSumOfTheTrainersScores()
    {
        const int classes = 12;
        var trainers = new[] { new PerceptronTrainer(classes), new PerceptronTrainer(classes) };
        var rng = new Random(5);
        var feats = new ulong[20];
        for (var t = 0; t < trainers.Length; t++)
        {
            for (var step = 0; step < 2000; step++)
            {
                for (var k = 0; k < feats.Length; k++)
                {
                    feats[k] = (ulong)rng.Next(600) * 0x9E3779B97F4A7C15UL;
                }
                trainers[t].Update(feats, rng.Next(classes), rng.Next(classes));
                trainers[t].Tick();
            }
        }
        var summed = PerceptronTrainer.Finish(trainers, int.MaxValue);
        var part = new float[classes];
        var scores = new float[classes];
        for (var round = 0; round < 50; round++)
        {
            for (var k = 0; k < feats.Length; k++)
            {
                feats[k] = (ulong)rng.Next(700) * 0x9E3779B97F4A7C15UL;
            }
            var expected = new double[classes];
            foreach (var trainer in trainers)
            {
                trainer.Score(feats, part, averaged: true);
                for (var c = 0; c < classes; c++)
                {
                    expected[c] += part[c];
                }
            }
            summed.Score(feats, scores);
            for (var c = 0; c < classes; c++)
            {
                // Quantisation rounds each of the 20 weights by at most half a unit.
                Assert.InRange(scores[c] * summed.Scale - expected[c], -feats.Length * summed.Scale, feats.Length * summed.Scale);
            }
        }
    }
}
