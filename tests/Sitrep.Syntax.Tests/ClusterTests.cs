namespace Sitrep.Syntax.Tests;

/// <summary>Word vectors → word clusters: reading both vector formats, clustering, the cluster file.</summary>
public sealed class ClusterTests
{
    private static string Temp(string name, string content)
    {
        var dir = Directory.CreateTempSubdirectory("sitrep-clusters").FullName;
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void ReadsGloveTextLowercasedFirstOfDuplicatesUpToTheLimit()
    {
        var path = Temp("v.txt", "the 0.1 0.2\nThe 9 9\nkilled -1 0.5e-1\nsaid 3 4\n");
        var v = WordVectors.Read(path, 2);
        Assert.Equal(["the", "killed"], v.Words);
        Assert.Equal(2, v.Dimensions);
        Assert.Equal([0.1f, 0.2f, -1f, 0.05f], v.Vectors);
    }

    [Fact]
    public void ReadsWinkJsonIgnoringNormAndIndex()
    {
        var path = Temp("v.json", """{"precision":8,"dimensions":2,"words":["a","b"],"vectors":{"A":[1,2,2.23,0],"b":[3,-4,5,1]}}""");
        var v = WordVectors.Read(path, 10);
        Assert.Equal(["a", "b"], v.Words);
        Assert.Equal([1f, 2f, 3f, -4f], v.Vectors);
    }

    [Fact]
    public void MalformedVectorsNameTheFileAndPosition()
    {
        var text = Temp("bad.txt", "the 0.1 0.2\nkilled 0.3\n");
        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Read(text, 10));
        Assert.Contains("bad.txt:2", e.Message);

        var json = Temp("bad.json", """{"dimensions":3,"vectors":{"the":[1,2]}}""");
        e = Assert.Throws<InvalidDataException>(() => WordVectors.Read(json, 10));
        Assert.Contains("bad.json: byte", e.Message);
        Assert.Contains("'the' has 2 values, expected 3", e.Message);
    }

    /// <summary>Words "g{group}w{i}" (group = i % groups), each group a tight bundle pointing its own way.</summary>
    private static WordVectors Groups(int count, int groups, int seed)
    {
        var dims = 2 * groups;
        var rng = new Random(seed);
        var words = new List<string>();
        var values = new List<float>();
        for (var i = 0; i < count; i++)
        {
            var group = i % groups;
            words.Add($"g{group}w{i}");
            for (var d = 0; d < dims; d++)
            {
                values.Add((d == group * 2 ? 4f : 0f) + (float)(rng.NextDouble() - 0.5));
            }
        }
        return new WordVectors(words, values.ToArray(), dims);
    }

    /// <summary>Four groups of words: no top cluster may mix groups, and a rerun gives the same leaves.</summary>
    [Fact]
    public void ClustersSeparateDistinctGroupsDeterministically()
    {
        var vectors = Groups(400, 4, 7);
        var words = vectors.Words;
        var a = ClusterTrainer.Train(vectors, 1, TextWriter.Null);
        var b = ClusterTrainer.Train(vectors, 1, TextWriter.Null);
        Assert.Equal(a.LeafOfWord, b.LeafOfWord);
        var groupOfCoarse = new Dictionary<int, char>();
        for (var i = 0; i < words.Count; i++)
        {
            var coarse = a.LeafOfWord[i] / (WordClusters.Branching * WordClusters.Branching);
            var group = words[i][1];
            Assert.Equal(group, groupOfCoarse.TryAdd(coarse, group) ? group : groupOfCoarse[coarse]);
        }
    }

