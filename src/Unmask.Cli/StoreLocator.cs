using System.Globalization;
using Unmask.Domain;
using Unmask.Storage;
using Unmask.Storage.Postgres;
using Unmask.Storage.Sqlite;

namespace Unmask.Cli;

/// <summary>Finds and opens the store named by <c>--db</c>, <c>$UNMASK_DB</c> or the user's data folder: a SQLite file
/// path, or PostgreSQL as a <c>postgres://user@host:port/database</c> URL or an Npgsql connection string (<c>Host=...</c>).</summary>
public static class StoreLocator
{
    public const string Variable = "UNMASK_DB";

    public static string Resolve(string? db) => ResolveWithSource(db).Location;

    /// <summary>The location and where it came from ("--db", "$UNMASK_DB" or "default"), for messages about it.</summary>
    public static (string Location, string Source) ResolveWithSource(string? db)
    {
        if (!string.IsNullOrWhiteSpace(db))
        {
            return (db, "--db");
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (fromEnvironment, "$" + Variable);
        }
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return (Path.Combine(dataHome, "unmask", "unmask.db"), "default");
    }

    /// <summary>Opens the store. <paramref name="repairSiteIds"/>: for commands that read or write indexed sites (site, vet,
    /// graph, case) and db migrate, first re-derive site ids a store from before schema version 14 still has; other commands (db backup, db copy)
    /// leave the store as it is.</summary>
    public static IUnmaskStore Open(string? db, TimeProvider time, bool repairSiteIds = false)
    {
        var store = OpenStore(db, time);
        if (repairSiteIds)
        {
            RepairSiteIds(store, time);
        }
        return store;
    }

    /// <summary>A store from before schema version 14 knew sites by the domain their pages declare: their ids are re-derived
    /// from their sources once, and each change is said on stderr (and kept in the store's site_renames table).</summary>
    private static void RepairSiteIds(IUnmaskStore store, TimeProvider time)
    {
        var service = new Application.Sites.SiteService(store, time)
        {
            Renamed = rename => Console.Error.WriteLine($"unmask: site {rename.From} is now {rename.To}: {rename.Reason}"),
        };
        if (service.RepairIdentitiesIfPendingAsync(CancellationToken.None).GetAwaiter().GetResult() is { Count: > 0 } renames)
        {
            Console.Error.WriteLine($"unmask: re-derived the ids of the indexed sites from where they were read: {renames.Count} renamed");
        }
    }

    private static IUnmaskStore OpenStore(string? db, TimeProvider time)
    {
        var (location, source) = ResolveWithSource(db);
        var auditKey = Environment.GetEnvironmentVariable(AuditKeySource.EnvironmentVariable);
        if (PostgresLocation.IsPostgres(location))
        {
            var options = new PostgresOptions(Wait(Environment.GetEnvironmentVariable(PostgresOptions.WaitVariable)), auditKey);
            // Commands open their store synchronously; the console has no synchronisation context to deadlock on.
            return PostgresStore.OpenAsync(PostgresLocation.Parse(location, source), time, options).GetAwaiter().GetResult();
        }
        return SqliteStore.Open(location, time, auditKey, notice: message => Console.Error.WriteLine($"unmask: {message}"));
    }

    /// <summary>How long to wait for an unreachable PostgreSQL server: <c>$UNMASK_DB_WAIT</c> seconds, else the default.</summary>
    public static TimeSpan? Wait(string? seconds)
    {
        if (string.IsNullOrWhiteSpace(seconds))
        {
            return null;
        }
        if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 86_400 || double.IsNaN(value))
        {
            throw new InputException("$" + PostgresOptions.WaitVariable, null, $"'{seconds}' is not a number of seconds from 0 to 86400");
        }
        return TimeSpan.FromSeconds(value);
    }

    /// <summary><paramref name="text"/> without the password of the PostgreSQL store <paramref name="db"/> resolves to, if
    /// any: every line the CLI prints about a failure goes through this.</summary>
    public static string Mask(string text, string? db)
    {
        var (location, _) = ResolveWithSource(db);
        if (!PostgresLocation.IsPostgres(location))
        {
            return text;
        }
        try
        {
            return PostgresLocation.Parse(location).Mask(text);
        }
        catch (InputException)
        {
            return text; // the parse error already masked what it quoted
        }
    }
}
