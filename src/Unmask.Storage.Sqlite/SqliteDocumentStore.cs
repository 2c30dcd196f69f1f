using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Unmask.Storage;

namespace Unmask.Storage.Sqlite;

internal sealed class SqliteDocumentStore(Func<SqliteConnection> open) : IDocumentStore
{
    public Task PutAsync(string collection, IEnumerable<KeyValuePair<string, string>> documents, CancellationToken cancellationToken = default) =>
        PutAsync([new DocumentBatch(collection, documents)], cancellationToken);

    public Task PutAsync(IReadOnlyList<DocumentBatch> batches, CancellationToken cancellationToken = default)
    {
        foreach (var batch in batches)
        {
            RefuseAudited(batch.Collection);
        }
        using var connection = open();
        using var transaction = connection.BeginTransaction();
        foreach (var batch in batches)
        {
            Upsert(connection, transaction, batch.Collection, batch.Documents);
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>Inserts or replaces documents inside the caller's transaction (the audit log writes audited documents with their entry).</summary>
    internal static void Upsert(SqliteConnection connection, SqliteTransaction transaction, string collection, IEnumerable<KeyValuePair<string, string>> documents)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO documents (collection, key, body) VALUES ($c, $k, $b) ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body";
        command.Parameters.AddWithValue("$c", collection);
        var key = command.Parameters.Add("$k", SqliteType.Text);
        var body = command.Parameters.Add("$b", SqliteType.Text);
        foreach (var (k, b) in documents)
        {
            key.Value = k;
            body.Value = b;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Audited collections change only together with their audit entry (<see cref="IAuditLog"/>), never on their own.</summary>
    private static void RefuseAudited(string collection)
    {
        if (AuditChain.AuditedCollections.Contains(collection))
        {
            throw new InvalidOperationException($"documents in '{collection}' are written through the audit log, with the entry that records the change");
        }
    }

    public async Task<string?> GetAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM documents WHERE collection = $c AND key = $k";
        command.Parameters.AddWithValue("$c", collection);
        command.Parameters.AddWithValue("$k", key);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async IAsyncEnumerable<KeyValuePair<string, string>> ListAsync(string collection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, body FROM documents WHERE collection = $c ORDER BY key";
        command.Parameters.AddWithValue("$c", collection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new(reader.GetString(0), reader.GetString(1));
        }
    }

    public async Task<int> DeleteAsync(string collection, string? key = null, CancellationToken cancellationToken = default)
    {
        RefuseAudited(collection);
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = key is null
            ? "DELETE FROM documents WHERE collection = $c"
            : "DELETE FROM documents WHERE collection = $c AND key = $k";
        command.Parameters.AddWithValue("$c", collection);
        if (key is not null)
        {
            command.Parameters.AddWithValue("$k", key);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
