using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Queries;

internal static class Neighbourhood
{
    /// <summary>Breadth-first to <paramref name="depth"/>; barriers (hubs, buildings, reference sites) are listed but not
    /// expanded unless they are the start, and the walk stops at the node limit.</summary>
    public static NeighbourhoodResult Find(LinkGraph graph, int start, int depth)
    {
        depth = Math.Clamp(depth, 0, 10);
        var limit = Math.Max(1, graph.Options.NeighbourhoodMaxNodes);
        var distance = new Dictionary<int, int> { [start] = 0 };
        var order = new List<int> { start };
        var edges = new List<int>();
        var seenEdges = new HashSet<int>();
        var truncated = false;
        for (var head = 0; head < order.Count; head++)
        {
            var node = order[head];
            var d = distance[node];
            if (d >= depth || (node != start && graph.Barriers[node]))
            {
                continue;
            }
            foreach (var e in graph.Adjacent(node))
            {
                var other = graph.Other(e, node);
                if (!distance.ContainsKey(other))
                {
                    if (order.Count >= limit)
                    {
                        truncated = true;
                        continue;
                    }
                    distance[other] = d + 1;
                    order.Add(other);
                }
                if (seenEdges.Add(e))
                {
                    edges.Add(e);
                }
            }
        }
        return new NeighbourhoodResult(graph.NodeAt(start), [.. order.Select(graph.NodeAt)], [.. edges.Select(graph.EdgeAt)], depth, truncated);
    }
}
