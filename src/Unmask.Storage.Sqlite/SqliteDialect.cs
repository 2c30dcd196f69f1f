using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Unmask.Storage.Relational;

namespace Unmask.Storage.Sqlite;

/// <summary>SQLite's side of the shared SQL: one writer for the whole file (BEGIN IMMEDIATE), JSON and times as text.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override string Name => "sqlite";

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, string scope, CancellationToken cancellationToken) =>
        await ((SqliteConnection)connection).BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

    public override string LockRowsSkippingLocked => "";

    public override string ForeignKeysReferencing(string table) => $"""
        SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' AND f."table" = '{table.Replace("'", "''", StringComparison.Ordinal)}'
        """;

    public override Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override DbParameter Json(DbCommand command, string name, string? json)
    {
        var parameter = new SqliteParameter(name, SqliteType.Text) { Value = (object?)json ?? DBNull.Value };
        command.Parameters.Add(parameter);
        return parameter;
    }

    public override DbParameter Time(DbCommand command, string name, DateTimeOffset? value)
    {
        var parameter = new SqliteParameter(name, SqliteType.Text)
        {
            Value = value is { } time ? StoredTime.Normalize(time).ToString("O", CultureInfo.InvariantCulture) : DBNull.Value,
        };
        command.Parameters.Add(parameter);
        return parameter;
    }

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067).
    public override bool IsUniqueViolation(DbException error) =>
        error is SqliteException { SqliteExtendedErrorCode: 1555 or 2067 };
}
