using Sitrep.Attributes;
using Sitrep.Store.Export;
using Sitrep.Text;

namespace Sitrep.Store.Tests;

/// <summary>
/// Behaviour both backends must share. Each test class calls these with its own store factory,
/// so SQLite and PostgreSQL are held to exactly the same assertions.
/// </summary>
public static class StoreContract
{
    public static List<ArticleResult> SampleBatch() => SampleResults.Stories.Select(SampleResults.Build).ToList();

    public static void AddsFlagsFoundAfterWriting(Func<IEventStore> open)
    {
        var results = SampleBatch();
        using var store = open();
        store.Write(results);
        var (a, b) = (results[0].Doc.Article.Id, results[1].Doc.Article.Id);
        var before = store.Flags(a).Count;
        var cross = new Flag("flag-x1", "cross_article_figure", a, new TextSpan(0, 4), results[0].Doc.Text[..4], b, new TextSpan(5, 9),
            results[1].Doc.Text[5..9], "test: figures disagree");
        var orphan = cross with { Id = "flag-x2", ArticleId = "no-such-article" };
        Assert.Equal(1, store.AddFlags([cross, orphan]));
        Assert.Equal(0, store.AddFlags([cross]));
        var flags = store.Flags(a);
        Assert.Equal(before + 1, flags.Count);
        Assert.Equal(cross, flags[^1]);
    }

    public static void RoundTripsEveryField(Func<IEventStore> open)
    {
        var results = SampleBatch();
        using var store = open();
        var summary = store.Write(results);
        Assert.Equal(results.Count, summary.Stored);
        var expectedEvents = results.Sum(r => r.Events.Count);
        Assert.True(expectedEvents > 20, $"sample should have many events, has {expectedEvents}");
        Assert.Equal(expectedEvents, summary.Events);

        var stored = store.Events(new EventQuery()).ToList();
        Assert.Equal(expectedEvents, stored.Count);
        var byKey = stored.ToDictionary(e => (e.ArticleId, e.Id));
        foreach (var result in results)
        {
            var article = result.Doc.Article;
            foreach (var record in result.Events)
            {
                var got = byKey[(article.Id, record.Event.Id)];
                // Same JSON for the stored record and the written one = every field round-trips,
                // including nested attribution chains, reported_by lists and date reasons.
                Assert.Equal(JsonlExporter.ToJson(got with { Record = record }), JsonlExporter.ToJson(got));
                var sentence = result.Doc.Sentences[record.Event.Sentence];
                Assert.Equal(article.Text[sentence.Start..sentence.End], got.SentenceText);
                Assert.Equal(article.Metadata.Url, got.Url);
                Assert.Equal(article.Published, got.Published);
                Assert.Equal(record.Attributes.When?.Start ?? DateOnly.FromDateTime(article.Published!.Value.UtcDateTime), got.EventDate);
            }
            var a = store.Article(article.Id)!;
            Assert.Equal(article.Text, a.Text);
            Assert.Equal(article.ContentHash, a.ContentHash);
            Assert.Equal(article.Title, a.Title);
            Assert.Equal(result.Doc.Sentences.Length, a.Sentences);
            Assert.Equal(result.Doc.Tokens.Length, a.Tokens);

            var figures = store.Figures(article.Id);
            Assert.Equal(result.Figures.Count, figures.Count);
            for (var i = 0; i < figures.Count; i++)
            {
                Assert.Equal(result.Figures[i].Quantity, figures[i].Quantity);
                Assert.Equal(result.Figures[i].Victims?.Text, figures[i].Victims?.Text);
                Assert.Equal(result.Figures[i].AsOf?.Start, figures[i].AsOf?.Start);
                Assert.Equal(result.Figures[i].Attributions.Count, figures[i].Attributions.Count);
            }
            var flags = store.Flags(article.Id);
            Assert.Equal(result.Flags, flags);
        }
        // The nested attribution ("according to" around "said") must come back as a chain.
        Assert.Contains(stored, e => e.Record.Attributes.Attributions.Any(x => x.Within is not null));
    }

