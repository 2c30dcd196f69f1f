using Unmask.Domain;

namespace Unmask.Storage;

/// <summary>
/// Sanctions and IOC lists. A dataset is the union of its parts (one per published file, or the whole list for a
/// complete list); each part has one current version, replaced atomically by importing that part again.
/// </summary>
public interface IListStore
{
    /// <summary>
    /// Writes each import's entities as a new version of its dataset's part and makes it current only when every entity
    /// has been written; the dataset's other parts stay as they are. <paramref name="imports"/>' Describe is called after
    /// its stream is exhausted (readers learn the dataset's metadata while reading). Any exception leaves every previous
    /// version current and intact.
    /// </summary>
    /// <remarks>
    /// Several imports given together are written in ONE transaction: all of them become current, or none. An import
    /// published before its part's current version is refused with an <see cref="InputException"/> naming both dates
    /// (nothing is written) unless <see cref="DatasetImport.ReplaceNewer"/>; two imports of one part given together keep
    /// the newer, or the later when neither is older.
    /// </remarks>
    Task<IReadOnlyList<ImportResult>> ImportAsync(IReadOnlyList<PendingImport> imports, CancellationToken cancellationToken = default);

    /// <summary>Every dataset with its parts' current versions.</summary>
    Task<IReadOnlyList<DatasetSummary>> GetDatasetsAsync(CancellationToken cancellationToken = default);

    /// <summary>The dataset one of whose parts' current version was imported from exactly these bytes (same content hash,
    /// dataset override and prefix), if any.</summary>
    Task<DatasetSummary?> FindCurrentByContentAsync(string contentHash, string? datasetOverride, string? datasetPrefix = null, CancellationToken cancellationToken = default);

    /// <summary>Removes a whole dataset, or one of its parts (<paramref name="part"/>), in one transaction. Returns the
    /// dataset as it was before, or null when there is no such dataset or part (then nothing changes).</summary>
    Task<DatasetSummary?> RemoveAsync(string dataset, string? part, CancellationToken cancellationToken = default);

    /// <summary>Entities of the current versions, optionally of some datasets only. An id found in several parts of one
    /// dataset is read from the part imported last.</summary>
    IAsyncEnumerable<Entity> GetEntitiesAsync(IReadOnlyCollection<string>? datasets = null, CancellationToken cancellationToken = default);

    Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>An entity stream to import and the function that describes it once the stream has been read.</summary>
public sealed record PendingImport(IAsyncEnumerable<Entity> Entities, Func<DatasetImport> Describe);

public enum ImportStatus
{
    /// <summary>Now the current version of its part.</summary>
    Imported,

    /// <summary>These bytes are already a current version: nothing was written.</summary>
    Unchanged,

    /// <summary>Another file of the same part given in the same command was newer (or came later) and is current instead.</summary>
    Superseded,
}

/// <summary>The outcome of one file: the dataset after the whole command, and the part version the file made.</summary>
public sealed record ImportResult(ImportStatus Status, DatasetSummary Summary, PartSummary Part, string File)
{
    /// <summary>The records of the file its reader left out (unknown type, wrong value type, dangling reference...), one
    /// line each naming where and why; set by the importer, empty when the file was read whole. A file of several datasets
    /// gives the same list on each of its parts.</summary>
    public IReadOnlyList<string> Rejections { get; init; } = [];
}

/// <summary>What an import is: the dataset metadata the reader found, the file and the part of the dataset it fills, its
/// content hash and warnings.</summary>
/// <param name="Part">The part of the dataset the file replaces (<c>emails</c>, or <c>list</c> for a complete list).</param>
/// <param name="DatasetOverride">The dataset name given instead of the reader's (<c>--source</c>), if any.</param>
/// <param name="ReplaceNewer">Replace the current version even when the file says it was published earlier.</param>
/// <param name="DatasetPrefix">Put before the reader's dataset name (the demo's <c>sample_</c>), if any.</param>
public sealed record DatasetImport(
    Dataset Dataset, string File, string Part, string ContentHash, string? DatasetOverride, IReadOnlyList<string> Warnings,
    bool ReplaceNewer = false, string? DatasetPrefix = null);

/// <summary>One row of <c>lists show</c>: the dataset as the union of its parts. Title, publisher and kind are those of
/// the part imported last; <see cref="Published"/> is the newest part's date; the counts are of distinct entities.</summary>
/// <param name="Version">Goes up by one with every change of any part.</param>
/// <param name="File">The parts' files, in part order.</param>
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
    IReadOnlyList<PartSummary> Parts)
{
    /// <summary>Every part's warnings.</summary>
    public IReadOnlyList<string> Warnings => [.. Parts.SelectMany(p => p.Warnings)];
}

/// <summary>One version of one part of a dataset: the file it was read from, its date, counts and warnings.</summary>
public sealed record PartSummary(
    string Part,
    string File,
    DateOnly? Published,
    long Entities,
    long Names,
    long Identifiers,
    DateTimeOffset ImportedAt,
    string ContentHash,
    IReadOnlyList<string> Warnings);
