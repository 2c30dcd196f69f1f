using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Queries;

namespace Unmask.LinkGraph.Export;

/// <summary>What an export covers: the whole graph, or a case (its members, the identifiers they gave, and the edges
/// between selected nodes). Holds one flag per node, so selecting a 100,000-member case costs a few megabytes.</summary>
public sealed class GraphSelection
{
    private readonly bool[]? _mask;

    private GraphSelection(LinkGraph graph, bool[]? mask)
    {
        Graph = graph;
        _mask = mask;
    }

    public LinkGraph Graph { get; }

    public static GraphSelection All(LinkGraph graph) => new(graph, null);

    /// <summary>The given nodes plus, when <paramref name="withIdentifiers"/>, every identifier adjacent to one of them.
    /// Unknown ids throw <see cref="UnknownNodeException"/>.</summary>
    public static GraphSelection Of(LinkGraph graph, IEnumerable<string> nodeIds, bool withIdentifiers = true)
    {
        var mask = new bool[graph.NodeCount];
        foreach (var id in nodeIds)
        {
            var node = graph.IndexOf(id);
            mask[node] = true;
            if (!withIdentifiers)
            {
                continue;
            }
            foreach (var e in graph.Adjacent(node))
            {
                var other = graph.Other(e, node);
                if (!graph.IsHolder(other))
                {
                    mask[other] = true;
                }
            }
        }
        return new GraphSelection(graph, mask);
    }

    public static GraphSelection OfCluster(LinkGraph graph, Cluster cluster) => Of(graph, cluster.Members.Select(m => m.Node));

    internal bool Contains(int node) => _mask is null || _mask[node];

    internal IEnumerable<int> NodeIndices()
    {
        for (var i = 0; i < Graph.NodeCount; i++)
        {
            if (Contains(i))
            {
                yield return i;
            }
        }
    }

    /// <summary>Edges whose both ends are selected.</summary>
    internal IEnumerable<int> EdgeIndices()
    {
        for (var e = 0; e < Graph.EdgeCount; e++)
        {
            if (Contains(Graph.EdgeData[e].From) && Contains(Graph.EdgeData[e].To))
            {
                yield return e;
            }
        }
    }

    public int CountNodes() => _mask is null ? Graph.NodeCount : _mask.Count(m => m);
}
