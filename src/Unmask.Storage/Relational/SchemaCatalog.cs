using System.Data.Common;
using System.Globalization;

namespace Unmask.Storage.Relational;

/// <summary>What a column holds, as far as copying a row between backends needs to know.</summary>
public enum ColumnKind
{
    Text,
    Integer,
    Real,
    Boolean,
    Time,
    Json,

    /// <summary>PostgreSQL's <c>json</c> (not <c>jsonb</c>): its text is kept as written (key order, spaces), so it is written as text.</summary>
    JsonText,
    Bytes,
}

/// <param name="IsIdentity">Numbered by the database (PostgreSQL identity): its counter must move past copied rows.</param>
public sealed record CatalogColumn(string Name, ColumnKind Kind, bool IsIdentity);

/// <param name="PrimaryKey">Its primary-key columns in key order (rows are read in that order), or none.</param>
/// <param name="Parents">The tables its foreign keys refer to (itself included when it refers to itself).</param>
public sealed record CatalogTable(string Name, IReadOnlyList<CatalogColumn> Columns, IReadOnlyList<string> PrimaryKey, IReadOnlyList<string> Parents);

/// <summary>A store's tables as its database's own catalog describes them (SQLite: sqlite_master and the table pragmas;
/// PostgreSQL: information_schema and pg_constraint), so copying follows the schema as it is, not a list kept by hand.</summary>
public abstract class SchemaCatalog
{
    /// <summary>The migrations table is the program's, not data: each store records its own migrations.</summary>
    public const string MigrationsTable = "schema_migrations";

    public static SchemaCatalog For(SqlDialect dialect) => For(dialect.Name);

    /// <param name="backend">"sqlite" or "postgres", as <see cref="SqlDialect.Name"/>.</param>
    public static SchemaCatalog For(string backend) => backend switch
    {
        "sqlite" => new SqliteCatalog(),
        "postgres" => new PostgresCatalog(),
        _ => throw new NotSupportedException($"no catalog for the '{backend}' backend"),
    };

