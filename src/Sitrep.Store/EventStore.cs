namespace Sitrep.Store;

/// <summary>Opens the store named by a --db value: a PostgreSQL connection string, else a SQLite file path.</summary>
public static class EventStore
{
    public const string DefaultPath = "sitrep.db";

    public static IEventStore Open(string? db, bool readOnly = false)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultPath : db.Trim();
        return PostgresEventStore.IsConnectionString(db)
            ? PostgresEventStore.Open(db, readOnly)
            : SqliteEventStore.Open(db, readOnly);
    }
}
