using System.Text;

namespace Sitrep.Ingest.Tests;

public sealed class BadInputTests
{
    [Fact]
    public void InvalidUtf8IsReplacedAndReportedWithItsByteOffset()
    {
        var items = Fixture.Read("invalid-utf8.txt");
        var warning = Assert.Single(items.Errors());
        Assert.Equal(Severity.Warning, warning.Severity);
        // make_fixtures.py inserts 0xFF 0xFE before "Somalia", at byte 23.
        Assert.Equal(23, warning.ByteOffset);
        Assert.Contains("byte 23", warning.Message);
        Assert.EndsWith("invalid-utf8.txt", warning.Input);
        var article = Assert.Single(items.Articles());
        Assert.StartsWith("Gunmen attack hotel in \uFFFD\uFFFDSomalia", article.Text);
    }

    [Fact]
    public void InvalidUtf8InAJsonlLineNamesLineAndFileOffset()
    {
        var first = Encoding.UTF8.GetBytes("""{"id": "1", "text": "fine"}""" + "\n");
        var second = Encoding.UTF8.GetBytes("""{"id": "2", "text": "bad """).Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();
        var items = InputReader.ReadStream(new MemoryStream([.. first, .. second]), "x.jsonl").ToList();
        var warning = Assert.Single(items.Errors());
        Assert.Equal(2, warning.Line);
        Assert.Equal(first.Length + 25, warning.ByteOffset);
        Assert.Equal(["fine", "bad \uFFFD("], items.Articles().Select(a => a.Text));
    }

    [Fact]
    public void BinaryFileIsRefused()
    {
        var items = Fixture.Read("binary.txt");
        var error = Assert.Single(items);
        var e = Assert.IsType<InputError>(error);
        Assert.True(e.IsError);
        Assert.Contains("binary", e.Message);
        Assert.EndsWith("binary.txt", e.Input);
    }

    [Fact]
    public void EmptyFileIsAWarningWithoutArticle()
    {
        var e = Assert.IsType<InputError>(Assert.Single(Fixture.Read("empty.txt")));
        Assert.Equal(Severity.Warning, e.Severity);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void LeadingWhitespaceBeyondTheSniffedHeaderIsNotAnEmptyFile()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('\n', 10_000) + "Militants attacked a checkpoint.");
        var article = Assert.Single(InputReader.ReadStream(new MemoryStream(bytes), "padded.txt").Articles());
        Assert.Equal("Militants attacked a checkpoint.", article.Text);
    }

    [Fact]
    public void MalformedJsonlLineIsAnErrorAndOtherLinesStillCount()
    {
        var items = Fixture.Read("malformed.jsonl");
        Assert.Equal(["8011115", "8010694"], items.Articles().Select(a => a.Id));
        var e = Assert.Single(items.Errors());
        Assert.True(e.IsError);
        Assert.Equal(2, e.Line);
        Assert.Contains("invalid JSON", e.Message);
        Assert.Matches(@"malformed\.jsonl:2: error: invalid JSON at byte \d+", e.ToString());
        // The order is the file's: article, error, article.
        Assert.IsType<InputError>(items[1]);
    }

    [Fact]
    public void MissingPathIsAnError()
    {
        var missing = Path.Combine(Fixture.Dir, "no-such-file.jsonl");
        var e = Assert.IsType<InputError>(Assert.Single(InputReader.Read([missing])));
        Assert.True(e.IsError);
        Assert.Equal(missing, e.Input);
        Assert.Contains("no such file", e.Message);
    }

    [Fact]
    public void GlobMatchingNothingIsAnError()
    {
        var e = Assert.IsType<InputError>(Assert.Single(InputReader.Read([Path.Combine(Fixture.Dir, "*.nothing")])));
        Assert.Contains("no files match", e.Message);
    }

    [Fact]
    public void ReadFailureMidStreamIsAnErrorNamingTheInput()
    {
        var items = InputReader.ReadStream(new FailingStream(), "broken.jsonl").ToList();
        var e = Assert.IsType<InputError>(Assert.Single(items));
        Assert.True(e.IsError);
        Assert.Equal("broken.jsonl", e.Input);
        Assert.Contains("disk on fire", e.Message);
    }

    [Theory]
    [InlineData("bom-utf8.txt")]
    [InlineData("bom-utf16le.txt")]
    [InlineData("bom-utf32le.txt")]
    public void ByteOrderMarksAreHonoured(string name)
    {
        var expected = Assert.Single(Fixture.Read("voa-story.txt").Articles());
        var items = Fixture.Read(name);
        Assert.Empty(items.Errors());
        var article = Assert.Single(items.Articles());
        Assert.Equal(expected.Text, article.Text);
        Assert.Equal(expected.Id, article.Id);
    }

    [Fact]
    public void Utf16BigEndianJsonlIsRead()
    {
        var article = Assert.Single(Fixture.Read("bom-utf16be.jsonl").Articles());
        Assert.Equal("8006503", article.Id);
        Assert.Equal("Gunmen attack hotel in Somalia, killing at least 5", article.Title);
    }

    [Fact]
    public void OversizedLineIsSkippedAndTheNextOneRead()
    {
        var big = "{\"id\": \"big\", \"text\": \"" + new string('a', 300_000) + "\"}\n";
        var small = "{\"id\": \"small\", \"text\": \"Troops withdrew.\"}\n";
        var bytes = Encoding.UTF8.GetBytes(big + small);
        var items = InputReader.ReadStream(new MemoryStream(bytes), "big.jsonl", new IngestOptions { MaxRecordBytes = 100_000 }).ToList();
        var e = Assert.Single(items.Errors());
        Assert.Equal(1, e.Line);
        Assert.Contains("limit", e.Message);
        Assert.Equal("small", Assert.Single(items.Articles()).Id);
    }

    [Fact]
    public void JsonlRecordWithoutTextNamesTheFieldsTried()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\": \"1\", \"headline_only\": \"x\"}\n[1, 2]\n");
        var errors = InputReader.ReadStream(new MemoryStream(bytes), "x.jsonl").Errors();
        Assert.Equal(2, errors.Count);
        Assert.Contains("no text field (tried text, body", errors[0].Message);
        Assert.Equal(2, errors[1].Line);
        Assert.Contains("expected a JSON object", errors[1].Message);
    }

    [Fact]
    public void FeedThatIsNotXmlIsAnErrorWithLine()
    {
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n<item><title>A</title><description>x</description></item>\n<item><title>B</oops></item></channel></rss>");
        var items = InputReader.ReadStream(new MemoryStream(bytes), "bad.rss").ToList();
        Assert.Equal("A", Assert.Single(items.Articles()).Title);
        var e = Assert.Single(items.Errors());
        Assert.True(e.IsError);
        Assert.Equal(4, e.Line);
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("disk on fire");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
