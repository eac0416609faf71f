using Sitrep.Text;

namespace Sitrep.Attributes.Tests;

public sealed class DateTests
{
    private static DateMention Only(string sentence, string published = "2023-03-13")
    {
        var doc = TestDocs.Make(sentence, published);
        var dates = DateExtractor.Extract(doc, DateOnly.Parse(published));
        Assert.Single(dates);
        return dates[0];
    }

    // Publication 2023-03-13 is a Monday.
    [Theory]
    [InlineData("The order came last year.", "last year", "2022-01-01", "2022-12-31", "year", "exact")]
    [InlineData("They were called up in September last year.", "September last year", "2022-09-01", "2022-09-30", "month", "exact")]
    [InlineData("Russia launched the invasion in February 2023.", "February 2023", "2023-02-01", "2023-02-28", "month", "exact")]
    [InlineData("The figure includes 1,090 soldiers who were killed over the past day.", "over the past day", "2023-03-12", "2023-03-13", "day", "range")]
    [InlineData("The strike happened on Wednesday.", "Wednesday", "2023-03-08", "2023-03-08", "day", "exact")]
    [InlineData("They were forced to join assault groups at the beginning of March.", "the beginning of March", "2023-03-01", "2023-03-10", "month", "approximate")]
    [InlineData("The women recently slammed the president.", "recently", "2023-02-11", "2023-03-13", "day", "approximate")]
    [InlineData("Russia has lost many soldiers since February last year.", "since February last year", "2022-02-01", "2023-03-13", "month", "range")]
    [InlineData("The sign read: 580 Division, March 11, 2023.", "March 11, 2023", "2023-03-11", "2023-03-11", "day", "exact")]
    [InlineData("The sign read: 580 Division, March, 11, 2023.", "March, 11, 2023", "2023-03-11", "2023-03-11", "day", "exact")]
    [InlineData("The report is dated 2023-03-11.", "2023-03-11", "2023-03-11", "2023-03-11", "day", "exact")]
    [InlineData("The talks ended two weeks ago.", "two weeks ago", "2023-02-27", "2023-02-27", "week", "approximate")]
    [InlineData("Iraqi special forces said he was killed Thursday in an airstrike.", "Thursday", "2023-03-09", "2023-03-09", "day", "exact")]
    [InlineData("The ministers will meet on Friday in Brussels.", "Friday", "2023-03-17", "2023-03-17", "day", "exact")]
    [InlineData("Fighting intensified in late 2022.", "2022", "2022-09-01", "2022-12-31", "year", "approximate")]
    public void ResolvesAgainstPublicationDate(string sentence, string text, string start, string end, string granularity, string kind)
    {
        var d = Only(sentence);
        Assert.Equal(text, d.Text.Trim());
        Assert.Equal(DateOnly.Parse(start), d.Start);
        Assert.Equal(DateOnly.Parse(end), d.End);
        Assert.Equal(granularity, d.Granularity);
        Assert.Equal(kind, d.Kind);
        Assert.NotEmpty(d.Reason);
    }

    [Theory]
    [InlineData("The women said their loved ones were initially promised two weeks of training.")]
    [InlineData("They had just four days of training since they were called up.")]
    [InlineData("The parties agreed to a 30-day ceasefire.")]
    [InlineData("Officials may announce new measures soon.")]
    public void DurationsAndModalsAreNotDates(string sentence)
    {
        var doc = TestDocs.Make(sentence);
        Assert.Empty(DateExtractor.Extract(doc, new DateOnly(2023, 3, 13)));
    }

    [Fact]
    public void RelativeDatesWithoutPublicationAreUnresolved()
    {
        var doc = Tokenizer.Default.Process(Article.Create("x", null, "The attack happened last week."));
        var d = Assert.Single(DateExtractor.Extract(doc, null));
        Assert.Equal("unresolved", d.Kind);
        Assert.Null(d.Start);
    }

    [Fact]
    public void SinceThenTakesThePreviousDate()
    {
        var doc = TestDocs.Make("Russia launched its invasion in February 2022. Since then, the army has lost thousands of soldiers.");
        var dates = DateExtractor.Extract(doc, new DateOnly(2023, 3, 13));
        Assert.Equal(2, dates.Count);
        Assert.Equal(new DateOnly(2022, 2, 1), dates[1].Start);
        Assert.Equal(new DateOnly(2023, 3, 13), dates[1].End);
        Assert.True(dates[1].Since);
    }

    [Fact]
    public void RealVoaSentences()
    {
        // VOA 8011115 (2025-03-14, a Friday): "... said al-Rufay'i was killed Thursday in an airstrike ..."
        var d = Only("Iraqi special forces, in a subsequent post on the X social media platform, said al-Rufay’i was killed Thursday in an airstrike targeting his location in Iraq’s Anbar desert.", "2025-03-14");
        Assert.Equal(new DateOnly(2025, 3, 13), d.Start);
        // VOA 6203896: "Trial Opens in 2004 Bombing of French Base in Ivory Coast"
        var y = Only("A trial opened in Paris on Monday over the 2004 bombing of a French military base in Ivory Coast.", "2021-03-29");
        Assert.Equal(new DateOnly(2021, 3, 29), y.Start);
    }

    [Fact]
    public void EventGetsDateFromItsSentenceElsePublication()
    {
        var doc = TestDocs.Make("Gunmen attacked a hotel in Mogadishu on Tuesday. The government promised an inquiry.");
        var attack = TestDocs.Event(doc, "attacked", "180");
        var promise = TestDocs.Event(doc, "promised", "030");
        var r = TestDocs.Annotator.Annotate(doc, [attack, promise]);
        Assert.Equal("sentence", r.Events[0].Attributes.When!.AttachedBy);
        Assert.Equal(new DateOnly(2023, 3, 7), r.Events[0].Attributes.When!.Start);
        Assert.Equal("publication", r.Events[1].Attributes.When!.AttachedBy);
        Assert.Equal(new DateOnly(2023, 3, 13), r.Events[1].Attributes.When!.Start);
    }
}
