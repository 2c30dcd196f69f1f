namespace Unmask.Storage.Relational;

/// <summary>The <c>blobs</c> table: contents stored once by SHA-256, on either backend.</summary>
public sealed class RelationalBlobStore(RelationalDatabase database, TimeProvider time) : IBlobStore
{
    // Pruning deletes what no row refers to; writers of referring rows put their blobs in their own transaction.
    private const string WriteScope = "blobs";

    public Task<string> PutAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default) =>
        database.WriteAsync(WriteScope, (connection, transaction) =>
            RelationalBlobs.PutAsync(connection, transaction, database.Dialect, content, mediaType, time.GetUtcNow(), cancellationToken), cancellationToken);

    public async Task<StoredBlob?> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT sha256, media_type, content FROM blobs WHERE sha256 = @sha256")
            .With("@sha256", sha256.ToLowerInvariant());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredBlob(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2))
            : null;
    }

    public Task<int> PruneAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(WriteScope, (connection, transaction) =>
            RelationalBlobs.PruneAsync(connection, transaction, database.Dialect, cancellationToken), cancellationToken);
}
