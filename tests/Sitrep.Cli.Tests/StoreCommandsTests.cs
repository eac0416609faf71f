using System.Text.Json;
using Sitrep.Store;
using Sitrep.Store.Tests;

namespace Sitrep.Cli.Tests;

/// <summary>ingest, export, show and stats through Program.Main, on files in a temp directory.</summary>
public sealed class StoreCommandsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sitrep-store-cli-").FullName;

    private string PathOf(string name) => Path.Combine(dir, name);

    /// <summary>A database holding the sample results of the six VOA fixture stories.</summary>
    private string SampleDb()
    {
        var db = PathOf("sample.db");
        using var store = EventStore.Open(db);
        store.Write(SampleResults.Stories.Select(SampleResults.Build).ToList());
        return db;
    }

    [Fact]
    public void IngestStoresEachArticleOnceAcrossRuns()
    {
        var input = PathOf("in.jsonl");
        using (var resource = typeof(SampleResults).Assembly.GetManifestResourceStream("voa_sample.jsonl")!)
        using (var file = File.Create(input))
        {
            resource.CopyTo(file);
        }
        var db = PathOf("ingest.db");
        Assert.Equal(0, Program.Main(["ingest", input, "--db", db]));
        Assert.Equal(0, Program.Main(["ingest", input, "--db", db, "--batch", "2"]));
        using var store = EventStore.Open(db, readOnly: true);
        var stats = store.Stats(5);
        Assert.Equal(6, stats.Articles);
        Assert.True(stats.Sentences > 100, $"{stats.Sentences} sentences");
        var article = store.Article("8011115")!;
        Assert.StartsWith("Iraq says key Islamic State leader is dead\n\nOne of the Islamic State", article.Text);
        Assert.Equal("https://www.voanews.com/a/iraq-says-key-islamic-state-leader-is-dead/8011115.html", article.Url);
    }

    [Fact]
    public void IngestReportsBadLinesAndExitsWithOne()
    {
        var input = PathOf("bad.jsonl");
        File.WriteAllLines(input, ["{\"id\": \"a1\", \"title\": \"Talks\", \"text\": \"Russia and Ukraine held talks in Istanbul.\"}", "{not json", "{\"id\": \"a2\"}"]);
        var db = PathOf("bad.db");
        Assert.Equal(1, Program.Main(["ingest", input, "--db", db]));
        using var store = EventStore.Open(db, readOnly: true);
        Assert.Equal(1, store.Stats(1).Articles);
    }

    [Fact]
    public void ExportWritesEachFormatWithFilters()
    {
        var db = SampleDb();
        using var store = EventStore.Open(db, readOnly: true);
        var assaults = store.Events(new EventQuery { PloverType = "ASSAULT" }).ToList();
        Assert.NotEmpty(assaults);

        var gdelt = PathOf("assault.tsv");
        Assert.Equal(0, Program.Main(["export", "--format", "gdelt", "--type", "assault", "--out", gdelt, "--db", db]));
        var lines = File.ReadAllLines(gdelt);
        Assert.Equal(assaults.Count, lines.Length);
        Assert.All(lines, l => Assert.Equal(61, l.Split('\t').Length));
        Assert.All(lines, l => Assert.StartsWith("19", l.Split('\t')[26]));
        Assert.False(File.Exists(gdelt + ".partial"));

        var plover = PathOf("iraq.jsonl");
        Assert.Equal(0, Program.Main(["export", "--format", "plover", "--country", "IRQ", "--from", "2025-03-14", "--out", plover, "--db", db]));
        var records = File.ReadAllLines(plover).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("2025-03-14", r.GetProperty("date").GetString()));

        var parquet = PathOf("all.parquet");
        Assert.Equal(0, Program.Main(["export", "--format", "parquet", "--out", parquet, "--db", db]));
        Assert.Equal("PAR1", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(parquet)[..4]));

        var csv = PathOf("limited.csv");
        Assert.Equal(0, Program.Main(["export", "--format", "csv", "--limit", "3", "--out", csv, "--db", db]));
        Assert.Equal(4, File.ReadAllLines(csv).Length);
    }

    [Fact]
    public void BadArgumentsAndMissingThingsGiveExitCodes()
    {
        var db = SampleDb();
        Assert.Equal(2, Program.Main(["query", "--from", "14/03/2025", "--db", db]));
        Assert.Equal(2, Program.Main(["query", "--limit", "0", "--db", db]));
        Assert.NotEqual(0, Program.Main(["export", "--format", "xml", "--db", db]));
        Assert.Equal(1, Program.Main(["show", "no-such-id", "--db", db]));
        Assert.Equal(1, Program.Main(["stats", "--db", PathOf("missing.db")]));
        Assert.False(File.Exists(PathOf("missing.db")));
        Assert.Equal(0, Program.Main(["stats", "--db", db]));
        string eventId;
        using (var store = EventStore.Open(db, readOnly: true))
        {
            eventId = store.Events(new EventQuery { Limit = 1 }).Single().Id;
        }
        Assert.Equal(0, Program.Main(["show", eventId, "--db", db]));
        Assert.Equal(0, Program.Main(["show", "voa-8011115", "--db", db]));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}
