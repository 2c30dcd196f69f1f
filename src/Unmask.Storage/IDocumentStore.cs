namespace Unmask.Storage;

/// <summary>A small keyed document store: collections of JSON documents (indexed sites, vetted records, graph edges).</summary>
public interface IDocumentStore
{
    /// <summary>Inserts or replaces documents in one transaction.</summary>
    Task PutAsync(string collection, IEnumerable<KeyValuePair<string, string>> documents, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the documents of several collections in one transaction: all of them, or none
    /// (a vetting run's results and its graph records must never be half the old run and half the new).</summary>
    Task PutAsync(IReadOnlyList<DocumentBatch> batches, CancellationToken cancellationToken = default);

    Task<string?> GetAsync(string collection, string key, CancellationToken cancellationToken = default);

    IAsyncEnumerable<KeyValuePair<string, string>> ListAsync(string collection, CancellationToken cancellationToken = default);

    Task<int> DeleteAsync(string collection, string? key = null, CancellationToken cancellationToken = default);
}

/// <summary>Documents for one collection, for <see cref="IDocumentStore.PutAsync(IReadOnlyList{DocumentBatch}, CancellationToken)"/>.</summary>
public sealed record DocumentBatch(string Collection, IEnumerable<KeyValuePair<string, string>> Documents);