    /// <summary>
    /// With a treebank, top clusters follow the tags words take, also for words the treebank
    /// never saw (their tags are predicted from their vectors).
    /// </summary>
    [Fact]
    public void TreebankTagsDecideTheTopClustersOfUnseenWords()
    {
        var vectors = Groups(300, 3, 3);
        var words = vectors.Words;
        // The treebank tags the first half of the words: group 0 as nouns, 1 as verbs, 2 as adjectives.
        string[] tags = ["NN", "VBD", "JJ"];
        var sentences = new List<UdSentence>();
        for (var i = 0; i < 150; i += 3)
        {
            var forms = new[] { words[i], words[i + 1], words[i + 2] };
            var xpos = tags;
            sentences.Add(new UdSentence(forms, forms, ["NOUN", "VERB", "ADJ"], xpos, ["_", "_", "_"], [1, -1, 0], ["nsubj", "root", "amod"], [true, true, false], null, null));
        }
        var a = ClusterTrainer.Train(vectors, 5, TextWriter.Null, treebank: sentences);
        var b = ClusterTrainer.Train(vectors, 5, TextWriter.Null, treebank: sentences);
        Assert.Equal(a.LeafOfWord, b.LeafOfWord);
        // No top cluster mixes words of two tags, whether or not the treebank saw them.
        var tagOfCoarse = new Dictionary<int, int>();
        for (var i = 0; i < words.Count; i++)
        {
            var coarse = a.LeafOfWord[i] / (WordClusters.Branching * WordClusters.Branching);
            Assert.Equal(i % 3, tagOfCoarse.TryAdd(coarse, i % 3) ? i % 3 : tagOfCoarse[coarse]);
        }
    }

    [Fact]
    public void ClusterFileRoundTripsAndLooksUpCaseInsensitively()
    {
        var clusters = new WordClusters(["kyiv", "shelled"], [(ushort)(3 * 64 + 2 * 8 + 5), 0]);
        var dir = Directory.CreateTempSubdirectory("sitrep-clusters").FullName;
        var path = Path.Combine(dir, "clusters.bin");
        SyntaxModel.WritePart(path, clusters.Write);
        var read = SyntaxModel.ReadFile(path, WordClusters.Read);
        Assert.Equal(clusters.Words, read.Words);
        Assert.Equal(clusters.LeafOfWord, read.LeafOfWord);
        Assert.Equal("3.2.5", read.Path("Kyiv"));
        Assert.Equal("0.0.0", read.Path("SHELLED"));
        Assert.Null(read.Path("Bakhmut"));

        // Levels nest: words in one fine cluster share the mid and coarse ones; unknown words get zeros.
        var code = read.Code(Hashing.OfLower("Kyiv"));
        Assert.Equal((ulong)(3 * 64 + 2 * 8 + 5 + 1), WordClusters.Levels(code).Fine);
        Assert.Equal((ulong)(3 * 8 + 2 + 1), WordClusters.Levels(code).Mid);
        Assert.Equal(4UL, WordClusters.Levels(code).Coarse);
        Assert.Equal((0UL, 0UL, 0UL), WordClusters.Levels(0));
    }

    /// <summary>Sentence padding and the parser's ROOT/NONE positions must not look like a word in some cluster.</summary>
    [Fact]
    public void PaddingNeverLooksLikeACluster()
    {
        var clusters = new WordClusters(["attacked"], [(ushort)(WordClusters.Leaves - 1)]);
        var w = new WordFeatures();
        const string text = "Rebels attacked";
        w.Fill(text, [0, 7], [6, 15], new Dictionary<ulong, ulong>(), clusters);
        var codes = new HashSet<ulong>();
        for (var code = 0; code <= WordClusters.Leaves; code++)
        {
            var (fine, mid, coarse) = WordClusters.Levels(code);
            codes.UnionWith([fine, mid, coarse]);
        }
        for (var p = 0; p < WordFeatures.Pad; p++)
        {
            foreach (var j in new[] { p, w.Length + WordFeatures.Pad + p })
            {
                Assert.DoesNotContain(w.ClusterFine[j], codes);
                Assert.DoesNotContain(w.ClusterMid[j], codes);
                Assert.DoesNotContain(w.ClusterCoarse[j], codes);
            }
        }
        Assert.Equal((ulong)WordClusters.Leaves, w.ClusterFine[WordFeatures.Pad + 1]);

        var state = new ParseState();
        state.Reset(2);
        foreach (var j in new[] { state.Root, state.None })
        {
            Assert.DoesNotContain(state.C[j], codes);
            Assert.DoesNotContain(state.M[j], codes);
        }
    }

    [Fact]
    public void OutOfRangeLeafIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => new WordClusters(["x"], [WordClusters.Leaves]));
    }
}
