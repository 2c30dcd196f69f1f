using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Queries;

/// <summary>
/// Risk spreads from designated list entries (sanctions or IOC) along hub-free paths: a holder d hops from the nearest
/// designated entry gets at least <c>clamp(ceiling × decay^(d-1), floor, ceiling)</c> (defaults 90, 0.9, 30: one hop 90,
/// two hops 81, four hops 66), never less than its own risk. Identifiers, hubs and reference sites (victims of copying)
/// are never raised. One multi-source breadth-first pass over the whole graph, done once per graph.
/// </summary>
internal sealed class RiskPropagation
{
    private readonly LinkGraph _graph;
    private readonly int[] _distance;
    private readonly int[] _parent;

    public RiskPropagation(LinkGraph graph)
    {
        _graph = graph;
        var n = graph.NodeCount;
        _distance = new int[n];
        _parent = new int[n];
        Array.Fill(_distance, -1);
        Array.Fill(_parent, -1);
        var queue = new Queue<int>();
        for (var i = 0; i < n; i++)
        {
            if ((graph.NodeData[i].Flags & NodeFlags.Designated) != 0)
            {
                _distance[i] = 0;
                queue.Enqueue(i);
            }
        }
        while (queue.TryDequeue(out var u))
        {
            if (_distance[u] > 0 && graph.Barriers[u])
            {
                continue;
            }
            foreach (var v in graph.Neighbours(u))
            {
                if (_distance[v] < 0)
                {
                    _distance[v] = _distance[u] + 1;
                    _parent[v] = u;
                    queue.Enqueue(v);
                }
            }
        }
    }

    /// <summary>Hops to the nearest designated entry over hub-free paths; -1 when none is reachable.</summary>
    public int Distance(int node) => _distance[node];

    public bool Raisable(int node) =>
        _graph.IsHolder(node) && !_graph.Barriers[node] && (_graph.NodeData[node].Flags & NodeFlags.Designated) == 0;

    public int RiskOf(int node)
    {
        int own = _graph.NodeData[node].Risk;
        return Raisable(node) && _distance[node] > 0 ? Math.Max(own, Raised(_distance[node])) : own;
    }

    public PropagatedRisk For(int node)
    {
        var risk = RiskOf(node);
        var path = _distance[node] > 0 && Raisable(node) ? PathToDesignated(node) : null;
        return new PropagatedRisk(_graph.NodeData[node].Id, risk, _graph.NodeData[node].Risk, RiskLevels.Of(risk), path);
    }

    public GraphPath PathToDesignated(int node)
    {
        var path = new List<int>();
        for (var n = node; n != -1; n = _parent[n])
        {
            path.Add(n);
        }
        return PathFinder.Describe(_graph, [.. path]);
    }

    private int Raised(int distance)
    {
        var options = _graph.Options;
        var value = options.ReachRiskCeiling * Math.Pow(options.ReachDecayPerHop, distance - 1);
        return (int)Math.Round(Math.Clamp(value, options.ReachRiskFloor, options.ReachRiskCeiling));
    }
}
