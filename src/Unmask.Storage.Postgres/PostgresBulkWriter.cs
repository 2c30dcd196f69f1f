using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Unmask.Storage.Relational;

namespace Unmask.Storage.Postgres;

/// <summary>PostgreSQL's bulk write: one binary COPY per call, inside the connection's transaction (a failure or a lost
/// connection aborts the COPY with the transaction, so nothing of it is kept).</summary>
internal static class PostgresBulkWriter
{
    public static async Task WriteAsync(DbConnection connection, BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var types = table.Columns.Select(c => c.Type).ToArray();
        var copy = $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < types.Length; i++)
            {
                await (row[i] switch
                {
                    null => importer.WriteNullAsync(cancellationToken),
                    long number => importer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
                    string text => importer.WriteAsync(text, TextType(types[i]), cancellationToken),
                    var other => throw new ArgumentException($"{table.Name}: a {other.GetType().Name} cannot be copied as {types[i]}", nameof(rows)),
                });
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static NpgsqlDbType TextType(BulkType type) => type switch
    {
        BulkType.Json => NpgsqlDbType.Json,
        BulkType.Jsonb => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };
}
