using System.Text.Json;
using Unmask.Application.Sites;
using Unmask.Domain;
using Unmask.LinkGraph;
using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Serialisation;
using Unmask.Storage;
using Unmask.WebsiteAnalysis.Analysis;
using LinkGraphModel = Unmask.LinkGraph.LinkGraph;

namespace Unmask.Application.Graph;

/// <summary>What <c>graph build</c> put together.</summary>
public sealed record GraphBuildSummary(int Nodes, int Edges, int ListEntities, int Sites, int Records);

/// <summary>
/// The BuildGraph use case: every list entity, indexed or analysed site and vetted record in the store becomes nodes
/// joined through the identifiers they share. The built graph is kept in the store: its nodes and edges as rows for other
/// tools, and its binary snapshot for the queries.
/// </summary>
/// <param name="time">When a graph is built; the system clock when not given.</param>
public sealed class GraphService(IUnmaskStore store, TimeProvider? time = null)
{

    public async Task<(LinkGraphModel Graph, GraphBuildSummary Summary)> BuildAsync(CancellationToken cancellationToken)
    {
        var builder = new GraphBuilder();
        var kinds = (await store.Lists.GetDatasetsAsync(cancellationToken)).ToDictionary(d => d.Dataset, d => d.Kind, StringComparer.Ordinal);
        var entities = 0;
        await foreach (var entity in store.Lists.GetEntitiesAsync(cancellationToken: cancellationToken))
        {
            builder.AddEntity(entity, kinds.GetValueOrDefault(entity.Dataset, DatasetKind.Other));
            entities++;
        }

        var sites = 0;
        var siteService = new SiteService(store, TimeProvider.System);
        var domains = await siteService.SitesByDomainAsync(cancellationToken);
        foreach (var site in await siteService.GraphInputsAsync(cancellationToken))
        {
            builder.AddSite(site with { OwnsKey = domains.OwnsKey(site.Key) });
            sites++;
        }

        var records = 0;
        await foreach (var body in store.Vetting.ListGraphJsonAsync(cancellationToken))
        {
            if (JsonSerializer.Deserialize<GraphRecord>(body) is not { } record)
            {
                continue;
            }
            var kind = Enum.Parse<NodeKind>(record.Kind, ignoreCase: true);
            var node = builder.AddRecord(kind, record.Id, record.Caption,
                record.Links.Select(l => new RecordLink(l.Relation, l.Target, l.Evidence, "unmask vet")), record.Risk);
            foreach (var match in record.Matches)
            {
                builder.AddMatch(node, match.Target, 1.0, match.Evidence, $"unmask vet ({match.Relation})");
            }
            records++;
        }

        var graph = builder.Build();
        await store.Graph.SaveAsync(Stored(graph, (time ?? TimeProvider.System).GetUtcNow()), cancellationToken);
        return (graph, new GraphBuildSummary(graph.NodeCount, graph.EdgeCount, entities, sites, records));
    }

    /// <summary>Marks the stored graph out of date after lists, sites or records changed; the next query rebuilds it.</summary>
    public static Task InvalidateAsync(IUnmaskStore store, CancellationToken cancellationToken) =>
        store.Graph.InvalidateAsync(cancellationToken);

    /// <summary>The graph last built; built now when there is none yet or when its inputs changed since.</summary>
    public async Task<LinkGraphModel> LoadAsync(CancellationToken cancellationToken)
    {
        if (await store.Graph.LoadSnapshotAsync(cancellationToken) is not { } snapshot)
        {
            return (await BuildAsync(cancellationToken)).Graph;
        }
        using var buffer = new MemoryStream(snapshot);
        return GraphBinary.Read(buffer);
    }

    /// <summary>The graph as the store keeps it: a row per node and edge (what a node is beyond its kind, caption and risk
    /// goes into its properties) and the binary snapshot.</summary>
    public static StoredGraph Stored(LinkGraphModel graph, DateTimeOffset builtAt)
    {
        using var buffer = new MemoryStream();
        GraphBinary.Write(graph, buffer);
        return new StoredGraph(builtAt,
            [.. graph.Nodes.Select(n => new GraphNodeRow(n.Id, n.Kind.Prefix(), n.Caption, n.Risk, PropertiesOf(n)))],
            [.. graph.Edges.Select(e => new GraphEdgeRow(e.From, e.To, e.Relation, e.Weight, e.Evidence, e.Source))],
            buffer.ToArray());
    }

    private static string? PropertiesOf(GraphNode node)
    {
        var properties = new SortedDictionary<string, object>(StringComparer.Ordinal);
        if (node.Flags != NodeFlags.None)
        {
            properties["flags"] = node.Flags.ToString().ToLowerInvariant();
        }
        if (node.Schema is { } schema)
        {
            properties["schema"] = schema;
        }
        if (node.Dataset is { } dataset)
        {
            properties["dataset"] = dataset;
        }
        if (node.IsIdentifier)
        {
            properties["holder_degree"] = node.HolderDegree;
            properties["weight"] = node.Weight;
            properties["hub"] = node.IsHub;
        }
        return properties.Count == 0 ? null : JsonSerializer.Serialize(properties);
    }
}
