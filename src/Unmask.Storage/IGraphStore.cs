namespace Unmask.Storage;

/// <summary>The link graph last built: nodes and edges as rows (for queries by other tools), and the engine's snapshot
/// (a blob) that queries load.</summary>
public interface IGraphStore
{
    /// <summary>Replaces the stored graph with this one in one transaction.</summary>
    Task SaveAsync(StoredGraph graph, CancellationToken cancellationToken = default);

    /// <summary>The snapshot of the current graph, or null when none was built or its inputs changed since.</summary>
    Task<byte[]?> LoadSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the stored graph out of date (lists, sites or records changed); its rows stay until the next build.</summary>
    Task InvalidateAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<GraphNodeRow> NodesAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<GraphEdgeRow> EdgesAsync(CancellationToken cancellationToken = default);
}

public sealed record StoredGraph(DateTimeOffset BuiltAt, IReadOnlyList<GraphNodeRow> Nodes, IReadOnlyList<GraphEdgeRow> Edges, byte[] Snapshot);

/// <param name="Kind">list_entity, applicant, vendor, site, phone, email...</param>
public sealed record GraphNodeRow(string Id, string Kind, string Caption, int? Risk, string? PropertiesJson);

/// <param name="Evidence">Why the edge exists, in plain words.</param>
/// <param name="Provenance">What made it (a list, unmask vet, a site report).</param>
public sealed record GraphEdgeRow(string Source, string Target, string Kind, double Weight, string Evidence, string Provenance);
