using System.Data.Common;

namespace Unmask.Storage.Relational;

/// <summary>A database the relational stores work on: how to open a connection and the backend's dialect.</summary>
public sealed class RelationalDatabase(Func<CancellationToken, Task<DbConnection>> open, SqlDialect dialect)
{
    public SqlDialect Dialect { get; } = dialect;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => open(cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a write transaction holding <paramref name="scope"/>'s lock and commits it;
    /// any exception rolls everything back.</summary>
    public async Task<T> WriteAsync<T>(string scope, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await Dialect.BeginWriteAsync(connection, scope, cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task WriteAsync(string scope, Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(scope, async (c, t) =>
        {
            await work(c, t);
            return true;
        }, cancellationToken);
}

/// <summary>Small helpers for commands: text, parameters and typed reads that work the same on both providers.</summary>
public static class Sql
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    /// <summary>Adds a parameter (null becomes DBNull).</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetInt64OrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
