using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Sitrep.Attributes;
using Sitrep.Text;

namespace Sitrep.Store.Tests;

/// <summary>
/// Kills a real ingesting process (Process.Kill, i.e. SIGKILL) at several points and checks the
/// database after each kill: integrity OK, every article either complete or absent, and a
/// re-run finishes the job with no duplicates. Also kills a run that is replacing articles.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Count = 150;
    private readonly TempDir dir = new();

    /// <summary>The articles the child ingests: copies of the sample stories; a variant other than "a" changes each text.</summary>
    public static IEnumerable<Article> Articles(int count, string variant)
    {
        for (var i = 0; i < count; i++)
        {
            var story = SampleResults.Stories[i % SampleResults.Stories.Count];
            yield return SampleResults.Copy(story, $"crash-{i:D4}",
                variant == "a" ? null : $"\n\nUpdate {variant}: Russia said 12 soldiers were killed in an airstrike on Friday.");
        }
    }

    [Fact]
    public void KilledIngestLeavesWholeArticlesAndResumes()
    {
        var db = dir.File("crash.db");
        var expected = Expected("a").Concat(Expected("b")).ToDictionary();

        foreach (var killAfter in new[] { 3, 30, 75 })
        {
            var stored = RunAndKill(db, "a", killAfter);
            Assert.True(stored >= killAfter);
            var articles = Verify(db, expected);
            Assert.InRange(articles, killAfter, Count - 1);
        }
        // The resumed run stores exactly what is missing: nothing twice, nothing skipped.
        var before = Verify(db, expected);
        Assert.Equal(Count - before, RunToEnd(db, "a"));
        Assert.Equal(Count, Verify(db, expected));
        Assert.Equal(Count, VariantCount(db, expected, "a"));

        // Now replace every article with variant b and kill midway: each article is wholly a or wholly b.
        RunAndKill(db, "b", 40);
        Verify(db, expected);
        var b = VariantCount(db, expected, "b");
        Assert.InRange(b, 40, Count - 1);
        Assert.Equal(Count, b + VariantCount(db, expected, "a"));
        Assert.Equal(Count - b, RunToEnd(db, "b"));
        Assert.Equal(Count, Verify(db, expected));
        Assert.Equal(Count, VariantCount(db, expected, "b"));
    }

    private static Dictionary<(string Id, string Hash), (string Variant, Counts Counts)> Expected(string variant) =>
        Articles(Count, variant).Select(a => ((a.Id, a.ContentHash), (variant, Counts.Of(SampleResults.Build(a))))).ToDictionary();

    /// <summary>Rows an article must have in each table when it is stored completely.</summary>
    private sealed record Counts(long Events, long Actors, long Quantities, long Attributions, long Figures, long Flags)
    {
        public static Counts Of(ArticleResult r)
        {
            static long Chain(IEnumerable<Attribution> list) => list.Sum(a =>
            {
                var n = 0;
                for (var x = a; x is not null; x = x.Within)
                {
                    n++;
                }
                return (long)n;
            });
            return new Counts(
                r.Events.Count,
                r.Events.Sum(e => (e.Event.Source is null ? 0 : 1) + (e.Event.Target is null ? 0 : 1) + e.Event.ReportedBy.Count) + r.Figures.Count(f => f.Victims is not null),
                r.Events.Sum(e => e.Attributes.Quantities.Count),
                r.Events.Sum(e => Chain(e.Attributes.Attributions)) + r.Figures.Sum(f => Chain(f.Attributions)),
                r.Figures.Count,
                r.Flags.Count);
        }
    }

    private static string ChildHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static Process Start(string db, string variant)
    {
        var info = new ProcessStartInfo(ChildHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(CrashSafetyTests).Assembly.Location, "ingest", db, Count.ToString(System.Globalization.CultureInfo.InvariantCulture), variant })
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the ingest child");
    }

    /// <summary>Starts the child and kills it once it reports at least <paramref name="killAfter"/> stored articles; returns that count.</summary>
    private static int RunAndKill(string db, string variant, int killAfter)
    {
        using var child = Start(db, variant);
        var stored = 0;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("stored ", StringComparison.Ordinal))
            {
                stored = int.Parse(line[7..], System.Globalization.CultureInfo.InvariantCulture);
                if (stored >= killAfter)
                {
                    child.Kill(entireProcessTree: true);
                    break;
                }
            }
            Assert.NotEqual("done", line);
        }
        Assert.True(child.WaitForExit(30_000), "killed child did not exit");
        Assert.True(stored >= killAfter, "child ended before the kill point: " + child.StandardError.ReadToEnd());
        return stored;
    }

    /// <summary>Runs the child to completion; returns how many articles this run stored (its last "stored N").</summary>
    private static int RunToEnd(string db, string variant)
    {
        using var child = Start(db, variant);
        var output = child.StandardOutput.ReadToEnd();
        var errors = child.StandardError.ReadToEnd();
        Assert.True(child.WaitForExit(120_000), "child did not finish");
        Assert.True(child.ExitCode == 0, $"child failed ({child.ExitCode}): {errors}");
        Assert.EndsWith("done", output.TrimEnd());
        var last = output.Split('\n').LastOrDefault(l => l.StartsWith("stored ", StringComparison.Ordinal));
        return last is null ? 0 : int.Parse(last[7..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Checks integrity and that every stored article has exactly its expected rows; returns the article count.</summary>
    private static int Verify(string db, Dictionary<(string Id, string Hash), (string Variant, Counts Counts)> expected)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        Assert.Equal("ok", Scalar(c, "PRAGMA integrity_check"));
        var articles = new List<(string Id, string Hash)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT id, content_hash FROM articles ORDER BY id";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                articles.Add((r.GetString(0), r.GetString(1)));
            }
        }
        var perTable = new Dictionary<string, Dictionary<string, long>>();
        foreach (var table in new[] { "events", "actors", "quantities", "attributions", "figures", "flags" })
        {
            var counts = new Dictionary<string, long>();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT article_id, count(*) FROM {table} GROUP BY article_id";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                counts[r.GetString(0)] = r.GetInt64(1);
            }
            // No orphans: rows only for stored articles.
            Assert.All(counts.Keys, id => Assert.Contains(articles, a => a.Id == id));
            perTable[table] = counts;
        }
        foreach (var (id, hash) in articles)
        {
            Assert.True(expected.TryGetValue((id, hash), out var want), $"article {id} has unknown content {hash}");
            long Got(string table) => perTable[table].GetValueOrDefault(id);
            var got = new Counts(Got("events"), Got("actors"), Got("quantities"), Got("attributions"), Got("figures"), Got("flags"));
            Assert.Equal(want.Counts, got);
        }
        return articles.Count;
    }

    private static int VariantCount(string db, Dictionary<(string Id, string Hash), (string Variant, Counts Counts)> expected, string variant)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, content_hash FROM articles";
        using var r = cmd.ExecuteReader();
        var n = 0;
        while (r.Read())
        {
            n += expected[(r.GetString(0), r.GetString(1))].Variant == variant ? 1 : 0;
        }
        return n;
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public void Dispose() => dir.Dispose();
}
