namespace Sitrep.Attributes.Tests;

public sealed class AttributionTests
{
    private static List<AttributionMention> Attributions(string text) =>
        AttributionExtractor.Extract(TestDocs.Make(text), ActorLexicon.LoadDefault(Gazetteer.LoadDefault()));

    [Theory]
    [InlineData("The protests led to about 1,200 arrests, per the Associated Press.", "the Associated Press", "per", "USAMED")]
    [InlineData("Moscow's army lost 159,090 personnel, according to estimates from the Ministry of Defense of Ukraine.", "the Ministry of Defense of Ukraine", "according_to", "UKRGOV")]
    [InlineData("Ukraine's Ministry of Defense said 720 soldiers were killed.", "Ukraine's Ministry of Defense", "said", "UKRGOV")]
    [InlineData("The strike killed 12 people, Reuters reported.", "Reuters", "reported", "GBRMED")]
    [InlineData("The rebels claimed they had captured the town.", "The rebels", "claimed", "REB")]
    [InlineData("Ukraine's Ministry of Defense's estimates put the toll at 159,090.", "Ukraine's Ministry of Defense", "estimates", "UKRGOV")]
    public void FindsSourceAndCode(string text, string source, string cue, string code)
    {
        var a = Assert.Single(Attributions(text)).Attribution;
        Assert.Equal(source, a.Source.Text);
        Assert.Equal(cue, a.Cue);
        Assert.Equal(code, a.Source.Code);
    }

    [Fact]
    public void CitingNestsTheCitedSourceInsideTheReport()
    {
        var list = Attributions("The army lost 500 soldiers, the Kyiv Independent reported, citing Ukraine's General Staff.");
        var citing = Assert.Single(list, x => x.Attribution.Cue == "citing");
        Assert.Equal("Ukraine's General Staff", citing.Attribution.Source.Text);
        Assert.Equal("the Kyiv Independent", citing.Attribution.Within!.Source.Text);
        Assert.Equal("UKRMED", citing.Attribution.Within.Source.Code);
        Assert.True(Assert.Single(list, x => x.Attribution.Cue == "reported").InnerOnly);
    }

    [Fact]
    public void QuoteWithSpeakerAndPronounContinuation()
    {
        var doc = TestDocs.Make("\"Our men are being sent forward three at a time,\" one mother said in a video posted by the Russian Telegram channel Astra. \"Bring them home. We ask the command to pull them back,\" she continued.");
        var list = AttributionExtractor.Extract(doc, ActorLexicon.LoadDefault(Gazetteer.LoadDefault()));
        var quotes = list.Where(x => x.Attribution.Cue == "quote").ToList();
        Assert.Equal(2, quotes.Count);
        Assert.Equal("one mother", quotes[0].Attribution.Source.Text);
        Assert.Equal("RUSMED", quotes[0].Attribution.Within!.Source.Code);
        Assert.Equal("she", quotes[1].Attribution.Source.Text);
        Assert.Contains("one mother", quotes[1].Attribution.Source.DictionaryEntry);
        // Both sentences of the second quote are inside it.
        Assert.True(quotes[1].Scope.Contains(new Text.TextSpan(doc.Text.IndexOf("We ask", StringComparison.Ordinal), doc.Text.IndexOf("We ask", StringComparison.Ordinal) + 6)));
    }

    [Fact]
    public void RealVoaSentences()
    {
        // VOA 8009853: "Children being brutalized in Sudan's civil war, say UNICEF and MSF"
        var a = Attributions("At least 221 children were raped in Sudan last year, UNICEF said in a report on Tuesday.");
        Assert.Equal("UNICEF", Assert.Single(a).Attribution.Source.Text);
        // VOA 8011076: "Military says death toll in Pakistan's train hijacking rises to 31"
        var b = Attributions("Pakistan's military said Friday that the death toll from the train hijacking had risen to 31.");
        Assert.Equal("PAKMIL", Assert.Single(b).Attribution.Source.Code);
    }
}
