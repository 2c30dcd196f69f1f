using System.Text.Json;
using Unmask.Application.Sites;
using Unmask.Application.Vetting;
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
/// joined through the identifiers they share. The built graph is kept in the store (binary form) for the queries.
/// </summary>
public sealed class GraphService(IUnmaskStore store)
{
    public const string GraphCollection = "graph";
    private const string CurrentKey = "current";

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
        foreach (var site in await new SiteService(store, TimeProvider.System).GraphInputsAsync(cancellationToken))
        {
            builder.AddSite(site);
            sites++;
        }

        var records = 0;
        await foreach (var (_, body) in store.Documents.ListAsync(VettingService.GraphRecordsCollection, cancellationToken))
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
        using (var buffer = new MemoryStream())
        {
            GraphBinary.Write(graph, buffer);
            await store.Documents.PutAsync(GraphCollection, [new(CurrentKey, Convert.ToBase64String(buffer.ToArray()))], cancellationToken);
        }
        return (graph, new GraphBuildSummary(graph.NodeCount, graph.EdgeCount, entities, sites, records));
    }

    /// <summary>Marks the stored graph out of date after lists, sites or records changed; the next query rebuilds it.</summary>
    public static Task InvalidateAsync(IUnmaskStore store, CancellationToken cancellationToken) =>
        store.Documents.DeleteAsync(GraphCollection, CurrentKey, cancellationToken);

    /// <summary>The graph last built; built now when there is none yet or when its inputs changed since.</summary>
    public async Task<LinkGraphModel> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.Documents.GetAsync(GraphCollection, CurrentKey, cancellationToken);
        if (stored is null)
        {
            return (await BuildAsync(cancellationToken)).Graph;
        }
        using var buffer = new MemoryStream(Convert.FromBase64String(stored));
        return GraphBinary.Read(buffer);
    }
}
