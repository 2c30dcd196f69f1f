using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Unmask.Storage.Relational;

/// <summary>One numbered SQL file of a backend's Migrations/ folder. A file may stand for several versions: PostgreSQL's
/// <c>006_baseline.sql</c> is the SQLite schema after 001-006 in one script, so it covers versions 1 to 6 and both
/// backends record the same version numbers.</summary>
/// <param name="FirstVersion">The first version this file covers (its own number unless it is a baseline).</param>
public sealed record Migration(int FirstVersion, int Version, string Name, string Sql)
{
    public bool Covers(int version) => version >= FirstVersion && version <= Version;

    /// <summary>The <c>NNN_name.sql</c> embedded resources of <paramref name="assembly"/> under <paramref name="resourcePrefix"/>,
    /// in order; each covers the versions after the previous one's up to its own number.</summary>
    public static IReadOnlyList<Migration> FromResources(Assembly assembly, string resourcePrefix)
    {
        var migrations = new List<Migration>();
        var previous = 0;
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(r => r.StartsWith(resourcePrefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var name = resource[resourcePrefix.Length..];
            var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(previous + 1, version, name, reader.ReadToEnd()));
            previous = version;
        }
        return migrations;
    }
}

/// <summary>What the migrator needs to know of a backend besides its dialect: its scripts and how it keeps the applied versions.</summary>
/// <param name="CreateTable">Creates <c>schema_migrations (version, name, applied_at)</c> if it does not exist.</param>
/// <param name="TableExists">A query that returns a row when <c>schema_migrations</c> exists.</param>
public sealed record MigrationPlan(IReadOnlyList<Migration> Migrations, string CreateTable, string TableExists)
{
    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;
}

/// <summary>Applies the numbered migrations a store has not seen yet, each in its own write transaction, on either backend.
/// The write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock) is taken before looking again, so two processes
/// opening a new store at once apply each script once: the second waits, then sees it applied. An up-to-date store takes
/// no write lock at all, so opening it never waits for an import that is committing. A store written by a newer program
/// (a version this one does not know) is refused before anything is written to it.</summary>
public static class Migrator
{
    /// <summary>The lock scope migrations hold; nothing else uses it.</summary>
    public const string LockScope = "schema_migrations";

    /// <param name="afterScript">Runs after a script inside its transaction, for the steps SQL cannot do (sealing the audit log).</param>
    /// <param name="storeName">How messages name the store (never with a password).</param>
    public static async Task MigrateAsync(RelationalDatabase database, MigrationPlan plan, TimeProvider time, string storeName,
        Func<DbConnection, DbTransaction, Migration, Task>? afterScript = null, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await ExistsAsync(connection, null, plan.TableExists, cancellationToken))
        {
            await using var transaction = await dialect.BeginWriteAsync(connection, LockScope, cancellationToken);
            await using (var create = Sql.Command(connection, transaction, plan.CreateTable))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var applied = await AppliedVersionsAsync(connection, null, cancellationToken);
        RefuseNewer(applied, plan, storeName);
        foreach (var migration in plan.Migrations)
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }
            await using var transaction = await dialect.BeginWriteAsync(connection, LockScope, cancellationToken);
            var appliedNow = await AppliedVersionsAsync(connection, transaction, cancellationToken);
            if (appliedNow.Contains(migration.Version))
            {
                continue;
            }
            RefuseNewer(appliedNow, plan, storeName);
            await using (var script = Sql.Command(connection, transaction, migration.Sql))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }
            if (afterScript is not null)
            {
                await afterScript(connection, transaction, migration);
            }
            var appliedAt = time.GetUtcNow();
            for (var version = migration.FirstVersion; version <= migration.Version; version++)
            {
                if (appliedNow.Contains(version))
                {
                    continue;
                }
                await using var record = Sql.Command(connection, transaction,
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @applied_at)");
                record.With("@version", version).With("@name", migration.Name);
                dialect.Time(record, "@applied_at", appliedAt);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The highest version recorded in the store, or 0 for a new one.</summary>
    public static async Task<int> SchemaVersionAsync(DbConnection connection, MigrationPlan plan, CancellationToken cancellationToken = default)
    {
        if (!await ExistsAsync(connection, null, plan.TableExists, cancellationToken))
        {
            return 0;
        }
        var applied = await AppliedVersionsAsync(connection, null, cancellationToken);
        return applied.Count == 0 ? 0 : applied.Max();
    }

    private static void RefuseNewer(HashSet<int> applied, MigrationPlan plan, string storeName)
    {
        var unknown = applied.Where(v => v > plan.LatestVersion).ToList();
        if (unknown.Count > 0)
        {
            throw new StoreException($"the store {storeName} has schema version {unknown.Max()}, newer than this program knows "
                                     + $"(up to {plan.LatestVersion}): use a release of unmask that knows schema version {unknown.Max()}");
        }
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, string query, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, query);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is not null and not DBNull;
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var applied = new HashSet<int>();
        await using var query = Sql.Command(connection, transaction, "SELECT version FROM schema_migrations");
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }
        return applied;
    }
}
