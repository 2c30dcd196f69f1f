namespace Unmask.Storage;

/// <summary>Large contents stored once by their SHA-256 (lower-case hex): page bodies, photos, snapshots. Rows of other
/// tables refer to a blob by that hash.</summary>
public interface IBlobStore
{
    /// <summary>Stores the content unless a blob with the same hash exists; returns the hash.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default);

    Task<StoredBlob?> GetAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Removes the blobs no row refers to any more; returns how many.</summary>
    Task<int> PruneAsync(CancellationToken cancellationToken = default);
}

public sealed record StoredBlob(string Sha256, string MediaType, byte[] Content);
