namespace Sitrep.Attributes.Tests;

/// <summary>
/// A whole report in the style the stage exists for, written for this test: figures with
/// attribution, an unverifiable video, and a war-start date stated two ways.
/// </summary>
public sealed class ArticleTests
{
    private const string Title = "Mothers of Russian Recruits Accuse Kremlin of Sending Sons Into Battle Unprepared";
    private const string Body =
        "A group of mothers of Russian recruits recently accused the Kremlin of throwing their sons into combat in Ukraine with little preparation.\n" +
        "The mothers said the men received only ten days of training after being called up in September last year.\n" +
        "\"They were sent forward three at a time against dozens of enemy fighters,\" one mother said in a video posted by the independent Russian Telegram channel Astra. \"We ask the command to bring them back,\" she continued.\n" +
        "Reuters could not independently verify the claims made in the video.\n" +
        "Russia has lost more than 160,000 troops in the war in Ukraine since February last year, according to the General Staff of Ukraine's armed forces.\n" +
        "Russia began its full-scale invasion of Ukraine in February 2023. Since then, Russian forces have lost a total of 159,090 soldiers, according to estimates from Ukraine's Ministry of Defense. The total includes 720 soldiers who were killed over the past day.\n" +
        "Last year's mobilization triggered protests in dozens of cities and led to about 2,300 arrests, per the Associated Press.";

    private static ArticleResult Run()
    {
        var doc = TestDocs.Make(Body, "2023-03-13", Title, "seedlike");
        var events = new[]
        {
            TestDocs.Event(doc, "accused", "112"),
            TestDocs.Event(doc, "sent", "190"),
            TestDocs.Event(doc, "invasion", "190"),
            TestDocs.Event(doc, "arrests", "173"),
        };
        return TestDocs.Annotator.Annotate(doc, events);
    }

    [Fact]
    public void FiguresCarryAttributionVictimsAndTime()
    {
        var r = Run();
        var total = Assert.Single(r.Figures, f => f.Quantity.Low == 159_090);
        Assert.Equal("RUSMIL", total.Victims!.Code);
        Assert.True(total.Cumulative);
        Assert.Equal(new DateOnly(2023, 3, 13), total.AsOf!.End);
        var source = Assert.Single(total.Attributions).Source;
        Assert.Equal("Ukraine's Ministry of Defense", source.Text);
        Assert.Equal("UKRGOV", source.Code);
        Assert.Equal(Certainty.Reported, total.Certainty);

        var daily = Assert.Single(r.Figures, f => f.Quantity.Low == 720);
        Assert.Equal("killed", daily.Quantity.Category);
        Assert.Equal(new DateOnly(2023, 3, 12), daily.AsOf!.Start);

        var arrests = r.Events.Single(e => e.Event.TriggerText == "arrests").Attributes;
        Assert.Equal(2300, Assert.Single(arrests.Quantities).Low);
        Assert.Equal("USAMED", Assert.Single(arrests.Attributions).Source.Code);
    }

    [Fact]
    public void ClaimsFromTheUnverifiableVideoAreUnverified()
    {
        var r = Run();
        var sent = r.Events.Single(e => e.Event.TriggerText == "sent").Attributes;
        Assert.Equal(Certainty.Unverified, sent.Certainty);
        Assert.Contains("video", string.Join(" ", sent.CertaintyReason));
        var quote = Assert.Single(sent.Attributions);
        Assert.Equal("one mother", quote.Source.Text);
        Assert.Equal("Astra", quote.Within!.Source.Text.Split(' ')[^1]);
        // The Ministry's figure is not covered by the video caveat.
        Assert.NotEqual(Certainty.Unverified, r.Figures.Single(f => f.Quantity.Low == 159_090).Certainty);
    }

    [Fact]
    public void FlagsTheWarStartDateAndTheDisagreeingTotals()
    {
        var r = Run();
        var date = Assert.Single(r.Flags, f => f.Kind == "date_contradiction");
        Assert.Contains("February last year", date.FirstText + date.SecondText);
        Assert.Contains("February 2023", date.FirstText + date.SecondText);
        var fig = Assert.Single(r.Flags, f => f.Kind == "figure_contradiction");
        Assert.Contains("160,000", fig.FirstText + fig.SecondText);
        Assert.Contains("159,090", fig.FirstText + fig.SecondText);
        Assert.NotEmpty(fig.Reason);
    }

    [Fact]
    public void EventDatesAndPlaces()
    {
        var r = Run();
        var invasion = r.Events.Single(e => e.Event.TriggerText == "invasion").Attributes;
        Assert.Equal(new DateOnly(2023, 2, 1), invasion.When!.Start);
        Assert.Equal("UKR", invasion.Where!.Country);
        var accused = r.Events.Single(e => e.Event.TriggerText == "accused").Attributes;
        Assert.Equal("recently", accused.When!.Text);
        Assert.Equal("approximate", accused.When.Kind);
    }

    [Fact]
    public void SourcesThatDisagreeOnAWarTotalAreFlagged()
    {
        // The war's death toll as each side tells it; the second figure also belongs to an event.
        var doc = TestDocs.Make("Moscow says it has lost about 6,000 soldiers in the war. Ukraine says more than 150,000 Russian soldiers have been killed since the invasion began.");
        var r = TestDocs.Annotator.Annotate(doc, [TestDocs.Event(doc, "killed", "190")]);
        Assert.Equal(2, r.Figures.Count(f => f.Cumulative && f.Quantity.Category == "killed"));
        var flag = Assert.Single(r.Flags, f => f.Kind == "figure_contradiction");
        Assert.Equal("about 6,000", flag.FirstText);
        Assert.Equal("more than 150,000", flag.SecondText);
        Assert.Contains("per Moscow vs per Ukraine", flag.Reason);
    }

    [Fact]
    public void CrossArticleFiguresDisagree()
    {
        var a = TestDocs.Make("Russia has lost a total of 159,090 soldiers in the war, according to Ukraine's Ministry of Defense.", "2023-03-13", null, "a");
        var b = TestDocs.Make("Russia has lost a total of 120,000 soldiers in the war, according to Ukraine's Ministry of Defense.", "2023-03-13", null, "b");
        var ra = TestDocs.Annotator.Annotate(a, []);
        var rb = TestDocs.Annotator.Annotate(b, []);
        var flag = Assert.Single(TestDocs.Annotator.CrossArticle([ra, rb]));
        Assert.Equal("cross_article_figure", flag.Kind);
        Assert.Equal("b", flag.OtherArticleId);
        Assert.Empty(TestDocs.Annotator.CrossArticle([ra, TestDocs.Annotator.Annotate(TestDocs.Make("Russia has lost more than 159,000 soldiers in the war, according to Ukraine's Ministry of Defense.", "2023-03-13", null, "c"), [])]));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var a = Run();
        var b = Run();
        Assert.Equal(a.Figures.Select(f => f.Id), b.Figures.Select(f => f.Id));
        Assert.Equal(a.Flags.Select(f => f.Id), b.Flags.Select(f => f.Id));
    }
}
