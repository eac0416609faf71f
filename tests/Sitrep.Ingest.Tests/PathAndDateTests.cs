namespace Sitrep.Ingest.Tests;

public sealed class PathAndDateTests
{
    [Fact]
    public void DirectoryIsReadRecursivelyInSortedOrder()
    {
        var items = InputReader.Read([Fixture.Dir]).ToList();
        var inputs = items.Select(i => Path.GetRelativePath(Fixture.Dir, i.Input)).Where(p => !p.StartsWith('.')).Distinct().ToList();
        Assert.Equal(inputs.Order(StringComparer.Ordinal), inputs);
        Assert.Contains(Path.Combine("samples", "voa-sample.jsonl"), inputs);
        Assert.Equal(25 + 1 + 1 + 3 + 2 + 2 + 3 + 1 + 1 + 2 + 1, items.Articles().Count);
    }

    [Fact]
    public void DirectorySkipsHiddenAndUnknownFilesWithOneWarning()
    {
        var dir = Directory.CreateTempSubdirectory("sitrep-ingest-").FullName;
        try
        {
            File.Copy(Fixture.Path_("voa-story.txt"), Path.Combine(dir, "b.txt"));
            File.Copy(Fixture.Path_("voa-feed.rss"), Path.Combine(dir, "a.xml"));
            File.WriteAllBytes(Path.Combine(dir, "photo.png"), [0x89, 0x50, 0x4E, 0x47]);
            Directory.CreateDirectory(Path.Combine(dir, ".git"));
            File.Copy(Fixture.Path_("voa-story.txt"), Path.Combine(dir, ".git", "c.txt"));
            var items = InputReader.Read([dir]).ToList();
            Assert.Equal(["a.xml", "b.txt"], items.OfType<ArticleItem>().Select(i => Path.GetFileName(i.Input)).Distinct());
            Assert.Equal(4, items.Articles().Count);
            var warning = Assert.Single(items.Errors());
            Assert.Equal(Severity.Warning, warning.Severity);
            Assert.Contains("skipped 1 file", warning.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void GlobExpandsToMatchingFilesSorted()
    {
        var items = InputReader.Read([Path.Combine(Fixture.Dir, "voa-feed.*")]).ToList();
        Assert.Empty(items.Errors());
        var inputs = items.Select(i => Path.GetFileName(i.Input)).Distinct().ToList();
        Assert.Equal(["voa-feed.atom", "voa-feed.rdf", "voa-feed.rss"], inputs);
        Assert.Equal(7, items.Articles().Count);
    }

    [Fact]
    public void DoubleStarGlobReachesSubdirectories()
    {
        var items = InputReader.Read([Path.Combine(Fixture.Dir, "**", "*.jsonl")]).ToList();
        var names = items.Select(i => Path.GetFileName(i.Input)).Distinct().ToList();
        Assert.Equal(["bom-utf16be.jsonl", "malformed.jsonl", "voa-sample.jsonl"], names);
    }

    [Fact]
    public void OptionIdIsNumberedAcrossArticles()
    {
        var ids = InputReader.Read([Fixture.Path_("voa-story.txt"), Fixture.Path_("bom-utf8.txt")], new IngestOptions { Id = "doc" }).Articles().Select(a => a.Id);
        Assert.Equal(["doc", "doc-2"], ids);
    }

    [Theory]
    [InlineData("2025-03-14 20:30:26Z", "2025-03-14T20:30:26+00:00")]
    [InlineData("2023-03-13", "2023-03-13T00:00:00+00:00")]
    [InlineData("2023-03-13T08:15:00+02:00", "2023-03-13T08:15:00+02:00")]
    [InlineData("Mon, 13 Mar 2023 10:00:00 GMT", "2023-03-13T10:00:00+00:00")]
    [InlineData("Tue, 13 Mar 2023 10:00:00 +0000", "2023-03-13T10:00:00+00:00")]
    [InlineData("13 Mar 2023 10:00:00 EST", "2023-03-13T10:00:00-05:00")]
    [InlineData("1678701600", "2023-03-13T10:00:00+00:00")]
    [InlineData("1678701600000", "2023-03-13T10:00:00+00:00")]
    [InlineData("2023-03-13T10:00:00.123Z", "2023-03-13T10:00:00.123+00:00")]
    [InlineData("March 13, 2023", "2023-03-13T00:00:00+00:00")]
    [InlineData("Monday, March 13, 2023 10:00 AM EST", "2023-03-13T10:00:00-05:00")]
    [InlineData("13 March 2023", "2023-03-13T00:00:00+00:00")]
    [InlineData("20230313", "2023-03-13T00:00:00+00:00")]
    [InlineData("13.03.2023", "2023-03-13T00:00:00+00:00")]
    [InlineData("2023-03-13T10:00:00+0200", "2023-03-13T10:00:00+02:00")]
    [InlineData("Sun, 12 Mar 2023 22:41:07 -0400", "2023-03-12T22:41:07-04:00")]
    [InlineData("Mon Mar 13 2023 10:00:00 GMT+0000 (Coordinated Universal Time)", "2023-03-13T10:00:00+00:00")]
    public void DatesAreParsedLeniently(string input, string expected)
    {
        Assert.True(DateParser.TryParse(input, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("13/45/2023")]
    public void NonsenseDatesAreRejected(string input) => Assert.False(DateParser.TryParse(input, out _));

    [Theory]
    [InlineData("text=content", ArticleField.Text, "content")]
    [InlineData("Published=meta.date", ArticleField.Published, "meta.date")]
    public void FieldSpecsParse(string spec, ArticleField field, string name)
    {
        Assert.True(IngestOptions.TryParseField(spec, out var f, out var n, out _));
        Assert.Equal(field, f);
        Assert.Equal(name, n);
    }

    [Fact]
    public void UnknownFieldSpecIsRejectedWithTheValidNames()
    {
        Assert.False(IngestOptions.TryParseField("colour=red", out _, out _, out var error));
        Assert.Contains("published", error);
    }
}
