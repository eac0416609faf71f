using Microsoft.Data.Sqlite;

namespace Sitrep.Store.Tests;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempDir dir = new();

    private IEventStore Open() => EventStore.Open(dir.File("events.db"));

    [Fact]
    public void RoundTripsEveryField() => StoreContract.RoundTripsEveryField(Open);

    [Fact]
    public void AddsFlagsFoundAfterWriting() => StoreContract.AddsFlagsFoundAfterWriting(Open);

    [Fact]
    public void IngestIsIdempotentAndReplacesChangedArticles() => StoreContract.IngestIsIdempotentAndReplacesChangedArticles(Open);

    [Fact]
    public void FiltersSelectTheRightEvents() => StoreContract.FiltersSelectTheRightEvents(Open);

    [Fact]
    public void PagesThroughManyEventsInStableOrder() => StoreContract.PagesThroughManyEventsInStableOrder(Open);

    [Fact]
    public void CountsStats() => StoreContract.CountsStats(Open);

    [Fact]
    public void RefusesNewerSchema() => StoreContract.RefusesNewerSchema(Open, version => Sql(dir.File("events.db"),
        $"INSERT INTO schema_version (version, applied) VALUES ({version}, 'future')"));

    [Fact]
    public void UsesWalAndRecordsSchemaVersion()
    {
        using (var store = Open())
        {
            Assert.Equal(Schema.Current, store.SchemaVersion);
        }
        Assert.Equal("wal", Scalar(dir.File("events.db"), "PRAGMA journal_mode"));
        Assert.Equal((long)Schema.Current, Scalar(dir.File("events.db"), "SELECT max(version) FROM schema_version"));
        // Reopening applies nothing twice.
        using (Open())
        {
        }
        Assert.Equal((long)Schema.Current, Scalar(dir.File("events.db"), "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public void DefaultPathIsSitrepDbInTheCurrentDirectory()
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = dir.Path;
        try
        {
            using var store = EventStore.Open(null);
            Assert.Equal("sitrep.db", store.Location);
            Assert.True(File.Exists(dir.File("sitrep.db")));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    internal static void Sql(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static object? Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public void Dispose() => dir.Dispose();
}

public sealed class PostgresStoreTests
{
    private static void With(Action<Func<IEventStore>, PostgresDb> body)
    {
        using var db = new PostgresDb();
        body(() => EventStore.Open(db.ConnectionString), db);
    }

    [PostgresFact]
    public void RoundTripsEveryField() => With((open, _) => StoreContract.RoundTripsEveryField(open));

    [PostgresFact]
    public void AddsFlagsFoundAfterWriting() => With((open, _) => StoreContract.AddsFlagsFoundAfterWriting(open));

    [PostgresFact]
    public void IngestIsIdempotentAndReplacesChangedArticles() => With((open, _) => StoreContract.IngestIsIdempotentAndReplacesChangedArticles(open));

    [PostgresFact]
    public void FiltersSelectTheRightEvents() => With((open, _) => StoreContract.FiltersSelectTheRightEvents(open));

    [PostgresFact]
    public void PagesThroughManyEventsInStableOrder() => With((open, _) => StoreContract.PagesThroughManyEventsInStableOrder(open));

    [PostgresFact]
    public void CountsStats() => With((open, _) => StoreContract.CountsStats(open));

    [PostgresFact]
    public void RefusesNewerSchema() => With((open, db) => StoreContract.RefusesNewerSchema(open, version =>
    {
        using var c = new Npgsql.NpgsqlConnection(db.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO schema_version (version, applied) VALUES (@v, 'future')";
        cmd.Parameters.AddWithValue("v", version);
        cmd.ExecuteNonQuery();
    }));

    [PostgresFact]
    public void AcceptsPostgresUrls()
    {
        using var db = new PostgresDb();
        var b = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString);
        var url = $"postgres://{Uri.EscapeDataString(b.Username ?? "postgres")}" +
                  (string.IsNullOrEmpty(b.Password) ? "" : ":" + Uri.EscapeDataString(b.Password)) +
                  $"@{b.Host}:{b.Port}/{db.Name}";
        using var store = EventStore.Open(url);
        Assert.IsType<PostgresEventStore>(store);
        Assert.Equal($"postgres://{b.Host}:{b.Port}/{db.Name}", store.Location);
        store.Write(StoreContract.SampleBatch());
        Assert.Equal(6, store.Stats(5).Articles);
    }

    [Fact]
    public void UnreachableServerIsAClearError()
    {
        // Port 1 on loopback: nothing listens there.
        var e = Assert.Throws<StoreException>(() => EventStore.Open("Host=127.0.0.1;Port=1;Username=x;Timeout=2").Dispose());
        Assert.Contains("cannot reach PostgreSQL at postgres://127.0.0.1:1/", e.Message);
    }
}
