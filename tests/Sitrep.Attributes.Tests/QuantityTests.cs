namespace Sitrep.Attributes.Tests;

public sealed class QuantityTests
{
    private static List<QuantityMention> Quantities(string text)
    {
        var doc = TestDocs.Make(text);
        return QuantityExtractor.Extract(doc, DateExtractor.Extract(doc, new DateOnly(2023, 3, 13)));
    }

    [Theory]
    [InlineData("The order led to about 1,200 arrests.", "about 1,200", 1200L, 1200L, "approximate", "arrested")]
    [InlineData("Russia has lost over 159,000 military personnel in the war.", "over 159,000", 159000L, null, "at_least", "killed")]
    [InlineData("Officials said between 1,500 and 3,000 people fled the city.", "between 1,500 and 3,000", 1500L, 3000L, "range", "displaced")]
    [InlineData("Dozens of protesters were detained.", "Dozens", 24L, 99L, "vague", "protesters")]
    [InlineData("The army lost a total of 159,090 military personnel in combat.", "a total of 159,090", 159090L, 159090L, "exact", "killed")]
    [InlineData("The mobilization would call up 300,000 Russian reservists.", "300,000", 300000L, 300000L, "exact", "mobilized")]
    [InlineData("The figure includes 1,090 soldiers who were killed over the past day.", "1,090", 1090L, 1090L, "exact", "killed")]
    [InlineData("They stormed the trench against 100 heavily armed enemy men.", "100", 100L, 100L, "exact", "personnel")]
    [InlineData("Gunmen attacked a hotel in Somalia, killing at least 5 people.", "at least 5", 5L, null, "at_least", "killed")]
    [InlineData("Twenty-five people were wounded in the blast.", "Twenty-five", 25L, 25L, "exact", "wounded")]
    [InlineData("Three hundred villagers remain missing.", "Three hundred", 300L, 300L, "exact", "missing")]
    [InlineData("Rebels kidnapped 279 schoolgirls.", "279", 279L, 279L, "exact", "captured")]
    public void ParsesAndTypesCounts(string text, string surface, long? low, long? high, string precision, string category)
    {
        var q = Assert.Single(Quantities(text)).Quantity;
        Assert.Equal(surface, q.Text);
        Assert.Equal(low, q.Low);
        Assert.Equal(high, q.High);
        Assert.Equal(precision, q.Precision);
        Assert.Equal(category, q.Category);
    }

    [Fact]
    public void FiveAtATimeIsAGroupSize()
    {
        var q = Assert.Single(Quantities("Our men are being sent to storm fortified areas, five at a time."), x => x.Quantity.Low == 5).Quantity;
        Assert.Equal("at a time", q.Counted);
    }

    [Theory]
    [InlineData("The soldiers were promised two weeks of training.")]
    [InlineData("Prices rose 12% in 2022, costing $300 million.")]
    [InlineData("A 25-year-old man was questioned.")]
    [InlineData("One woman said the men were exhausted.")]
    [InlineData("The sign read: 580 Separate Howitzer Artillery Division, March 11, 2023.")]
    public void NotCounts(string text) => Assert.Empty(Quantities(text));

    [Fact]
    public void QuantityAttachesToItsEventOrBecomesAFigure()
    {
        var doc = TestDocs.Make("The order sparked rare protests across the country and led to about 1,200 arrests, per the Associated Press. Moscow's army lost a total of 159,090 military personnel in combat.");
        var r = TestDocs.Annotator.Annotate(doc, [TestDocs.Event(doc, "arrests", "173")]);
        var q = Assert.Single(r.Events[0].Attributes.Quantities);
        Assert.Equal(1200, q.Low);
        var fig = Assert.Single(r.Figures);
        Assert.Equal(159090, fig.Quantity.Low);
        Assert.Equal("RUSMIL", fig.Victims!.Code);
        Assert.True(fig.Cumulative);
    }

    [Fact]
    public void RealVoaSentences()
    {
        // VOA 8008152: "Somali forces kill 50 militants in airstrikes after ending hotel siege"
        var q = Assert.Single(Quantities("Somali forces killed 50 militants in airstrikes after ending the hotel siege.")).Quantity;
        Assert.Equal(("killed", 50L), (q.Category, q.Low!.Value));
        // VOA 8007760: "Pakistani military rescues nearly 200 passengers after train attack"
        var p = Assert.Single(Quantities("The Pakistani military rescued nearly 200 passengers after the train attack.")).Quantity;
        Assert.Equal(("approximate", 200L), (p.Precision, p.Low!.Value));
    }
}

public sealed class QuantityThingTests
{
    [Fact]
    public void CountsOfPlacesOrIncidentsAreNotPeople()
    {
        var doc = TestDocs.Make("The mobilization triggered protests in dozens of cities. The BLA killed nearly 400 people in over 500 attacks.");
        var qs = QuantityExtractor.Extract(doc, DateExtractor.Extract(doc, new DateOnly(2025, 3, 14)));
        Assert.Equal("other", Assert.Single(qs, q => q.Quantity.Text == "dozens").Quantity.Category);
        Assert.Equal("other", Assert.Single(qs, q => q.Quantity.Text == "over 500").Quantity.Category);
        Assert.Equal("killed", Assert.Single(qs, q => q.Quantity.Text == "nearly 400").Quantity.Category);
    }
}
