using Microsoft.Data.Sqlite;
using Sitrep.Attributes;

namespace Sitrep.Store.Tests;

/// <summary>Locked, read-only, corrupt, foreign and full databases: a clear error, nothing partial, nothing lost.</summary>
public sealed class FaultTests : IDisposable
{
    private readonly TempDir dir = new();

    private static List<ArticleResult> Batch(string prefix, int n) =>
        Enumerable.Range(0, n).Select(i => SampleResults.Build(SampleResults.Copy(SampleResults.Stories[i % 6], $"{prefix}-{i:D3}"))).ToList();

    [Fact]
    public void LockedDatabaseFailsClearlyAndWritesNothing()
    {
        var path = dir.File("locked.db");
        using (var store = SqliteEventStore.Open(path))
        {
            store.Write(Batch("first", 2));
        }
        using var blocker = new SqliteConnection($"Data Source={path};Pooling=False");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }
        using (var store = SqliteEventStore.Open(path, busyTimeout: TimeSpan.FromMilliseconds(300)))
        {
            var e = Assert.Throws<StoreException>(() => store.Write(Batch("second", 3)));
            Assert.Contains("is locked by another process", e.Message);
            Assert.Contains("locked.db", e.Message);
        }
        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        using (var store = SqliteEventStore.Open(path))
        {
            Assert.Equal(2, store.Stats(5).Articles);
            // Once the lock is gone the same batch goes through.
            Assert.Equal(3, store.Write(Batch("second", 3)).Stored);
            Assert.Equal(5, store.Stats(5).Articles);
        }
    }

    [Fact]
    public void ReadOnlyDatabaseFailsClearlyOnWriteButServesQueries()
    {
        var path = dir.File("ro.db");
        using (var store = SqliteEventStore.Open(path))
        {
            store.Write(Batch("ro", 2));
        }
        var before = File.ReadAllBytes(path);
        using (var store = SqliteEventStore.Open(path, readOnly: true))
        {
            Assert.NotEmpty(store.Events(new EventQuery()));
            var e = Assert.Throws<StoreException>(() => store.Write(Batch("more", 1)));
            Assert.Contains("is read-only", e.Message);
        }
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void MissingDatabaseIsAClearErrorForQueries()
    {
        var e = Assert.Throws<StoreException>(() => SqliteEventStore.Open(dir.File("nothing.db"), readOnly: true));
        Assert.Contains("no Sitrep database at", e.Message);
        Assert.False(File.Exists(dir.File("nothing.db")));
        var e2 = Assert.Throws<StoreException>(() => SqliteEventStore.Open(dir.File("no/such/dir/x.db")));
        Assert.Contains("does not exist", e2.Message);
    }

    [Fact]
    public void FileThatIsNotADatabaseIsRefusedAndLeftAlone()
    {
        var path = dir.File("notes.db");
        File.WriteAllText(path, "These are my notes, not a database. They must survive a wrong --db.\n" + new string('x', 5000));
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<StoreException>(() => SqliteEventStore.Open(path));
        Assert.Contains("corrupt or not a SQLite database", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void CorruptPagesAreReportedNotSilentlyRead()
    {
        var path = dir.File("corrupt.db");
        using (var store = SqliteEventStore.Open(path))
        {
            store.Write(Batch("c", 30));
        }
        // Checkpointed into the main file by the close above; now overwrite pages past the schema.
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 64 * 1024, $"database too small to corrupt: {bytes.Length}");
        var rng = new Random(7);
        for (var i = 8192; i < bytes.Length; i++)
        {
            bytes[i] = (byte)rng.Next(256);
        }
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<StoreException>(() =>
        {
            using var store = SqliteEventStore.Open(path);
            _ = store.Events(new EventQuery()).Count();
            store.Stats(10);
        });
        Assert.Contains("corrupt or not a SQLite database", e.Message);
    }

    [Fact]
    public void ForeignSqliteDatabaseIsNotWrittenInto()
    {
        var path = dir.File("other.db");
        SqliteStoreTests.Sql(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        var e = Assert.Throws<StoreException>(() => SqliteEventStore.Open(path));
        Assert.Contains("already holds other tables", e.Message);
        Assert.Equal(0L, SqliteStoreTests.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'events'"));
    }

    [Fact]
    public void FullDiskRollsBackTheBatchAndKeepsEarlierArticles()
    {
        var path = dir.File("full.db");
        using (var store = SqliteEventStore.Open(path))
        {
            store.Write(Batch("early", 3));
        }
        var pages = (long)SqliteStoreTests.Scalar(path, "PRAGMA page_count")!;
        // A cap a few pages above the current size: the big batch below cannot fit.
        using (var store = SqliteEventStore.Open(path, maxPages: (int)pages + 4))
        {
            var e = Assert.Throws<StoreException>(() => store.Write(Batch("late", 40)));
            Assert.Contains("disk full", e.Message);
            Assert.Equal(3, store.Stats(5).Articles);
            Assert.Empty(store.Events(new EventQuery { ArticleId = "late-000" }));
        }
        Assert.Equal("ok", SqliteStoreTests.Scalar(path, "PRAGMA integrity_check"));
        Assert.Equal(0L, SqliteStoreTests.Scalar(path, "SELECT count(*) FROM events WHERE article_id LIKE 'late-%'"));
        // With space again, the same batch is stored in full.
        using (var store = SqliteEventStore.Open(path))
        {
            Assert.Equal(40, store.Write(Batch("late", 40)).Stored);
            Assert.Equal(43, store.Stats(5).Articles);
        }
    }

    public void Dispose() => dir.Dispose();
}
