namespace Unmask.Storage;

/// <summary>Vetting runs. Each run is a batch; a record (kind and id, e.g. applicant:A-1) belongs to the batch that
/// vetted it last. A run's records and findings are written in one transaction.</summary>
public interface IVettingStore
{
    /// <summary>Writes the batch and its records (replacing earlier results of the same records), all or nothing.</summary>
    Task SaveRunAsync(StoredVetBatch batch, IReadOnlyList<StoredVetRecord> records, CancellationToken cancellationToken = default);

    Task<StoredVetRecord?> GetRecordAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every stored record, or those of one batch, by key (ordinal order on both backends).</summary>
    IAsyncEnumerable<StoredVetRecord> ListRecordsAsync(string? batchId = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredVetBatch>> ListBatchesAsync(CancellationToken cancellationToken = default);

    /// <summary>The findings of one record in the order vetting gave them; empty when the record was never vetted.</summary>
    Task<IReadOnlyList<StoredFinding>> GetFindingsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>What the link graph takes from each record (<see cref="StoredVetRecord.GraphJson"/>), by key, without the
    /// rest of the record.</summary>
    IAsyncEnumerable<string> ListGraphJsonAsync(CancellationToken cancellationToken = default);
}

/// <param name="Id">Unique per run.</param>
/// <param name="File">The file vetted (its name as given).</param>
public sealed record StoredVetBatch(string Id, string File, string ContentSha256, string Algorithm, DateTimeOffset VettedAt, int Records);

/// <summary>One vetted record: its risk, its findings as rows, the engine's JSON result and its graph facts.</summary>
/// <param name="Key">kind:id, e.g. applicant:A-1 (the record's graph node id).</param>
/// <param name="Attachments">Files the record came with (photo, résumé), kept as blobs (<see cref="IBlobStore"/>).</param>
public sealed record StoredVetRecord(
    string Key,
    string BatchId,
    string Kind,
    string RecordId,
    string Caption,
    int Risk,
    string Level,
    string ResultJson,
    string GraphJson,
    IReadOnlyList<StoredFinding> Findings,
    IReadOnlyList<StoredVetAttachment> Attachments);

/// <summary>A file a record came with. Its content is the blob <paramref name="Sha256"/>, put in the blob store before the run
/// is saved (so a run of many photos never holds them all in memory); a run referring to a blob not stored is refused.</summary>
public sealed record StoredVetAttachment(string Name, string MediaType, string Sha256);
