namespace Sitrep.Cli.Tests;

public sealed class ParseCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sitrep-parse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Input()
    {
        var path = Path.Combine(_dir, "in.txt");
        File.WriteAllText(path, "The convoy was attacked by rebels near the border. Officials said two soldiers were killed.");
        return path;
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("accurate")]
    public void EitherParserWritesOneRootedTreePerSentence(string parser)
    {
        var output = Path.Combine(_dir, parser + ".conllu");
        Assert.Equal(0, Program.Main(["parse", Input(), "--title", "none", "--parser", parser, "-o", output]));
        var sentences = File.ReadAllText(output).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, sentences.Length);
        foreach (var sentence in sentences)
        {
            var words = sentence.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToArray();
            Assert.Single(words, w => w[6] == "0" && w[7] == "root");
            Assert.All(words, w => Assert.InRange(int.Parse(w[6]), 0, words.Length));
        }
        var first = sentences[0].Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToArray();
        Assert.Equal("nsubj:pass", first.Single(w => w[1] == "convoy")[7]);
        Assert.Equal("obl:agent", first.Single(w => w[1] == "rebels")[7]);
    }

    [Fact]
    public void TheAccurateParserRefusesABeam()
    {
        Assert.Equal(2, Program.Main(["parse", Input(), "--parser", "accurate", "--beam", "4", "-o", Path.Combine(_dir, "x.conllu")]));
    }
}
