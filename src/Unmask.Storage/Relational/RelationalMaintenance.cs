using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Unmask.Domain;

namespace Unmask.Storage.Relational;

/// <summary>Whole-store operations on either backend, driven by the database's own catalog (<see cref="SchemaCatalog"/>):
/// the tables and their foreign keys are read from the schema as migrated, never listed by hand, so a table added by a
/// later migration is counted and copied without changing this class.</summary>
/// <param name="description">The store for messages, its password masked.</param>
/// <param name="knownSchemaVersion">The highest migration this program knows.</param>
public sealed class RelationalMaintenance(
    RelationalDatabase database, string description, int knownSchemaVersion, AuditKeySource auditKeys, AuditCheckpointFile auditCheckpoint) : IStoreMaintenance
{
    private readonly SchemaCatalog _catalog = SchemaCatalog.For(database.Dialect);

    public string Backend => database.Dialect.Name;

    public AuditKeySource AuditKeys { get; } = auditKeys;

    public AuditCheckpointFile AuditCheckpoint { get; } = auditCheckpoint;

    public async Task<StoreInfo> InfoAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = await database.Dialect.BeginReadAsync(connection, cancellationToken);
        var tables = await _catalog.TablesAsync(connection, snapshot, cancellationToken);
        var counts = new List<TableCount>();
        foreach (var table in tables)
        {
            counts.Add(new TableCount(table.Name, await CountAsync(connection, snapshot, table.Name, cancellationToken)));
        }
        var version = (await MigrationsAsync(connection, snapshot, cancellationToken)).Select(m => m.Version).DefaultIfEmpty(0).Max();
        await snapshot.CommitAsync(cancellationToken);
        return new StoreInfo(Backend, description, version, knownSchemaVersion, await _catalog.SizeAsync(connection, cancellationToken),
            [.. counts.OrderBy(c => c.Table, StringComparer.Ordinal)]);
    }

    public async Task<IReadOnlyList<AppliedMigration>> MigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await MigrationsAsync(connection, null, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> TablesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await _catalog.TablesAsync(connection, null, cancellationToken)).Select(t => t.Name)];
    }

    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadRowsAsync(string table, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var described = (await _catalog.TablesAsync(connection, null, cancellationToken)).FirstOrDefault(t => t.Name == table)
            ?? throw new InputException(description, null, $"no table '{table}' in this store");
        await foreach (var row in ReadRowsAsync(connection, null, described, cancellationToken))
        {
            yield return row;
        }
    }

    public async Task<IReadOnlyList<TableCount>> CopyFromAsync(IStoreMaintenance source, CancellationToken cancellationToken = default)
    {
        var sourceVersion = (await source.MigrationsAsync(cancellationToken)).Select(m => m.Version).DefaultIfEmpty(0).Max();
        return await database.WriteAsync("store copy", async (connection, transaction) =>
        {
            var version = (await MigrationsAsync(connection, transaction, cancellationToken)).Select(m => m.Version).DefaultIfEmpty(0).Max();
            if (version != sourceVersion)
            {
                throw new InputException(description, null, $"the source store is at schema version {sourceVersion} and this one at {version}: open both with the same program first");
            }
            var tables = await _catalog.TablesAsync(connection, transaction, cancellationToken);
            foreach (var table in tables)
            {
                var rows = await CountAsync(connection, transaction, table.Name, cancellationToken);
                if (rows > 0)
                {
                    throw new InputException(description, null, $"the target store is not empty ({table.Name} has {rows} rows): copy into a new, empty store");
                }
            }
            if (_catalog.BeforeCopySql is { } before)
            {
                await using var command = Sql.Command(connection, transaction, before);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            var copied = new long[tables.Count];
            var sourceRows = source is RelationalMaintenance relational
                ? relational.ReadSnapshotAsync([.. tables.Select(t => t.Name)], cancellationToken)
                : TableByTableAsync(source, [.. tables.Select(t => t.Name)], cancellationToken);
            DbCommand? insert = null;
            var insertInto = -1;
            try
            {
                await foreach (var (index, row) in sourceRows)
                {
                    if (index != insertInto)
                    {
                        if (insert is not null)
                        {
                            await insert.DisposeAsync();
                        }
                        insert = Sql.Command(connection, transaction, InsertSql(tables[index]));
                        insertInto = index;
                    }
                    insert!.Parameters.Clear();
                    AddValues(insert, tables[index], row);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    copied[index]++;
                }
            }
            finally
            {
                if (insert is not null)
                {
                    await insert.DisposeAsync();
                }
            }
            foreach (var table in tables)
            {
                await _catalog.ResetIdentitiesAsync(connection, transaction, table, cancellationToken);
            }
            return (IReadOnlyList<TableCount>)[.. tables.Select((t, i) => new TableCount(t.Name, copied[i])).OrderBy(c => c.Table, StringComparer.Ordinal)];
        }, cancellationToken);
    }

    /// <summary>The rows of these tables (by index into <paramref name="tables"/>, in that order) as one consistent
    /// snapshot, so a store written while it is copied is copied as it was at one moment.</summary>
    private async IAsyncEnumerable<(int Table, IReadOnlyDictionary<string, object?> Row)> ReadSnapshotAsync(
        IReadOnlyList<string> tables, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = await database.Dialect.BeginReadAsync(connection, cancellationToken);
        var described = (await _catalog.TablesAsync(connection, snapshot, cancellationToken)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        for (var index = 0; index < tables.Count; index++)
        {
            var table = described.GetValueOrDefault(tables[index])
                ?? throw new InputException(description, null, $"the source store has no table '{tables[index]}'");
            await foreach (var row in ReadRowsAsync(connection, snapshot, table, cancellationToken))
            {
                yield return (index, row);
            }
        }
        await snapshot.CommitAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<(int Table, IReadOnlyDictionary<string, object?> Row)> TableByTableAsync(
        IStoreMaintenance source, IReadOnlyList<string> tables, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var index = 0; index < tables.Count; index++)
        {
            await foreach (var row in source.ReadRowsAsync(tables[index], cancellationToken))
            {
                yield return (index, row);
            }
        }
    }

    private static async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadRowsAsync(DbConnection connection, DbTransaction? transaction,
        CatalogTable table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns.Select(c => SchemaCatalog.Quote(c.Name)));
        var order = table.PrimaryKey.Count == 0 ? "" : " ORDER BY " + string.Join(", ", table.PrimaryKey.Select(SchemaCatalog.Quote));
        await using var command = Sql.Command(connection, transaction, $"SELECT {columns} FROM {SchemaCatalog.Quote(table.Name)}{order}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object?>(table.Columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                row[table.Columns[i].Name] = PortableValues.Read(reader.GetValue(i));
            }
            yield return row;
        }
    }

    private static string InsertSql(CatalogTable table) =>
        $"INSERT INTO {SchemaCatalog.Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => SchemaCatalog.Quote(c.Name)))}) "
        + $"VALUES ({string.Join(", ", table.Columns.Select((c, i) => c.Kind == ColumnKind.JsonText ? $"CAST(@p{i} AS json)" : $"@p{i}"))})";

    private void AddValues(DbCommand insert, CatalogTable table, IReadOnlyDictionary<string, object?> row)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (!row.TryGetValue(column.Name, out var value))
            {
                throw new InputException(description, null, $"the source store's table {table.Name} has no column {column.Name}");
            }
            var name = $"@p{i}";
            var converted = PortableValues.ToColumn(value, column.Kind);
            switch (column.Kind)
            {
                case ColumnKind.Json:
                    database.Dialect.Json(insert, name, (string?)converted);
                    break;
                case ColumnKind.Time:
                    database.Dialect.Time(insert, name, (DateTimeOffset?)converted);
                    break;
                default:
                    insert.With(name, converted);
                    break;
            }
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, $"SELECT COUNT(*) FROM {SchemaCatalog.Quote(table)}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<AppliedMigration>> MigrationsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, $"SELECT version, name, applied_at FROM {SchemaCatalog.MigrationsTable} ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var migrations = new List<AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var appliedAt = PortableValues.Read(reader.GetValue(2)) switch
            {
                DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
            };
            migrations.Add(new AppliedMigration(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1), appliedAt));
        }
        return migrations;
    }
}