    public static void IngestIsIdempotentAndReplacesChangedArticles(Func<IEventStore> open)
    {
        var results = SampleBatch();
        using var store = open();
        store.Write(results);
        var before = store.Stats(10);

        var again = store.Write(results);
        Assert.Equal(0, again.Stored);
        Assert.Equal(results.Count, again.Unchanged);
        var after = store.Stats(10);
        Assert.Equal(before.Events, after.Events);
        Assert.Equal(before.Articles, after.Articles);
        Assert.Equal(before.Figures, after.Figures);

        // Same id, changed text: all of its old rows go, the new ones come in.
        var original = results[0].Doc.Article;
        var changed = Article.Create(original.Id, original.Title, "Russia launched an airstrike on Kyiv on Monday, officials said 3 people were killed.",
            original.Metadata);
        var changedResult = SampleResults.Build(changed);
        var replace = store.Write([changedResult]);
        Assert.Equal(1, replace.Replaced);
        var events = store.Events(new EventQuery { ArticleId = original.Id }).ToList();
        Assert.Equal(changedResult.Events.Select(e => e.Event.Id).Order(), events.Select(e => e.Id).Order());
        Assert.All(events, e => Assert.Contains(e.SentenceText, changed.Text));
        Assert.Equal(changed.Text, store.Article(original.Id)!.Text);
        Assert.Equal(changedResult.Figures.Count, store.Figures(original.Id).Count);
        Assert.Equal(before.Events - results[0].Events.Count + changedResult.Events.Count, store.Stats(10).Events);
        Assert.True(store.Contains(original.Id, changed.ContentHash));
        Assert.False(store.Contains(original.Id, original.ContentHash));
    }

    public static void FiltersSelectTheRightEvents(Func<IEventStore> open)
    {
        var results = SampleBatch();
        using var store = open();
        store.Write(results);
        var all = results.SelectMany(r => r.Events).ToList();

        int Count(EventQuery q) => store.Events(q).Count();

        Assert.Equal(all.Count(e => e.Event.PloverType == "ASSAULT"), Count(new EventQuery { PloverType = "assault" }));
        Assert.Equal(all.Count(e => e.Event.CameoCode.StartsWith("19", StringComparison.Ordinal)), Count(new EventQuery { CameoPrefix = "19" }));
        Assert.Equal(all.Count(e => e.Event.CameoCode.StartsWith("087", StringComparison.Ordinal)), Count(new EventQuery { CameoPrefix = "087" }));
        Assert.Equal(all.Count(e => e.Event.Source?.Code?.StartsWith("RUS", StringComparison.Ordinal) == true || e.Event.Target?.Code?.StartsWith("RUS", StringComparison.Ordinal) == true),
            Count(new EventQuery { Actor = "rus" }));
        Assert.Equal(all.Count(e => e.Attributes.Where?.Country == "UKR" || e.Event.Source?.Country == "UKR" || e.Event.Target?.Country == "UKR"),
            Count(new EventQuery { Country = "UKR" }));
        Assert.Equal(all.Count(e => e.Attributes.Where?.Name.Contains("Iraq", StringComparison.OrdinalIgnoreCase) == true || e.Attributes.Where?.Country == "IRAQ"),
            Count(new EventQuery { Location = "iraq" }));
        Assert.Equal(all.Count(e => e.Attributes.Certainty == Certainty.Reported), Count(new EventQuery { Certainty = "reported" }));
        Assert.True(Count(new EventQuery { Certainty = "reported" }) > 0);
        var sentences = results.SelectMany(r => r.Events.Select(e =>
        {
            var s = r.Doc.Sentences[e.Event.Sentence];
            return r.Doc.Text[s.Start..s.End];
        })).ToList();
        Assert.Equal(sentences.Count(s => s.Contains("ceasefire", StringComparison.OrdinalIgnoreCase)), Count(new EventQuery { Text = "CEASEFIRE" }));
        Assert.Equal(results[1].Events.Count, Count(new EventQuery { ArticleId = results[1].Doc.Article.Id }));
        Assert.Equal(5, Count(new EventQuery { Limit = 5 }));

        var friday = new DateOnly(2025, 3, 14);
        var onFriday = store.Events(new EventQuery { From = friday, To = friday }).ToList();
        Assert.NotEmpty(onFriday);
        Assert.All(onFriday, e => Assert.Equal(friday, e.EventDate));
        Assert.Equal(all.Count, Count(new EventQuery { From = new DateOnly(2025, 3, 1), To = new DateOnly(2025, 3, 31) }));

        // Combined filters are ANDed.
        Assert.Equal(all.Count(e => e.Event.PloverType == "ASSAULT" && e.Attributes.Certainty == Certainty.Reported),
            Count(new EventQuery { PloverType = "ASSAULT", Certainty = "reported" }));

        // Values are parameters, LIKE wildcards in them are literal: nothing matches, nothing breaks.
        Assert.Equal(0, Count(new EventQuery { Text = "'; DROP TABLE events; --" }));
        Assert.Equal(sentences.Count(x => x.Contains('%')), Count(new EventQuery { Text = "%" }));
        Assert.Equal(0, Count(new EventQuery { Text = "%%" }));
        Assert.Equal(0, Count(new EventQuery { CameoPrefix = "_9" }));
        Assert.Equal(0, Count(new EventQuery { Actor = "' OR 1=1 --" }));
        Assert.Equal(all.Count, Count(new EventQuery()));
    }

