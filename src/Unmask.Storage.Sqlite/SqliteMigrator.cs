using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Unmask.Storage.Sqlite;

/// <summary>Applies the numbered SQL files in Migrations/ that the database has not seen yet, each in its own transaction.</summary>
internal static class SqliteMigrator
{
    /// <param name="afterScript">Runs after a script inside its transaction, for the steps SQL cannot do (sealing the audit log).</param>
    public static void Migrate(SqliteConnection connection, TimeProvider time, Action<SqliteTransaction, int>? afterScript = null)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = AppliedVersions(connection);
        foreach (var (version, name, sql) in Scripts())
        {
            if (applied.Contains(version))
            {
                continue;
            }
            // A script not yet applied: BEGIN IMMEDIATE takes the write lock before looking again, so two processes
            // opening a new store at once apply it once (the second waits, then sees it applied). An up-to-date store
            // takes no write lock at all, so opening it never waits for an import that is committing.
            using var transaction = connection.BeginTransaction(deferred: false);
            if (IsApplied(connection, transaction, version))
            {
                continue;
            }
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
            afterScript?.Invoke(transaction, version);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)";
                record.Parameters.AddWithValue("$v", version);
                record.Parameters.AddWithValue("$n", name);
                record.Parameters.AddWithValue("$t", time.GetUtcNow().ToString("O"));
                record.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>The highest migration this program knows.</summary>
    public static int KnownVersion => Scripts().Max(s => s.Version);

    private static IEnumerable<(int Version, string Name, string Sql)> Scripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Unmask.Storage.Sqlite.Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, name, reader.ReadToEnd());
        }
    }

    private static HashSet<int> AppliedVersions(SqliteConnection connection)
    {
        var applied = new HashSet<int>();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT version FROM schema_migrations";
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            applied.Add(reader.GetInt32(0));
        }
        return applied;
    }

    private static bool IsApplied(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var query = connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = "SELECT 1 FROM schema_migrations WHERE version = $v";
        query.Parameters.AddWithValue("$v", version);
        return query.ExecuteScalar() is not null;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
