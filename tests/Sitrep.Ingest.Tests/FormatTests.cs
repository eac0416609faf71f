using Sitrep.Text;

namespace Sitrep.Ingest.Tests;

public sealed class FormatTests
{
    [Fact]
    public void JsonlSampleYieldsEveryStoryWithItsMetadata()
    {
        var items = Fixture.Read("samples/voa-sample.jsonl");
        Assert.Empty(items.Errors());
        var articles = items.Articles();
        Assert.Equal(25, articles.Count);
        var first = articles[0];
        Assert.Equal("8011115", first.Id);
        Assert.Equal("Iraq says key Islamic State leader is dead", first.Title);
        Assert.StartsWith("Iraq says key Islamic State leader is dead\n\nOne of the Islamic State terror group's", first.Text);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 20, 30, 26, TimeSpan.Zero), first.Published);
        Assert.Equal("https://www.voanews.com/a/iraq-says-key-islamic-state-leader-is-dead/8011115.html", first.Metadata.Url);
        Assert.EndsWith("voa-sample.jsonl:1", first.Metadata.Origin);
        Assert.Equal(25, items.OfType<ArticleItem>().Select(i => i.Line).Distinct().Count());
    }

    [Fact]
    public void PlainTextTakesTheHeadlineBeforeABlankLineAsTitle()
    {
        var options = new IngestOptions { Published = new DateTimeOffset(2025, 3, 11, 0, 0, 0, TimeSpan.Zero), Outlet = "VOA" };
        var article = Assert.Single(Fixture.Read("voa-story.txt", options).Articles());
        Assert.Equal("Gunmen attack hotel in Somalia, killing at least 5", article.Title);
        Assert.StartsWith("Gunmen attack hotel in Somalia, killing at least 5\n\n", article.Text);
        Assert.Equal(article.Title!.Length + 2, article.BodyStart);
        Assert.Equal("VOA", article.Metadata.Outlet);
        Assert.Equal(options.Published, article.Published);
        Assert.Equal(Article.ContentId(article.Text), article.Id);
    }

    [Fact]
    public void PlainTextTitleModeNoneKeepsEverythingAsBody()
    {
        var article = Assert.Single(Fixture.Read("voa-story.txt", new IngestOptions { Title = TitleMode.None, Id = "somalia" }).Articles());
        Assert.Null(article.Title);
        Assert.Equal(0, article.BodyStart);
        Assert.Equal("somalia", article.Id);
        Assert.StartsWith("Gunmen attack hotel", article.Text);
    }

    [Fact]
    public void HtmlPageGivesMainTextAndJsonLdMetadata()
    {
        var items = Fixture.Read("voa-article.html");
        Assert.DoesNotContain(items.Errors(), e => e.IsError);
        var article = Assert.Single(items.Articles());
        Assert.Equal("Somali forces kill 50 militants in airstrikes after ending hotel siege", article.Title);
        Assert.Equal("https://www.voanews.com/a/somali-forces-kill-50-militants-in-airstrikes-after-ending-hotel-siege/8008152.html", article.Metadata.Url);
        Assert.Equal("Voice of America", article.Metadata.Outlet);
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 17, 57, 12, TimeSpan.Zero).Date, article.Published!.Value.UtcDateTime.Date);
        var body = article.Body.ToString();
        Assert.StartsWith("Security forces in Somalia say they killed all six attackers", body);
        Assert.Contains("\n\n", body);
        Assert.DoesNotContain("Other story one", body);
        Assert.DoesNotContain("analytics", body);
        Assert.DoesNotContain("<p>", body);
    }

    [Fact]
    public void HtmlDeclaredWindows1252IsDecoded()
    {
        var items = Fixture.Read("windows-1252.html");
        Assert.Empty(items.Errors());
        var article = Assert.Single(items.Articles());
        Assert.Contains("Café owners in Yangon — “we are afraid” — closed early.", article.Text);
        Assert.Contains("Guterres’ spokesman", article.Text);
        Assert.DoesNotContain('\uFFFD', article.Text);
        Assert.Equal("UN Chief: Killing of Myanmar Protesters 'Utterly Unacceptable'", article.Title);
        Assert.Equal(new DateTimeOffset(2021, 3, 19, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(article.Published!.Value.UtcDateTime.Date, TimeSpan.Zero));
        Assert.StartsWith("https://www.voanews.com/", article.Metadata.Url);
    }

    [Fact]
    public void Rss2ItemsBecomeArticlesWithHtmlStripped()
    {
        var items = Fixture.Read("voa-feed.rss");
        Assert.Empty(items.Errors());
        var articles = items.Articles();
        Assert.Equal(["voa-8011115", "voa-8006503", "voa-8009004"], articles.Select(a => a.Id));
        var a = articles[0];
        Assert.Equal("Iraq says key Islamic State leader is dead", a.Title);
        Assert.Equal("VOA News: conflict desk (sample)", a.Metadata.Outlet);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 20, 30, 26, TimeSpan.Zero), a.Published);
        Assert.StartsWith("One of the Islamic State terror group's most senior leaders is dead", a.Body.ToString());
        Assert.Contains("\n\n", a.Body.ToString());
        Assert.DoesNotContain("<", a.Text);
        Assert.DoesNotContain("&lt;", a.Text);
        Assert.EndsWith("voa-feed.rss#1", a.Metadata.Origin);
    }

    [Fact]
    public void Rss1RdfItemsAreRead()
    {
        var articles = Fixture.Read("voa-feed.rdf").Articles();
        Assert.Equal(2, articles.Count);
        Assert.Equal("IS in Sahel expands terror threat beyond strongholds", articles[0].Title);
        Assert.Equal("VOA Africa (RSS 1.0 sample)", articles[0].Metadata.Outlet);
        Assert.Equal(2025, articles[0].Published!.Value.Year);
        Assert.Equal(articles[0].Metadata.Url, articles[0].Id);
    }

    [Fact]
    public void AtomEntriesUsePublishedThenUpdatedAndStripHtmlAndXhtml()
    {
        var items = Fixture.Read("voa-feed.atom");
        Assert.Empty(items.Errors());
        var articles = items.Articles();
        Assert.Equal(2, articles.Count);
        Assert.Equal("G7 urges Russia to accept ceasefire or face further sanctions", articles[0].Title);
        Assert.Equal(14, articles[0].Published!.Value.Day);
        Assert.Equal("VOA World (Atom sample)", articles[0].Metadata.Outlet);
        Assert.Equal(new DateTimeOffset(2024, 6, 28, 0, 0, 0, TimeSpan.Zero).Date, articles[1].Published!.Value.UtcDateTime.Date);
        Assert.StartsWith("US, allies warn of North Korea-Russia military cooperation\n\n", articles[1].Text);
        Assert.DoesNotContain("<", articles[1].Text);
        Assert.Contains("\n\n", articles[1].Body.ToString());
    }

    [Fact]
    public void FormatIsSniffedWhenTheNameSaysNothing()
    {
        using var rss = File.OpenRead(Fixture.Path_("voa-feed.rss"));
        Assert.Equal(3, InputReader.ReadStream(rss, InputReader.StdinName).Articles().Count);
        using var jsonl = File.OpenRead(Fixture.Path_("samples/voa-sample.jsonl"));
        Assert.Equal(25, InputReader.ReadStream(jsonl, InputReader.StdinName).Articles().Count);
        using var html = File.OpenRead(Fixture.Path_("voa-article.html"));
        Assert.Equal("Voice of America", Assert.Single(InputReader.ReadStream(html, "page").Articles()).Metadata.Outlet);
        using var text = File.OpenRead(Fixture.Path_("voa-story.txt"));
        Assert.StartsWith("Gunmen attack hotel", Assert.Single(InputReader.ReadStream(text, "story").Articles()).Title);
    }

    [Fact]
    public void JsonlFieldNamesCanBeRemapped()
    {
        var line = """{"doc": "a1", "content": "Rebels shelled the town on Monday.", "meta": {"when": "Mon, 13 Mar 2023 10:00:00 +0100"}, "source": {"name": "Example Wire"}}""" + "\n";
        var options = new IngestOptions
        {
            Fields = new Dictionary<ArticleField, string> { [ArticleField.Id] = "doc", [ArticleField.Text] = "content", [ArticleField.Published] = "meta.when" },
        };
        var article = Assert.Single(InputReader.ReadStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(line)), "x.jsonl", options).Articles());
        Assert.Equal("a1", article.Id);
        Assert.Equal("Rebels shelled the town on Monday.", article.Text);
        Assert.Equal(new DateTimeOffset(2023, 3, 13, 10, 0, 0, TimeSpan.FromHours(1)), article.Published);
        Assert.Equal("Example Wire", article.Metadata.Outlet);
    }

    [Fact]
    public void GzippedJsonlIsDecompressed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sitrep-{Guid.NewGuid():N}.jsonl.gz");
        try
        {
            using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            {
                using var src = File.OpenRead(Fixture.Path_("samples/voa-sample.jsonl"));
                src.CopyTo(gz);
            }
            Assert.Equal(25, InputReader.Read([path]).Articles().Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SameInputGivesSameIdsAndTexts()
    {
        var a = Fixture.Read("voa-feed.rss").Articles();
        var b = Fixture.Read("voa-feed.rss").Articles();
        Assert.Equal(a.Select(x => (x.Id, x.Text)), b.Select(x => (x.Id, x.Text)));
    }

    [Fact]
    public void JsonArrayAndPrettyPrintedObjectAreJsonDocuments()
    {
        var array = """[{"id": "a", "text": "Troops withdrew."}, {"id": "b", "text": "Talks resumed."}, {"id": "c"}]""";
        var items = InputReader.ReadStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(array)), "x.json").ToList();
        Assert.Equal(["a", "b"], items.Articles().Select(a => a.Id));
        Assert.EndsWith("x.json#2", items.Articles()[1].Metadata.Origin);
        Assert.StartsWith("element 3: no text field", Assert.Single(items.Errors()).Message);

        var pretty = "{\n  \"id\": \"p\",\n  \"title\": \"Ceasefire holds\",\n  \"body\": \"The truce held overnight.\"\n}\n";
        var article = Assert.Single(InputReader.ReadStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(pretty)), InputReader.StdinName).Articles());
        Assert.Equal("Ceasefire holds\n\nThe truce held overnight.", article.Text);
    }

    [Fact]
    public void EncodingOptionReadsLegacyTextWithoutWarnings()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("Caf\u00e9 owners protested in Bogot\u00e1.");
        var options = new IngestOptions { Encoding = EncodingNames.Resolve("windows-1252", out var known) };
        Assert.True(known);
        var items = InputReader.ReadStream(new MemoryStream(bytes), "legacy.txt", options).ToList();
        Assert.Empty(items.Errors());
        Assert.Equal("Caf\u00e9 owners protested in Bogot\u00e1.", Assert.Single(items.Articles()).Text);

        var asUtf8 = InputReader.ReadStream(new MemoryStream(bytes), "legacy.txt").ToList();
        Assert.Equal(3, Assert.Single(asUtf8.Errors()).ByteOffset);
    }

    [Fact]
    public void HtmlTitleWithoutMetaTagsDropsTheSiteSuffix()
    {
        var html = "<html><head><title>Rebels seize border town | Example News</title></head><body><article><h1>Rebels seize border town</h1>"
            + string.Concat(Enumerable.Repeat("<p>Rebel fighters took control of the border town on Sunday after two days of clashes with government troops, residents said by telephone.</p>", 4))
            + "</article></body></html>";
        var article = Assert.Single(InputReader.ReadStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(html)), "page.html").Articles());
        Assert.Equal("Rebels seize border town", article.Title);
        Assert.StartsWith("Rebel fighters took control", article.Body.ToString());
    }

    [Fact]
    public void JsonLdInsideGraphBeatsMetaTags()
    {
        var html = """
            <html><head><title>Ignored | Site</title>
            <meta property="article:published_time" content="2020-01-01T00:00:00Z">
            <meta property="og:url" content="https://news.example.org/world/ceasefire">
            <link rel="canonical" href="/world/ceasefire-collapses">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example"},
              {"@type":["NewsArticle"],"headline":"Ceasefire collapses in the north&#039;s hills","datePublished":"2023-03-13T06:30:00+01:00",
               "publisher":{"@type":"Organization","name":"Example News"},"articleBody":"Shelling resumed at dawn, officials said."}]}</script>
            </head><body><p>Short.</p></body></html>
            """;
        var article = Assert.Single(InputReader.ReadStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(html)), "page.html").Articles());
        Assert.Equal("Ceasefire collapses in the north's hills", article.Title);
        Assert.Equal("https://news.example.org/world/ceasefire-collapses", article.Metadata.Url);
        Assert.Equal(new DateTimeOffset(2023, 3, 13, 6, 30, 0, TimeSpan.FromHours(1)), article.Published);
        Assert.Equal("Example News", article.Metadata.Outlet);
        Assert.Equal("Shelling resumed at dawn, officials said.", article.Body.ToString());
    }

    [Fact]
    public void RssContentEncodedInCdataIsPreferredToDescription()
    {
        var rss = """
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Wire</title>
            <item><title>Troops enter &amp; secure the city&nbsp;&mdash; officials</title><dc:date>2023-03-13T09:00:00Z</dc:date>
            <description>Teaser only.</description>
            <content:encoded><![CDATA[<p>Troops entered the city on Monday.</p><script>track()</script><p>Residents fled <b>south</b>.</p>]]></content:encoded>
            </item></channel></rss>
            """;
        var article = Assert.Single(InputReader.ReadStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(rss)), "wire.xml").Articles());
        Assert.Equal("Troops enter & secure the city — officials", article.Title);
        Assert.Equal("Troops entered the city on Monday.\n\nResidents fled south.", article.Body.ToString());
        Assert.Equal(new DateTimeOffset(2023, 3, 13, 9, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal("Wire", article.Metadata.Outlet);
    }

    [Fact]
    public void UrlsAreNotFetched()
    {
        var e = Assert.IsType<InputError>(Assert.Single(InputReader.Read(["https://www.voanews.com/a/8011115.html"])));
        Assert.Contains("not fetched", e.Message);
    }
}
