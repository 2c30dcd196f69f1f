using Unmask.Domain;
using Unmask.Storage;
using Unmask.Storage.Sqlite;

namespace Unmask.Cli;

/// <summary>Finds and opens the store named by <c>--db</c>, <c>$UNMASK_DB</c> or the user's data folder.</summary>
public static class StoreLocator
{
    public static string Resolve(string? db)
    {
        if (!string.IsNullOrWhiteSpace(db))
        {
            return db;
        }
        var fromEnvironment = Environment.GetEnvironmentVariable("UNMASK_DB");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(dataHome, "unmask", "unmask.db");
    }

    public static IUnmaskStore Open(string? db, TimeProvider time)
    {
        var location = Resolve(db);
        if (location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || location.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException("--db", null, "PostgreSQL stores are not available in this build yet; use a SQLite file path");
        }
        return SqliteStore.Open(location, time, Environment.GetEnvironmentVariable(AuditKeySource.EnvironmentVariable));
    }
}
