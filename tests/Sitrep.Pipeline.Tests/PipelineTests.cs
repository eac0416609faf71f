using Sitrep.Attributes;
using Sitrep.Store;
using Sitrep.Store.Export;
using Sitrep.Text;

namespace Sitrep.Pipeline.Tests;

/// <summary>
/// The shipped pipeline end to end (tokenizer, parser, coder, attributes with the coder's actor
/// dictionaries) on a short report written for this test in the style of a wire story.
/// </summary>
public sealed class PipelineTests
{
    private static readonly SitrepPipeline Pipeline = SitrepPipeline.Load();

    private const string Title = "Ukraine says Russian troops shelled Kharkiv";
    private const string Body =
        "Russian troops shelled the city of Kharkiv on Tuesday, killing at least 12 civilians, according to Ukraine's Ministry of Defense.\n" +
        "Russia launched its full-scale invasion of Ukraine in February 2022. Since February last year, Russian forces have lost 150,000 soldiers, Ukrainian officials said.\n";

    private static Article Report() => Article.Create("report-1", Title, Body,
        new ArticleMetadata(null, null, "test", new DateTimeOffset(2023, 3, 15, 9, 0, 0, TimeSpan.Zero), "en", null));

    [Fact]
    public void ShellingIsCodedWithActorsTimePlaceCountAndSource()
    {
        var result = Pipeline.Process(Report());
        var shelling = Assert.Single(result.Events, e => e.Event.TriggerText == "shelled" && e.Event.Sentence > 0);
        var ev = shelling.Event;
        Assert.StartsWith("19", ev.CameoCode, StringComparison.Ordinal);
        Assert.Equal("FIGHT", ev.PloverType);
        Assert.Equal("RUSMIL", ev.Source?.Code);
        Assert.Equal("UKR", ev.Target?.Country);

        var a = shelling.Attributes;
        Assert.Equal(new DateOnly(2023, 3, 14), a.When?.Start);
        Assert.Equal("syntax", a.When?.AttachedBy);
        Assert.Equal("Kharkiv", a.Where?.Name);
        Assert.Equal("UKR", a.Where?.Country);
        var killed = Assert.Single(a.Quantities);
        Assert.Equal(("killed", 12L, "at_least"), (killed.Category, killed.Low!.Value, killed.Precision));
        var source = Assert.Single(a.Attributions).Source;
        Assert.Equal("Ukraine's Ministry of Defense", source.Text);
        // Phoenix codes a defence ministry as government + military: UKRGOVMIL.
        Assert.Equal("UKR", source.Country);
        Assert.Contains("GOV", source.Sectors);
        Assert.Equal(Certainty.Reported, a.Certainty);
    }

    [Fact]
    public void RunningTotalBecomesAnAttributedCumulativeFigure()
    {
        var result = Pipeline.Process(Report());
        var figure = Assert.Single(result.Figures, f => f.Quantity.Low == 150_000);
        Assert.True(figure.Cumulative);
        Assert.Equal("RUSMIL", figure.Victims?.Code);
        Assert.Equal("Ukrainian officials", Assert.Single(figure.Attributions).Source.Text);
        Assert.Equal(new DateOnly(2022, 2, 1), figure.AsOf?.Start);
    }

    [Fact]
    public void SpansPointAtTheirText()
    {
        var result = Pipeline.Process(Report());
        var text = result.Doc.Text;
        Assert.NotEmpty(result.Events);
        foreach (var record in result.Events)
        {
            var ev = record.Event;
            Assert.Equal(ev.TriggerText, ev.Trigger.Of(text));
            foreach (var actor in new[] { ev.Source, ev.Target })
            {
                if (actor is not null)
                {
                    Assert.Equal(actor.Text, actor.Span.Of(text));
                }
            }
        }
    }

    [Fact]
    public void SameInputGivesTheSameEventsInTheSameOrder()
    {
        var article = Report();
        string Json(ArticleResult r) => string.Join("\n", StoredEvents.FromResult(r).Select(JsonlExporter.ToJson));
        var first = Json(Pipeline.Process(article));
        var second = Json(SitrepPipeline.Load().Process(article));
        Assert.Equal(first, second);
        Assert.Contains("\"id\":\"ev-", first, StringComparison.Ordinal);
    }
}
