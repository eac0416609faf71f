namespace Sitrep.Syntax.Tests;

/// <summary>Training on a small slice: reproducibility and save/load round trip.</summary>
public sealed class TrainingTests
{
    private static readonly SyntaxTrainOptions Tiny = new() { TaggerEpochs = 2, ParserEpochs = 2, Folds = 2 };

    private static (List<UdSentence> Train, List<UdSentence> Dev) Slice()
    {
        var train = UdCorpus.Read(RepoPaths.Ud("en_ewt-ud-train.conllu")).Take(300).ToList();
        var dev = UdCorpus.Read(RepoPaths.Ud("en_ewt-ud-dev.conllu")).Take(50).ToList();
        return (train, dev);
    }

    private static Dictionary<string, byte[]> Files(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    /// <summary>Saves two models trained alike and checks their files are byte-identical; returns the first one's files.</summary>
    private static Dictionary<string, byte[]> SaveBothAndCompare(SyntaxModel a, SyntaxModel b, string dirA, string dirB)
    {
        a.Save(dirA);
        b.Save(dirB);
        var fa = Files(dirA);
        var fb = Files(dirB);
        Assert.Equal(fa.Keys.Order(), fb.Keys.Order());
        foreach (var (name, bytes) in fa)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(fb[name]), $"{name} differs between two identical training runs");
        }
        return fa;
    }

    /// <summary>Clusters for the slice's own words (leaves spread by word length and first letter), written where training can read them.</summary>
    private static string SliceClusters(List<UdSentence> train, string dir)
    {
        var words = train.SelectMany(s => s.Forms).Select(f => f.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var leaves = words.Select(w => (ushort)((w.Length * 97 + w[0]) % WordClusters.Leaves)).ToArray();
        var path = Path.Combine(dir, "slice-clusters.bin");
        SyntaxModel.WritePart(path, new WordClusters(words, leaves).Write);
        return path;
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(4, false)]
    public void TrainingIsReproducibleAndModelsRoundTrip(int beam, bool withClusters)
    {
        var (train, dev) = Slice();
        var clusterDir = Directory.CreateTempSubdirectory("sitrep-syntax-clusters").FullName;
        var options = Tiny with { Beam = beam, Clusters = withClusters ? SliceClusters(train, clusterDir) : null };
        var a = SyntaxTrainer.Train(train, dev, options, TextWriter.Null);
        var b = SyntaxTrainer.Train(train, dev, options, TextWriter.Null);
        var dirA = Directory.CreateTempSubdirectory("sitrep-syntax-a").FullName;
        var dirB = Directory.CreateTempSubdirectory("sitrep-syntax-b").FullName;
        try
        {
            var fa = SaveBothAndCompare(a, b, dirA, dirB);
            Assert.Equal(4, fa.Count);

            // The loaded model (quantised weights) must analyse like the trained one, up to ties.
            var loaded = SyntaxModel.Load(dirA);
            Assert.Equal(beam, loaded.Parser!.Beam);
            Assert.Equal(a.Tagger.Clusters.Words, loaded.Tagger.Clusters.Words);
            Assert.Equal(withClusters, loaded.Tagger.Clusters.Count > 0);
            var before = UdEvaluator.Annotate(a, dev);
            var after = UdEvaluator.Annotate(loaded, dev);
            var same = 0;
            var total = 0;
            for (var s = 0; s < dev.Count; s++)
            {
                for (var i = 0; i < dev[s].Length; i++)
                {
                    total++;
                    same += before[s].Heads[i] == after[s].Heads[i] && before[s].Rels[i] == after[s].Rels[i] && before[s].Xpos[i] == after[s].Xpos[i] ? 1 : 0;
                }
            }
            Assert.True(same >= total * 0.98, $"{same}/{total} words analysed alike after save/load");
            var scores = UdEvaluator.Score(dev, after);
            Assert.True(scores.Upos > 70 && scores.Uas > 45, scores.ToString());
        }
        finally
        {
            Directory.Delete(dirA, true);
            Directory.Delete(dirB, true);
            Directory.Delete(clusterDir, true);
        }
    }

    [Fact]
    public void NeuralTrainingIsReproducibleAndTheModelRoundTrips()
    {
        var (train, dev) = Slice();
        var options = Tiny with { Neural = true, NeuralHidden = 16, NeuralBatch = 2, NeuralRate = 3e-3, NeuralAverage = 0.99, ParserEpochs = 4 };
        var a = SyntaxTrainer.Train(train, dev, options, TextWriter.Null);
        var b = SyntaxTrainer.Train(train, dev, options, TextWriter.Null);
        var dirA = Directory.CreateTempSubdirectory("sitrep-neural-a").FullName;
        var dirB = Directory.CreateTempSubdirectory("sitrep-neural-b").FullName;
        try
        {
            var fa = SaveBothAndCompare(a, b, dirA, dirB);
            Assert.True(fa.ContainsKey("neural.bin") && !fa.ContainsKey("parser.bin"), string.Join(", ", fa.Keys));

            // The trained model already holds the stored (half-float) weights: loading changes nothing.
            var loaded = SyntaxModel.Load(dirA, ParserKind.Accurate);
            Assert.Equal(ParserKind.Accurate, loaded.ParserKind);
            var before = UdEvaluator.Annotate(a, dev);
            var after = UdEvaluator.Annotate(loaded, dev);
            for (var s = 0; s < dev.Count; s++)
            {
                Assert.Equal(before[s].Heads, after[s].Heads);
                Assert.Equal(before[s].Rels, after[s].Rels);
            }
            var scores = UdEvaluator.Score(dev, after);
            Assert.True(scores.Uas > 40, scores.ToString());
            Assert.Throws<FileNotFoundException>(() => SyntaxModel.Load(dirA, ParserKind.Fast));

            // A truncated file is refused, not loaded with missing weights.
            var path = Path.Combine(dirA, "neural.bin");
            File.WriteAllBytes(path, fa["neural.bin"][..(fa["neural.bin"].Length / 2)]);
            var error = Record.Exception(() => SyntaxModel.Load(dirA, ParserKind.Accurate));
            Assert.True(error is EndOfStreamException or InvalidDataException, error?.ToString() ?? "loaded");
        }
        finally
        {
            Directory.Delete(dirA, true);
            Directory.Delete(dirB, true);
        }
    }

    [Fact]
    public void MissingModelDirectoryNamesThePath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => SyntaxModel.Load("/nonexistent/sitrep-models"));
        Assert.Contains("/nonexistent/sitrep-models", ex.Message);
    }
}
