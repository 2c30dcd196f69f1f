namespace Unmask.Storage;

/// <summary>A small keyed document store: collections of JSON documents (indexed sites, vetted records, graph edges).</summary>
public interface IDocumentStore
{
    /// <summary>Inserts or replaces documents in one transaction.</summary>
    Task PutAsync(string collection, IEnumerable<KeyValuePair<string, string>> documents, CancellationToken cancellationToken = default);

    Task<string?> GetAsync(string collection, string key, CancellationToken cancellationToken = default);

    IAsyncEnumerable<KeyValuePair<string, string>> ListAsync(string collection, CancellationToken cancellationToken = default);

    Task<int> DeleteAsync(string collection, string? key = null, CancellationToken cancellationToken = default);
}
