using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Application.Lists;

/// <summary>What <c>lists remove</c> removed: the dataset as it was, and the part when only one part was removed.</summary>
public sealed record RemovedList(DatasetSummary Dataset, PartSummary? Part);

/// <summary>
/// The RemoveList use case: removes a dataset (<c>DATASET</c>) or one of its parts (<c>DATASET/PART</c>) and records it in
/// the audit log, since what is no longer listed can no longer be found by screening.
/// </summary>
public sealed class ListRemoval(IUnmaskStore store)
{
    public async Task<RemovedList> RemoveAsync(string target, string actor, CancellationToken cancellationToken = default)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        var dataset = slash < 0 ? target : target[..slash];
        var part = slash < 0 ? null : target[(slash + 1)..];
        if (dataset.Length == 0 || part is { Length: 0 })
        {
            throw new InputException(target, null, "expected DATASET or DATASET/PART (see 'unmask lists show')");
        }
        var removed = await store.Lists.RemoveAsync(dataset, part, cancellationToken)
            ?? throw new InputException(target, null, await NotFoundAsync(dataset, part, cancellationToken));
        var removedPart = part is null ? null : removed.Parts.Single(p => p.Part == part);
        var what = removedPart is null
            ? $"dataset {dataset}: {removed.Parts.Count} part(s) ({removed.File}), {removed.Entities} entities, published {Day(removed.Published)}"
            : $"part {part} of {dataset}: {removedPart.File}, {removedPart.Entities} entities, published {Day(removedPart.Published)}";
        await store.Audit.AppendAsync(actor, "lists.remove", target, $"removed {what}", cancellationToken);
        await Graph.GraphService.InvalidateAsync(store, cancellationToken);
        return new RemovedList(removed, removedPart);
    }

    private async Task<string> NotFoundAsync(string dataset, string? part, CancellationToken cancellationToken)
    {
        var datasets = await store.Lists.GetDatasetsAsync(cancellationToken);
        var found = datasets.FirstOrDefault(d => d.Dataset == dataset);
        return found is null
            ? $"no dataset '{dataset}' in the store (it holds: {(datasets.Count == 0 ? "none" : string.Join(", ", datasets.Select(d => d.Dataset)))})"
            : $"dataset '{dataset}' has no part '{part}' (its parts: {string.Join(", ", found.Parts.Select(p => p.Part))})";
    }

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "undated";
}
