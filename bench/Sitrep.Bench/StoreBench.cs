using System.Diagnostics;
using System.Globalization;
using Sitrep.Attributes;
using Sitrep.Store;
using Sitrep.Store.Export;
using Sitrep.Store.Tests;
using Sitrep.Text;

namespace Sitrep.Bench;

/// <summary>
/// `store [--articles N] [--batch N] [--postgres SERVER] [--input voa_stories.jsonl]`: events written per
/// second, ingest overhead over pure coding, resume (all-unchanged) speed and read/export speed.
/// Articles are the VOA stories copied under new ids until there are N.
/// </summary>
public static class StoreBench
{
    /// <summary>The coding stage measured against the store. Integrator: <c>new DelegateProcessor(new SitrepPipeline().Process)</c>.</summary>
    private static IArticleProcessor Processor() => new SampleResults();

    public static int Run(string[] args)
    {
        var articlesWanted = 3000;
        var batch = 64;
        string? db = null;
        var input = "../shared/data/voa/voa_stories.jsonl";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--articles": articlesWanted = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--postgres": db = args[++i]; break;
                case "--input": input = args[++i]; break;
                default:
                    Console.Error.WriteLine($"store: unknown option {args[i]}");
                    return 2;
            }
        }
        if (!File.Exists(input))
        {
            Console.Error.WriteLine($"store: {input} not found (run from the repo root with ../shared beside it, or pass --input)");
            return 2;
        }
        var stories = File.ReadLines(input).Where(l => l.Length > 0).Select(l => SampleResults.FromJson(l, null)).ToList();
        var articles = new List<Article>(articlesWanted);
        for (var i = 0; i < articlesWanted; i++)
        {
            articles.Add(SampleResults.Copy(stories[i % stories.Count], $"bench-{i:D6}"));
        }
        var temp = Path.Combine(Path.GetTempPath(), "sitrep-storebench-" + Environment.ProcessId);
        Directory.CreateDirectory(temp);
        var created = new List<string>();
        try
        {
            // SQLite: files in a temp dir. PostgreSQL: --db names the server; each phase gets its own database.
            string NewDb(string name)
            {
                if (db is null)
                {
                    return Path.Combine(temp, name + ".db");
                }
                var database = $"sitrep_bench_{name}_{Environment.ProcessId}";
                AdminSql(db, $"CREATE DATABASE {database}");
                created.Add(database);
                return new Npgsql.NpgsqlConnectionStringBuilder(PostgresEventStore.ParseConnectionString(db).ToString()) { Database = database }.ToString();
            }
            var processor = Processor();
            Console.WriteLine($"store bench: {articles.Count:N0} articles ({articles.Sum(a => a.Text.Length) / 1e6:0.0} M chars), batch {batch}, backend {(db is null ? "sqlite" : "postgres")}");

            // 1. Coding alone.
            List<ArticleResult> results = [];
            var coding = Measure("coding only", () =>
            {
                results = articles.Select(processor.Process).ToList();
                return results.Sum(r => (long)r.Events.Count);
            }, "events");
            var events = results.Sum(r => (long)r.Events.Count);
            var rows = results.Sum(Rows);

            // 2. Store writes of precomputed results.
            var writePath = NewDb("write");
            using (var store = EventStore.Open(writePath))
            {
                var write = Measure("store write", () =>
                {
                    for (var i = 0; i < results.Count; i += batch)
                    {
                        store.Write(results.GetRange(i, Math.Min(batch, results.Count - i)));
                    }
                    return events;
                }, "events");
                Console.WriteLine($"  = {events / write.Wall.TotalSeconds:N0} events/s, {rows / write.Wall.TotalSeconds:N0} rows/s, {articles.Count / write.Wall.TotalSeconds:N0} articles/s (wall)");
            }

            // 3. Full ingest (coding + store) into a fresh database, then a re-run where everything is unchanged.
            var ingestPath = NewDb("ingest");
            using (var store = EventStore.Open(ingestPath))
            {
                var runner = new IngestRunner(store, processor, batch);
                var ingest = Measure("ingest (code+store)", () => runner.Run(articles).Events, "events");
                Console.WriteLine($"  = ingest overhead over coding: {(ingest.Wall - coding.Wall).TotalMilliseconds / articles.Count:0.000} ms/article wall, " +
                                  $"{(ingest.Cpu - coding.Cpu).TotalMilliseconds / articles.Count:0.000} ms/article CPU; ingest/coding wall ratio {ingest.Wall / coding.Wall:0.00}");
                Measure("re-ingest (unchanged)", () => runner.Run(articles).Unchanged, "articles");

                // 4. Reading back.
                Measure("query all events", () => store.Events(new EventQuery()).LongCount(), "events");
                Measure("export gdelt", () => GdeltExporter.Write(store.Events(new EventQuery()), TextWriter.Null), "events");
                Measure("export parquet", () =>
                {
                    using var sink = new MemoryStream();
                    return ParquetExporter.WriteAsync(store.Events(new EventQuery()), sink).GetAwaiter().GetResult();
                }, "events");
            }
            if (db is null)
            {
                Console.WriteLine($"  database size: {new FileInfo(ingestPath).Length / 1e6:0.0} MB ({new FileInfo(ingestPath).Length / (double)events:0} bytes/event incl. article text)");
            }
            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
            return 0;
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
            foreach (var database in created)
            {
                AdminSql(db!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
    }

    /// <summary>Runs DDL on the server's maintenance connection; names are generated here, not input.</summary>
    private static void AdminSql(string db, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(PostgresEventStore.ParseConnectionString(db).ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Rows(ArticleResult r)
    {
        long n = 1 + r.Events.Count + r.Figures.Count + r.Flags.Count;
        foreach (var e in r.Events)
        {
            n += (e.Event.Source is null ? 0 : 1) + (e.Event.Target is null ? 0 : 1) + e.Event.ReportedBy.Count + e.Attributes.Quantities.Count + e.Attributes.Attributions.Count;
        }
        return n;
    }

    private readonly record struct Sample(TimeSpan Wall, TimeSpan Cpu, long Allocated);

    private static Sample Measure(string name, Func<long> body, string unit)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        var watch = Stopwatch.StartNew();
        var n = body();
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        var alloc = GC.GetTotalAllocatedBytes(precise: false) - alloc0;
        Console.WriteLine($"{name,-24} {n,10:N0} {unit,-8} {watch.Elapsed.TotalSeconds,8:0.000} s wall {cpu.TotalSeconds,8:0.000} s CPU  " +
                          $"{n / watch.Elapsed.TotalSeconds,12:N0} {unit}/s  {n / Math.Max(cpu.TotalSeconds, 1e-9),12:N0} {unit}/CPU-s  {alloc / 1e6,8:N0} MB alloc");
        return new Sample(watch.Elapsed, cpu, alloc);
    }
}
