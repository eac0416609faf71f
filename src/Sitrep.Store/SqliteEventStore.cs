using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Sitrep.Store;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. A batch is one transaction, so a process
/// killed mid-batch leaves the file at the previous commit (SQLite's journal guarantees it).
/// </summary>
public sealed class SqliteEventStore : SqlEventStore
{
    private readonly string path;
    private readonly TimeSpan busyTimeout;

    private SqliteEventStore(SqliteConnection connection, string path, TimeSpan busyTimeout) : base(connection, path)
    {
        this.path = path;
        this.busyTimeout = busyTimeout;
    }

    /// <param name="path">Database file; created (with its schema) unless <paramref name="readOnly"/>.</param>
    /// <param name="readOnly">Open for queries only: the file must exist and is never written.</param>
    /// <param name="busyTimeout">How long to wait for another process's lock before failing (default 5 s).</param>
    /// <param name="maxPages">Caps the file size in pages (SQLite max_page_count); writes beyond it fail like a full disk.</param>
    public static SqliteEventStore Open(string path, bool readOnly = false, TimeSpan? busyTimeout = null, int? maxPages = null)
    {
        var full = Path.GetFullPath(path);
        if (readOnly && !File.Exists(full))
        {
            throw new StoreException($"no Sitrep database at '{path}'; run `sitrep ingest INPUTS --db {path}` first.");
        }
        if (!readOnly && !Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new StoreException($"cannot create database '{path}': directory '{Path.GetDirectoryName(full)}' does not exist.");
        }
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(5);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            // Pooled connections would keep the file open after Dispose (tests delete and reopen files).
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)timeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        var store = new SqliteEventStore(connection, path, timeout);
        try
        {
            store.Guard("opening", () =>
            {
                connection.Open();
                store.Pragma($"busy_timeout = {(int)timeout.TotalMilliseconds}");
                // Reading the header here makes a corrupt or foreign file fail now, with a clear message.
                store.Pragma("schema_version");
                if (!readOnly)
                {
                    // WAL: readers never block the writer; NORMAL sync is durable across process kills
                    // (only an OS crash can lose the last commits, never corrupt the file).
                    store.Pragma("journal_mode = WAL");
                    store.Pragma("synchronous = NORMAL");
                }
                if (maxPages is { } pages)
                {
                    store.Pragma($"max_page_count = {pages}");
                }
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

    private void Pragma(string pragma)
    {
        // Pragma arguments are integers or keywords built in this file, never user input.
        using var cmd = Command(null, "PRAGMA " + pragma);
        cmd.ExecuteScalar();
    }

    protected override bool TableExists(string name, DbTransaction? tx = null)
    {
        using var cmd = Command(tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @n");
        Param(cmd, "n", name);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    protected override int ForeignTableCount()
    {
        using var cmd = Command(null, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override StoreException? Translate(Exception e, string action)
    {
        if (e is not SqliteException se)
        {
            return null;
        }
        // Extended result codes carry the primary code in the low byte.
        var message = (se.SqliteErrorCode & 0xff) switch
        {
            5 or 6 => $"database '{path}' is locked by another process (waited {busyTimeout.TotalSeconds:0.#} s) while {action} it; " +
                      "the current batch was not written (earlier batches stay stored). Wait for the other process to finish and re-run.",
            8 => $"database '{path}' is read-only (file permissions or a read-only file system); cannot {(action == "opening" ? "open it for writing" : action + " it")}. Nothing was written.",
            11 or 26 => $"'{path}' is corrupt or not a SQLite database ({se.Message.TrimEnd('.')}). Nothing was changed; restore it from a backup or use another --db.",
            13 => $"disk full while {action} '{path}': the current batch was rolled back and every article stored before it is intact. Free space and re-run; ingest resumes where it stopped.",
            14 => $"cannot open database '{path}' ({se.Message.TrimEnd('.')}).",
            10 => $"I/O error while {action} '{path}' ({se.Message.TrimEnd('.')}); the current batch was rolled back.",
            _ => $"SQLite error while {action} '{path}': {se.Message}",
        };
        return new StoreException(message, e);
    }
}