    /// <summary>Every data table (not the migrations table), parents before the tables that refer to them, then by name.</summary>
    public async Task<IReadOnlyList<CatalogTable>> TablesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var tables = new List<CatalogTable>();
        foreach (var name in await ReadStringsAsync(connection, transaction, TableNamesSql, [], cancellationToken))
        {
            if (name != MigrationsTable)
            {
                tables.Add(await DescribeAsync(connection, transaction, name, cancellationToken));
            }
        }
        return InForeignKeyOrder(tables);
    }

    /// <summary>On-disk size of the whole store.</summary>
    public abstract Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Moves identity counters past the rows just copied (nothing on SQLite, where a new row takes max + 1).</summary>
    public abstract Task ResetIdentitiesAsync(DbConnection connection, DbTransaction transaction, CatalogTable table, CancellationToken cancellationToken);

    /// <summary>Statements run at the start of a copy's write transaction.</summary>
    public virtual string? BeforeCopySql => null;

    protected abstract string TableNamesSql { get; }

    protected abstract Task<CatalogTable> DescribeAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken);

    /// <summary>Parents first (Kahn's algorithm, ties by name so the order is the same every time). A cycle of foreign
    /// keys between different tables cannot be copied table by table and is refused; a table referring to itself is
    /// fine (its rows are copied in key order).</summary>
    public static IReadOnlyList<CatalogTable> InForeignKeyOrder(IReadOnlyList<CatalogTable> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var waiting = tables.ToDictionary(t => t.Name, t => t.Parents.Where(p => p != t.Name && byName.ContainsKey(p)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var ordered = new List<CatalogTable>();
        while (waiting.Count > 0)
        {
            var ready = waiting.Where(w => w.Value.Count == 0).Select(w => w.Key).Order(StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidOperationException($"the foreign keys of tables {string.Join(", ", waiting.Keys.Order(StringComparer.Ordinal))} form a cycle");
            ordered.Add(byName[ready]);
            waiting.Remove(ready);
            foreach (var parents in waiting.Values)
            {
                parents.Remove(ready);
            }
        }
        return ordered;
    }

    /// <summary>An identifier quoted the standard way (both backends).</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    protected static async Task<List<string>> ReadStringsAsync(DbConnection connection, DbTransaction? transaction, string sql,
        IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private sealed class SqliteCatalog : SchemaCatalog
    {
        protected override string TableNamesSql => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

        // A copy inserts parents first; deferring the checks to the commit also lets a table refer to itself in any order.
        public override string BeforeCopySql => "PRAGMA defer_foreign_keys = ON";

        protected override async Task<CatalogTable> DescribeAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
        {
            var columns = new List<CatalogColumn>();
            var key = new SortedList<long, string>();
            await using (var command = Sql.Command(connection, transaction, "SELECT name, type, pk FROM pragma_table_info(@t) ORDER BY cid").With("@t", table))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    columns.Add(new CatalogColumn(reader.GetString(0), KindOfDeclared(reader.GetString(1)), IsIdentity: false));
                    if (reader.GetInt64(2) > 0)
                    {
                        key.Add(reader.GetInt64(2), reader.GetString(0));
                    }
                }
            }
            var parents = await ReadStringsAsync(connection, transaction, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(@t)", [("@t", table)], cancellationToken);
            return new CatalogTable(table, columns, [.. key.Values], parents);
        }

        /// <summary>SQLite's declared type, read by its affinity rules; times and JSON are declared TEXT and travel as text.</summary>
        private static ColumnKind KindOfDeclared(string declared)
        {
            var type = declared.ToUpperInvariant();
            return type switch
            {
                _ when type.Contains("BOOL", StringComparison.Ordinal) => ColumnKind.Boolean,
                _ when type.Contains("INT", StringComparison.Ordinal) => ColumnKind.Integer,
                _ when type.Contains("JSON", StringComparison.Ordinal) => ColumnKind.Json,
                _ when type.Contains("TIMESTAMP", StringComparison.Ordinal) => ColumnKind.Time,
                _ when type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal) => ColumnKind.Text,
                _ when type.Contains("BLOB", StringComparison.Ordinal) || type.Contains("BYTEA", StringComparison.Ordinal) || type.Length == 0 => ColumnKind.Bytes,
                _ when type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal) => ColumnKind.Real,
                _ => ColumnKind.Text,
            };
        }

        public override async Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            var files = await ReadStringsAsync(connection, null, "SELECT file FROM pragma_database_list WHERE name = 'main'", [], cancellationToken);
            return files.Where(f => f.Length > 0)
                .SelectMany(f => new[] { f, f + "-wal" })
                .Where(File.Exists)
                .Sum(f => new FileInfo(f).Length);
        }

        public override Task ResetIdentitiesAsync(DbConnection connection, DbTransaction transaction, CatalogTable table, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }

    private sealed class PostgresCatalog : SchemaCatalog
    {
        protected override string TableNamesSql =>
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";

        protected override async Task<CatalogTable> DescribeAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
        {
            var columns = new List<CatalogColumn>();
            await using (var command = Sql.Command(connection, transaction, """
                SELECT column_name::text, data_type::text, is_identity::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = @t ORDER BY ordinal_position
                """).With("@t", table))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    columns.Add(new CatalogColumn(reader.GetString(0), KindOf(reader.GetString(1)), reader.GetString(2) == "YES"));
                }
            }
            var key = await ReadStringsAsync(connection, transaction, """
                SELECT k.column_name::text FROM information_schema.table_constraints c
                JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
                WHERE c.table_schema = current_schema() AND c.table_name = @t AND c.constraint_type = 'PRIMARY KEY'
                ORDER BY k.ordinal_position
                """, [("@t", table)], cancellationToken);
            var parents = await ReadStringsAsync(connection, transaction, """
                SELECT DISTINCT parent.relname::text FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid
                JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = current_schema() AND child.relname = @t
                """, [("@t", table)], cancellationToken);
            return new CatalogTable(table, columns, key, parents);
        }

        private static ColumnKind KindOf(string dataType) => dataType switch
        {
            "bigint" or "integer" or "smallint" => ColumnKind.Integer,
            "double precision" or "real" or "numeric" => ColumnKind.Real,
            "boolean" => ColumnKind.Boolean,
            "timestamp with time zone" or "timestamp without time zone" => ColumnKind.Time,
            "jsonb" => ColumnKind.Json,
            "json" => ColumnKind.JsonText,
            "bytea" => ColumnKind.Bytes,
            _ => ColumnKind.Text,
        };

        public override async Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            await using var command = Sql.Command(connection, null, "SELECT pg_database_size(current_database())");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        public override async Task ResetIdentitiesAsync(DbConnection connection, DbTransaction transaction, CatalogTable table, CancellationToken cancellationToken)
        {
            foreach (var column in table.Columns.Where(c => c.IsIdentity))
            {
                await using var command = Sql.Command(connection, transaction,
                    $"SELECT setval(pg_get_serial_sequence(@t, @c), COALESCE((SELECT MAX({Quote(column.Name)}) FROM {Quote(table.Name)}), 0) + 1, false)")
                    .With("@t", Quote(table.Name)).With("@c", column.Name);
                await command.ExecuteScalarAsync(cancellationToken);
            }
        }
    }
}
