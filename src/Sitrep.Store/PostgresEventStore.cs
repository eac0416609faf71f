using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Sitrep.Store;

/// <summary>The server store: same schema and SQL as SQLite, on PostgreSQL via Npgsql.</summary>
public sealed class PostgresEventStore : SqlEventStore
{
    private PostgresEventStore(NpgsqlConnection connection, string location) : base(connection, location)
    {
    }

    /// <summary>True for "postgres://..." / "postgresql://..." URLs and Npgsql "Host=..." connection strings.</summary>
    public static bool IsConnectionString(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        (db.Contains('=') && db.Contains("host", StringComparison.OrdinalIgnoreCase));

    /// <summary>Converts a postgres:// URL to an Npgsql connection string; passes keyword strings through.</summary>
    public static NpgsqlConnectionStringBuilder ParseConnectionString(string db)
    {
        if (!db.Contains("://", StringComparison.Ordinal))
        {
            return new NpgsqlConnectionStringBuilder(db);
        }
        if (!Uri.TryCreate(db, UriKind.Absolute, out var uri))
        {
            throw new StoreException($"cannot parse PostgreSQL URL '{Redact(db)}'; expected postgres://user:password@host:port/database");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } name ? name : null,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder;
    }

    public static PostgresEventStore Open(string db, bool readOnly = false)
    {
        var builder = ParseConnectionString(db);
        // The writer reuses a handful of INSERTs thousands of times: let Npgsql prepare them server-side.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }
        var location = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        var connection = new NpgsqlConnection(builder.ToString());
        var store = new PostgresEventStore(connection, location);
        try
        {
            store.Guard("opening", () =>
            {
                connection.Open();
                return 0;
            });
            store.Migrate(readOnly);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    protected override string Collate => " COLLATE \"C\"";

    protected override bool TableExists(string name, DbTransaction? tx = null)
    {
        using var cmd = Command(tx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @n");
        Param(cmd, "n", name);
        return (long)cmd.ExecuteScalar()! > 0;
    }

    protected override int ForeignTableCount()
    {
        using var cmd = Command(null, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
        return (int)(long)cmd.ExecuteScalar()!;
    }

    protected override void LockForMigration(DbTransaction tx)
    {
        // An arbitrary constant key: "sitrep" in ASCII.
        using var cmd = Command(tx, "SELECT pg_advisory_xact_lock(115105116114101112)");
        cmd.ExecuteNonQuery();
    }

    protected override StoreException? Translate(Exception e, string action)
    {
        var message = e switch
        {
            PostgresException { SqlState: "53100" } => $"disk full on the PostgreSQL server while {action} {Location}: the current batch was rolled back; stored articles are intact.",
            PostgresException { SqlState: "3D000" } => $"PostgreSQL database {Location} does not exist; create it first (createdb).",
            PostgresException { SqlState: "28P01" or "28000" } pe => $"PostgreSQL refused the login for {Location}: {pe.MessageText}",
            PostgresException { SqlState: "25006" } => $"{Location} is read-only (hot standby or read-only transaction); cannot {action} it.",
            PostgresException { SqlState: "42501" } pe => $"permission denied on {Location} while {action} it: {pe.MessageText}",
            PostgresException pe => $"PostgreSQL error while {action} {Location}: {pe.SqlState} {pe.MessageText}",
            NpgsqlException { InnerException: SocketException or TimeoutException or IOException } ne =>
                $"cannot reach PostgreSQL at {Location}: {ne.InnerException!.Message}",
            NpgsqlException ne => $"PostgreSQL error while {action} {Location}: {ne.Message}",
            _ => null,
        };
        return message is null ? null : new StoreException(message, e);
    }

    private static string Redact(string db)
    {
        var at = db.IndexOf('@');
        var scheme = db.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? db[..(scheme + 3)] + "***" + db[at..] : db;
    }
}
