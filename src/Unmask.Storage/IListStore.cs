using Unmask.Domain;

namespace Unmask.Storage;

/// <summary>Sanctions and IOC lists: datasets with versions, one current version each, replaced atomically.</summary>
public interface IListStore
{
    /// <summary>
    /// Writes each import's entities as a new version of a dataset in one transaction and makes it current only when
    /// every entity has been written. <paramref name="describe"/> is called after the stream is exhausted (readers learn the
    /// dataset's metadata while reading). Any exception leaves the previous version current and intact.
    /// </summary>
    /// <remarks>Several imports given together are written in ONE transaction: all of them become current, or none.</remarks>
    Task<IReadOnlyList<ImportResult>> ImportAsync(IReadOnlyList<PendingImport> imports, CancellationToken cancellationToken = default);

    /// <summary>The current version of every dataset.</summary>
    Task<IReadOnlyList<DatasetSummary>> GetDatasetsAsync(CancellationToken cancellationToken = default);

    /// <summary>The current dataset version that was imported from exactly these bytes (same content hash and dataset override), if any.</summary>
    Task<DatasetSummary?> FindCurrentByContentAsync(string contentHash, string? datasetOverride, CancellationToken cancellationToken = default);

    /// <summary>Entities of the current versions, optionally of some datasets only.</summary>
    IAsyncEnumerable<Entity> GetEntitiesAsync(IReadOnlyCollection<string>? datasets = null, CancellationToken cancellationToken = default);

    Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>An entity stream to import and the function that describes it once the stream has been read.</summary>
public sealed record PendingImport(IAsyncEnumerable<Entity> Entities, Func<DatasetImport> Describe);

public enum ImportStatus
{
    Imported,
    Unchanged,
    SkippedOlder,
}

/// <summary>The outcome of one file: imported as a new current version, unchanged, or skipped because it is older than the current one.</summary>
public sealed record ImportResult(ImportStatus Status, DatasetSummary Summary, string File);

/// <summary>What an import is: the dataset metadata the reader found, the file, its content hash and warnings.</summary>
/// <param name="ReplaceNewer">Replace the current version even when the file says it was published earlier.</param>
public sealed record DatasetImport(Dataset Dataset, string File, string ContentHash, string? DatasetOverride, IReadOnlyList<string> Warnings, bool ReplaceNewer = false);

/// <summary>One row of <c>lists show</c>.</summary>
public sealed record DatasetSummary(
    string Dataset,
    string Title,
    string Publisher,
    DatasetKind Kind,
    DateOnly? Published,
    int Version,
    long Entities,
    long Names,
    long Identifiers,
    DateTimeOffset ImportedAt,
    string File,
    string ContentHash,
    IReadOnlyList<string> Warnings);