/// <summary>Values as they travel between backends: what each provider returns, made portable on reading, and turned
/// into what the target column holds on writing.</summary>
public static class PortableValues
{
    /// <summary>string, long, double, bool, byte[], DateTimeOffset (UTC) or null.</summary>
    public static object? Read(object? value) => value switch
    {
        null or DBNull => null,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time.ToUniversalTime(),
        int number => (long)number,
        short number => (long)number,
        byte number => (long)number,
        float number => (double)number,
        decimal number => (double)number,
        _ => value,
    };

    /// <summary>The value as a column of this kind holds it: times from SQLite's text become times, PostgreSQL's times
    /// become SQLite's round-trip text (UTC, to the microsecond, as the dialects write them), SQLite's 0/1 become booleans.</summary>
    public static object? ToColumn(object? value, ColumnKind kind) => Read(value) switch
    {
        null => null,
        var portable => kind switch
        {
            ColumnKind.Integer => portable is bool flag ? (flag ? 1L : 0L) : Convert.ToInt64(portable, CultureInfo.InvariantCulture),
            ColumnKind.Real => Convert.ToDouble(portable, CultureInfo.InvariantCulture),
            ColumnKind.Boolean => portable is bool flag ? flag : Convert.ToInt64(portable, CultureInfo.InvariantCulture) != 0,
            ColumnKind.Time => portable is DateTimeOffset time ? time
                : DateTimeOffset.Parse(Convert.ToString(portable, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            ColumnKind.Bytes => portable is byte[] bytes ? bytes : Encoding.UTF8.GetBytes(Convert.ToString(portable, CultureInfo.InvariantCulture)!),
            ColumnKind.Json or ColumnKind.JsonText => Convert.ToString(portable, CultureInfo.InvariantCulture),
            _ => portable switch
            {
                DateTimeOffset time => StoredTime.Normalize(time).ToString("O", CultureInfo.InvariantCulture),
                bool flag => flag ? "1" : "0",
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                _ => Convert.ToString(portable, CultureInfo.InvariantCulture),
            },
        },
    };
}