    public static void PagesThroughManyEventsInStableOrder(Func<IEventStore> open)
    {
        using var store = open();
        var batch = new List<ArticleResult>();
        for (var i = 0; i < 160; i++)
        {
            batch.Add(SampleResults.Build(SampleResults.Copy(SampleResults.Stories[i % 6], $"page-{i:D3}")));
        }
        store.Write(batch);
        var expected = batch.Sum(r => r.Events.Count);
        Assert.True(expected > 1000, $"need more than two pages, have {expected}");
        var events = store.Events(new EventQuery()).ToList();
        Assert.Equal(expected, events.Count);
        Assert.Equal(expected, events.Select(e => (e.ArticleId, e.Id)).Distinct().Count());
        var keys = events.Select(e => (e.EventDate?.ToString("yyyy-MM-dd") ?? "", e.ArticleId)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.ArticleId, StringComparer.Ordinal).ToList(), keys);
        Assert.Equal(700, store.Events(new EventQuery { Limit = 700 }).Count());
    }

    public static void CountsStats(Func<IEventStore> open)
    {
        var results = SampleBatch();
        using var store = open();
        store.Write(results);
        var stats = store.Stats(50);
        Assert.Equal(results.Count, stats.Articles);
        Assert.Equal(results.Sum(r => r.Doc.Sentences.Length), stats.Sentences);
        Assert.Equal(results.Sum(r => r.Events.Count), stats.Events);
        Assert.Equal(results.Sum(r => r.Figures.Count), stats.Figures);
        Assert.Equal(results.Sum(r => r.Flags.Count), stats.Flags);
        var byType = results.SelectMany(r => r.Events).GroupBy(e => e.Event.PloverType).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(byType.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).ToList(), stats.ByPloverType);
        Assert.Equal([new("VOA", results.Count)], stats.ByOutlet);
        Assert.Equal(stats.Events, stats.ByCertainty.Sum(x => x.Value));
        Assert.Equal(stats.Events, stats.ByCountry.Sum(x => x.Value));
        Assert.Equal("2025-03", Assert.Single(stats.ByMonth).Key);

        // Months: the latest ones, oldest first.
        var older = SampleResults.Stories[0];
        var january = Article.Create("old-1", older.Title, "Russia and Ukraine held talks on Monday.",
            older.Metadata with { Published = new DateTimeOffset(2025, 1, 20, 9, 0, 0, TimeSpan.Zero) });
        var february = Article.Create("old-2", older.Title, "Russia and Ukraine held talks on Monday.",
            older.Metadata with { Published = new DateTimeOffset(2025, 2, 17, 9, 0, 0, TimeSpan.Zero) });
        store.Write([SampleResults.Build(january), SampleResults.Build(february)]);
        Assert.Equal(["2025-02", "2025-03"], store.Stats(2).ByMonth.Select(m => m.Key));
        Assert.Equal(["2025-01", "2025-02", "2025-03"], store.Stats(5).ByMonth.Select(m => m.Key));
    }

    public static void RefusesNewerSchema(Func<IEventStore> open, Action<int> setVersion)
    {
        using (var store = open())
        {
            store.Write(SampleBatch().Take(1).ToList());
            Assert.Equal(Schema.Current, store.SchemaVersion);
        }
        setVersion(Schema.Current + 1);
        var e = Assert.Throws<StoreException>(() => open().Dispose());
        Assert.Contains($"schema version {Schema.Current + 1}", e.Message);
        Assert.Contains("newer", e.Message);
    }
}
