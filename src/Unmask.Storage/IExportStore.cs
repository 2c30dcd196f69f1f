namespace Unmask.Storage;

/// <summary>What exports keep between runs: the created/modified times of each STIX object, so an unchanged object keeps
/// its times and a changed one gets a new modified time.</summary>
public interface IExportStore
{
    Task<IReadOnlyDictionary<string, StixObjectTimes>> GetStixTimesAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces these objects' times in one transaction.</summary>
    Task PutStixTimesAsync(IReadOnlyList<StixObjectTimes> times, CancellationToken cancellationToken = default);
}

public sealed record StixObjectTimes(string Id, string ContentHash, DateTimeOffset Created, DateTimeOffset Modified);
