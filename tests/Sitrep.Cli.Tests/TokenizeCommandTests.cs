using System.Text.Json;
using Sitrep.Cli;

namespace Sitrep.Cli.Tests;

public sealed class TokenizeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sitrep-tokenize-").FullName;

    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("repository root not found");
        }
    }

    private static string Sample => Path.Combine(Root, "samples", "voa", "voa-sample.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void JsonlOutputHasOneLinePerArticleWithOffsetsIntoItsText()
    {
        var output = Path.Combine(_dir, "out.jsonl");
        Assert.Equal(0, Program.Main(["tokenize", Sample, "-o", output]));
        var lines = File.ReadAllLines(output);
        Assert.Equal(25, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("8011115", root.GetProperty("id").GetString());
        Assert.Equal("2025-03-14T20:30:26+00:00", root.GetProperty("published").GetString());
        var text = root.GetProperty("text").GetString()!;
        var sentences = root.GetProperty("sentences");
        Assert.True(sentences.GetArrayLength() > 10);
        Assert.Equal("Iraq says key Islamic State leader is dead", text[sentences[0].GetProperty("start").GetInt32()..sentences[0].GetProperty("end").GetInt32()]);
        foreach (var sentence in sentences.EnumerateArray())
        {
            foreach (var token in sentence.GetProperty("tokens").EnumerateArray())
            {
                Assert.Equal(token.GetProperty("text").GetString(), text[token.GetProperty("start").GetInt32()..token.GetProperty("end").GetInt32()]);
            }
        }
    }

    [Fact]
    public void ConlluOutputHasDocumentAndSentenceHeadersAndSpaceAfter()
    {
        var output = Path.Combine(_dir, "out.conllu");
        Assert.Equal(0, Program.Main(["tokenize", Sample, "--format", "conllu", "-o", output]));
        var lines = File.ReadAllLines(output);
        Assert.Equal("# newdoc id = 8011115", lines[0]);
        Assert.Equal("# sent_id = 8011115-1", lines[1]);
        Assert.Equal("# text = Iraq says key Islamic State leader is dead", lines[2]);
        Assert.Equal("1\tIraq\t_\t_\t_\t_\t_\t_\t_\tTokenRange=0:4", lines[3]);
        Assert.Equal(25, lines.Count(l => l.StartsWith("# newdoc id = ", StringComparison.Ordinal)));
        // "group's" is a UD multiword token: a range line, then its two words.
        var mwt = Array.IndexOf(lines, "7-8\tgroup's\t_\t_\t_\t_\t_\t_\t_\t_");
        Assert.True(mwt > 0);
        Assert.Equal("7\tgroup\t_\t_\t_\t_\t_\t_\t_\tTokenRange=76:81", lines[mwt + 1]);
        Assert.Equal("8\t's\t_\t_\t_\t_\t_\t_\t_\tTokenRange=81:83", lines[mwt + 2]);
        Assert.Contains(lines, l => l.StartsWith("13\tdead\t", StringComparison.Ordinal) && l.EndsWith("SpaceAfter=No|TokenRange=107:111", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.Length > 0 && !l.StartsWith('#')), l => Assert.Equal(10, l.Split('\t').Length));
    }

    [Fact]
    public void FailedInputExitsWithOneButOtherInputsAreStillWritten()
    {
        var bad = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllLines(bad, ["{\"id\": \"a\", \"text\": \"Troops crossed the river.\"}", "{not json", "{\"id\": \"b\", \"text\": \"Talks resumed.\"}"]);
        var output = Path.Combine(_dir, "out.jsonl");
        Assert.Equal(1, Program.Main(["tokenize", bad, Path.Combine(_dir, "missing.txt"), "-o", output]));
        Assert.Equal(2, File.ReadAllLines(output).Length);
    }

    [Theory]
    [InlineData("--published", "someday")]
    [InlineData("--field", "colour=red")]
    [InlineData("--no-such-option", "x")]
    [InlineData("--format", "xml")]
    public void UsageErrorsExitWithTwo(string option, string value)
    {
        Assert.Equal(2, Program.Main(["tokenize", Sample, option, value, "-o", Path.Combine(_dir, "out")]));
    }
}
