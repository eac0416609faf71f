using Microsoft.Data.Sqlite;
using Npgsql;

namespace Sitrep.Store.Tests;

/// <summary>A temporary directory holding test database files; deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sitrep-store-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still hold the file for a moment; the OS temp cleaner gets it.
        }
    }
}

/// <summary>
/// PostgreSQL for tests: SITREP_TEST_POSTGRES names a server (set by .ci/run). Each instance
/// creates a fresh database and drops it on dispose.
/// </summary>
public sealed class PostgresDb : IDisposable
{
    public const string EnvVar = "SITREP_TEST_POSTGRES";
    private readonly string admin;

    public PostgresDb()
    {
        admin = Environment.GetEnvironmentVariable(EnvVar)
            ?? throw new InvalidOperationException($"{EnvVar} is not set; .ci/run starts a server and sets it.");
        Name = "sitrep_test_" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var cmd = connection.CreateCommand();
        // The name is generated above (hex only), not input.
        cmd.CommandText = $"CREATE DATABASE {Name} TEMPLATE template0 ENCODING 'UTF8'";
        cmd.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = Name, Pooling = false }.ToString();
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public void Dispose()
    {
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)";
        cmd.ExecuteNonQuery();
    }

    /// <summary>Null when a server is reachable, else why not.</summary>
    public static string? Unavailable { get; } = Probe();

    private static string? Probe()
    {
        var cs = Environment.GetEnvironmentVariable(EnvVar);
        if (string.IsNullOrWhiteSpace(cs))
        {
            return $"{EnvVar} is not set";
        }
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Timeout = 3 }.ToString());
            connection.Open();
            return null;
        }
        catch (Exception e)
        {
            return $"cannot connect with {EnvVar}: {e.Message}";
        }
    }
}

/// <summary>
/// A fact that needs PostgreSQL. Outside CI it is skipped, with the reason, when no server is
/// reachable; in CI (CI=true) it always runs, so a missing server fails the build.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && PostgresDb.Unavailable is { } why)
        {
            Skip = $"PostgreSQL tests skipped: {why}. Run .ci/run, or set {PostgresDb.EnvVar}=\"Host=127.0.0.1;Port=5432;Username=postgres\".";
        }
    }
}
