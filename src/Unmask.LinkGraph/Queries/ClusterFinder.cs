using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Queries;

/// <summary>
/// Connected components over edges whose ends are both non-barriers (union-find, near-linear: a giant component cannot
/// hang it). Members are the holders of a component plus reference sites a member links to directly (listed, but they
/// join nothing). Only components with an applicant, contractor, vendor or suspect site are listed.
/// </summary>
internal static class ClusterFinder
{
    private const int ReasonScanLimit = 64;

    public static IReadOnlyList<Cluster> Find(LinkGraph graph, RiskPropagation risk, int minSize)
    {
        var n = graph.NodeCount;
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
        }
        foreach (ref readonly var edge in graph.EdgeData.AsSpan())
        {
            if (!graph.Barriers[edge.From] && !graph.Barriers[edge.To])
            {
                Union(parent, edge.From, edge.To);
            }
        }
        var interesting = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (!graph.Barriers[i] && IsListable(graph, i))
            {
                interesting[Find(parent, i)] = true;
            }
        }
        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            if (graph.Barriers[i])
            {
                continue;
            }
            var root = Find(parent, i);
            if (!interesting[root])
            {
                continue;
            }
            if (!groups.TryGetValue(root, out var list))
            {
                groups[root] = list = [];
            }
            list.Add(i);
        }
        var clusters = new List<(Cluster Cluster, int Size)>();
        foreach (var nodes in groups.Values)
        {
            var cluster = Describe(graph, risk, nodes);
            if (cluster.Members.Count >= Math.Max(1, minSize))
            {
                clusters.Add((cluster, cluster.Members.Count));
            }
        }
        var ranked = clusters.OrderByDescending(c => c.Cluster.Risk).ThenByDescending(c => c.Size)
            .ThenBy(c => c.Cluster.Anchor, StringComparer.Ordinal).Select(c => c.Cluster).ToList();
        return [.. ranked.Select((c, i) => c with { Id = $"cluster-{i + 1}" })];
    }

    private static bool IsListable(LinkGraph graph, int node)
    {
        ref readonly var n = ref graph.NodeData[node];
        return n.Kind.IsRecord() || (n.Kind == NodeKind.Site && (n.Flags & NodeFlags.Suspect) != 0);
    }

    private static Cluster Describe(LinkGraph graph, RiskPropagation risk, List<int> nodes)
    {
        var holders = nodes.Where(graph.IsHolder).ToList();
        var inCluster = new HashSet<int>(holders);
        var attached = new SortedSet<int>();
        foreach (var h in holders)
        {
            foreach (var e in graph.Adjacent(h))
            {
                var other = graph.Other(e, h);
                if (graph.Barriers[other] && graph.IsHolder(other))
                {
                    attached.Add(other);
                }
            }
        }
        var members = new List<ClusterMember>(holders.Count + attached.Count);
        foreach (var h in holders.Concat(attached))
        {
            ref readonly var data = ref graph.NodeData[h];
            members.Add(new ClusterMember(data.Id, data.Caption, data.Kind, risk.RiskOf(h), Reason(graph, h, inCluster)));
        }
        members.Sort((a, b) => b.Risk != a.Risk ? b.Risk.CompareTo(a.Risk) : string.CompareOrdinal(a.Node, b.Node));
        var shared = nodes.Where(i => !graph.IsHolder(i) && graph.HolderDegrees[i] >= 2)
            .OrderByDescending(i => graph.HolderDegrees[i]).ThenBy(i => graph.NodeData[i].Id, StringComparer.Ordinal)
            .Select(i => graph.NodeData[i].Id).ToList();
        var reaches = nodes.Any(i => (graph.NodeData[i].Flags & NodeFlags.Designated) != 0);
        var clusterRisk = holders.Where(risk.Raisable).Select(risk.RiskOf).DefaultIfEmpty(0).Max();
        GraphPath? designatedPath = null;
        if (reaches)
        {
            var closest = holders.Where(h => IsListable(graph, h) && risk.Distance(h) > 0)
                .OrderBy(risk.Distance).ThenBy(h => graph.NodeData[h].Id, StringComparer.Ordinal).FirstOrDefault(-1);
            designatedPath = closest >= 0 ? risk.PathToDesignated(closest) : null;
        }
        var anchor = members.Select(m => m.Node).Min(StringComparer.Ordinal)!;
        return new Cluster("", anchor, clusterRisk, RiskLevels.Of(clusterRisk), members, shared, reaches, designatedPath);
    }

    /// <summary>Why a member is in its cluster, in words: the first identifier it shares with another member, else its
    /// first direct link to one.</summary>
    private static string Reason(LinkGraph graph, int member, HashSet<int> inCluster)
    {
        ref readonly var data = ref graph.NodeData[member];
        if ((data.Flags & NodeFlags.Designated) != 0)
        {
            return $"designated list entry ({data.Dataset ?? "list"})";
        }
        var adjacent = graph.Adjacent(member);
        string? direct = null;
        for (var k = 0; k < adjacent.Length && k < ReasonScanLimit; k++)
        {
            var e = adjacent[k];
            var other = graph.Other(e, member);
            if (graph.IsHolder(other))
            {
                if (direct is null && (inCluster.Contains(other) || graph.Barriers[other]))
                {
                    var (forward, backward) = Relations.Phrases(graph.RelationNames[graph.EdgeData[e].Relation]);
                    direct = $"{(graph.EdgeData[e].From == member ? forward : backward)} {graph.NodeData[other].Id}";
                }
                continue;
            }
            if (graph.Barriers[other])
            {
                continue;
            }
            var around = graph.Neighbours(other);
            for (var j = 0; j < around.Length && j < ReasonScanLimit; j++)
            {
                var peer = around[j];
                if (peer != member && graph.IsHolder(peer) && inCluster.Contains(peer))
                {
                    return $"shares {graph.NodeData[other].Kind.Label()} {graph.NodeData[other].Caption} with {graph.NodeData[peer].Id}";
                }
            }
        }
        return direct ?? "linked through a chain of shared identifiers";
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            // Smaller index becomes the root: deterministic, and path halving keeps trees shallow.
            if (ra < rb)
            {
                parent[rb] = ra;
            }
            else
            {
                parent[ra] = rb;
            }
        }
    }
}
