using System.Buffers.Binary;
using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Unmask.Storage.Relational;

namespace Unmask.Storage.Postgres;

/// <summary>PostgreSQL's side of the shared SQL: writers of the same scope queue on a transaction-scoped advisory lock
/// (other scopes and all readers go on), JSON as jsonb, times as timestamptz.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string Name => "postgres";

    public override string ForeignKeysReferencing(string table) => $"""
        SELECT t.relname::text, a.attname::text FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = '{table.Replace("'", "''", StringComparison.Ordinal)}'::regclass
        """;

    public override IEnumerable<string> EmptyTables(params string[] childrenFirst) => [$"TRUNCATE {string.Join(", ", childrenFirst)}"];

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, string scope, CancellationToken cancellationToken)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", (NpgsqlConnection)connection, transaction);
            command.Parameters.AddWithValue("key", NpgsqlDbType.Bigint, LockKey(scope));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public override async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    public override DbParameter Json(DbCommand command, string name, string? json)
    {
        var parameter = new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value };
        command.Parameters.Add(parameter);
        return parameter;
    }

    public override DbParameter Time(DbCommand command, string name, DateTimeOffset? value)
    {
        var parameter = new NpgsqlParameter(name, NpgsqlDbType.TimestampTz)
        {
            Value = value is { } time ? StoredTime.Normalize(time) : DBNull.Value,
        };
        command.Parameters.Add(parameter);
        return parameter;
    }

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override bool IsUniqueViolation(DbException error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override Task WriteRowsAsync(
        DbConnection connection, DbTransaction transaction, BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        PostgresBulkWriter.WriteAsync(connection, table, rows, cancellationToken);

    /// <summary>The advisory lock key of a scope: the first 8 bytes of its SHA-256, the same in every process and release.</summary>
    internal static long LockKey(string scope) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(scope)));
}
