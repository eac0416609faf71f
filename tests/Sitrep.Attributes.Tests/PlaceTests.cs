namespace Sitrep.Attributes.Tests;

public sealed class PlaceTests
{
    private static List<PlaceMention> Places(string text) => PlaceExtractor.Extract(TestDocs.Make(text), Gazetteer.LoadDefault());

    [Fact]
    public void GazetteerIsCompactAndHasCountriesDivisionsCities()
    {
        var g = Gazetteer.LoadDefault();
        Assert.True(g.Count > 25_000, $"{g.Count} entries");
        Assert.Equal("GEO", g.Country("GEO")!.Country);
        Assert.Contains(g.Lookup("kiev"), e => e.Name == "Kyiv" && e.Country == "UKR" && e.Capital);
        Assert.Contains(g.Lookup("georgia"), e => e.Kind == 'A' && e.Country == "USA");
        var file = new FileInfo(Path.Combine(AppContext.BaseDirectory, "../../../../../data/gazetteer/gazetteer.tsv.gz"));
        Assert.True(file.Exists && file.Length < 3_000_000, "shipped gazetteer must stay under 3 MB");
    }

    [Fact]
    public void GeorgiaIsTheCountryAmongCountries()
    {
        var p = Places("The order led to an exodus of Russians to Dubai, Istanbul, Armenia, Kazakhstan, Georgia and Turkey.");
        var georgia = Assert.Single(p, x => x.Text == "Georgia");
        Assert.Equal("country", georgia.Entry.KindName);
        Assert.Equal("GEO", georgia.Entry.Country);
        Assert.Contains(p, x => x.Text == "Istanbul" && x.Entry.Country == "TUR");
        Assert.Contains(p, x => x.Text == "Dubai" && x.Entry.Country == "ARE");
    }

    [Fact]
    public void GeorgiaIsTheStateInAnAmericanArticle()
    {
        var p = Places("Storms hit Atlanta and Savannah on Monday. Officials in Georgia said power was restored.");
        var georgia = Assert.Single(p, x => x.Text == "Georgia");
        Assert.Equal("admin1", georgia.Entry.KindName);
        Assert.Equal("USA", georgia.Entry.Country);
    }

    [Fact]
    public void CommonWordsAndNamesAreNotPlaces()
    {
        var p = Places("Police said President Jackson will march with the Mobile unit in March.");
        Assert.DoesNotContain(p, x => x.Text is "Police" or "Jackson" or "Mobile" or "March");
    }

    [Fact]
    public void RealVoaSentences()
    {
        // VOA 8006651: militants attacked a train in Pakistan's Balochistan province.
        var p = Places("Militants attacked a passenger train in southwestern Pakistan's Balochistan province on Tuesday, taking hostages, officials in Quetta said.");
        Assert.Contains(p, x => x.Text == "Pakistan" && x.Entry.Country == "PAK");
        Assert.Contains(p, x => x.Text == "Balochistan" && x.Entry.KindName == "admin1");
        Assert.Contains(p, x => x.Text == "Quetta" && x.Entry.KindName == "city" && x.Locative);
        // VOA 8011115: "... his location in Iraq's Anbar desert."
        var q = Places("Iraqi special forces said al-Rufay’i was killed Thursday in an airstrike targeting his location in Iraq’s Anbar desert.");
        Assert.Contains(q, x => x.Text == "Iraq" && x.Entry.Country == "IRQ");
    }

    [Fact]
    public void EventPlaceFromLocativeElseArticle()
    {
        var doc = TestDocs.Make("Gunmen attacked a hotel in Mogadishu on Tuesday. Somalia's president condemned the attack.");
        var r = TestDocs.Annotator.Annotate(doc, [TestDocs.Event(doc, "attacked", "180"), TestDocs.Event(doc, "condemned", "122")]);
        var where = r.Events[0].Attributes.Where!;
        Assert.Equal("Mogadishu", where.Name);
        Assert.Equal("SOM", where.Country);
        Assert.Equal("sentence", where.AttachedBy);
        Assert.NotNull(where.Latitude);
        Assert.Equal("article", r.Events[1].Attributes.Where!.AttachedBy);
        Assert.Equal("SOM", r.Events[1].Attributes.Where!.Country);
    }

    [Fact]
    public void MovementDestinationIsThePlace()
    {
        var doc = TestDocs.Make("Officials met in Helsinki on Monday. Russian troops moved to Kursk on Tuesday, and Ukraine pledged support to Poland.");
        var r = TestDocs.Annotator.Annotate(doc, [TestDocs.Event(doc, "moved", "154"), TestDocs.Event(doc, "pledged", "030")]);
        Assert.Equal("Kursk", r.Events[0].Attributes.Where!.Name);
        // A recipient is not a place: "pledged support to Poland" stays with the article's place.
        Assert.NotEqual("Poland", r.Events[1].Attributes.Where?.Name);
    }

    [Fact]
    public void ASpeakingCapitalIsNotTheArticlesPlace()
    {
        var doc = TestDocs.Make("Moscow says Ukrainian drones attacked an oil depot. Kyiv denied any role.");
        var r = TestDocs.Annotator.Annotate(doc, [TestDocs.Event(doc, "attacked", "190")]);
        Assert.Null(r.Events[0].Attributes.Where);
    }
}
