using System.Data.Common;

namespace Unmask.Storage.Relational;

/// <summary>A table that rows are written to in bulk (list import), with its columns in the order of each row's values.</summary>
public sealed record BulkTable(string Name, IReadOnlyList<BulkColumn> Columns)
{
    /// <summary>The prepared <c>INSERT</c> that writes one row, with parameters <c>@p0</c>, <c>@p1</c>, ...</summary>
    public string InsertSql =>
        $"INSERT INTO {Name} ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})";
}

/// <summary>A column of a <see cref="BulkTable"/> and the type its values are written as.</summary>
public sealed record BulkColumn(string Name, BulkType Type);

public enum BulkType
{
    Text,

    /// <summary>A 64-bit integer (<c>long</c>).</summary>
    Integer,

    /// <summary>JSON kept as written, key order included (PostgreSQL <c>json</c>, SQLite text).</summary>
    Json,

    /// <summary>JSON kept parsed (PostgreSQL <c>jsonb</c>, SQLite text).</summary>
    Jsonb,
}

/// <summary>The portable way to write rows in bulk: one prepared <c>INSERT</c> executed per row, inside the caller's
/// transaction. SQLite's fastest path; PostgreSQL uses binary COPY instead.</summary>
public static class PreparedInserts
{
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, table.InsertSql);
        var parameters = table.Columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        var prepared = false;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }
            if (!prepared)
            {
                await command.PrepareAsync(cancellationToken);
                prepared = true;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
