namespace Sitrep.Syntax;

/// <summary>
/// A trained tagger plus the jackknifed training tags, kept in a folder between parser
/// experiments (tagger training and the jackknife take longer than a parser epoch). The folder
/// is reused only when its key (tagger settings and training data) matches.
/// </summary>
internal static class TagCache
{
    private const string KeyFile = "key.txt";
    private const string TagsFile = "train-tags.bin";

    public static (Tagger Tagger, int[][] Tags) LoadOrCreate(string directory, string key, TextWriter log, WordClusters clusters, Func<(Tagger, int[][])> create)
    {
        var keyPath = Path.Combine(directory, KeyFile);
        if (File.Exists(keyPath) && File.ReadAllText(keyPath) == key)
        {
            var tagger = SyntaxModel.ReadFile(Path.Combine(directory, SyntaxModel.TaggerFile), input => Tagger.Read(input, clusters));
            var tags = SyntaxModel.ReadFile(Path.Combine(directory, TagsFile), ReadTags);
            log.WriteLine($"tagger and jackknifed training tags loaded from {directory}");
            return (tagger, tags);
        }
        var (t, g) = create();
        Directory.CreateDirectory(directory);
        SyntaxModel.WritePart(Path.Combine(directory, SyntaxModel.TaggerFile), t.Write);
        SyntaxModel.WritePart(Path.Combine(directory, TagsFile), w => WriteTags(w, g));
        File.WriteAllText(keyPath, key);
        log.WriteLine($"tagger and jackknifed training tags cached in {directory}");
        return (t, g);
    }

    private static void WriteTags(BinaryWriter output, int[][] tags)
    {
        output.Write(tags.Length);
        foreach (var s in tags)
        {
            output.Write(s.Length);
            foreach (var t in s)
            {
                output.Write((short)t);
            }
        }
    }

    private static int[][] ReadTags(BinaryReader input)
    {
        var tags = new int[input.ReadInt32()][];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = new int[input.ReadInt32()];
            for (var k = 0; k < tags[i].Length; k++)
            {
                tags[i][k] = input.ReadInt16();
            }
        }
        return tags;
    }
}
