using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Queries;
using static Unmask.LinkGraph.GraphBuilder;

namespace Unmask.LinkGraph;

/// <summary>
/// The immutable link graph: every holder (list entity, vetted record, site) and every identifier it gave, with edges
/// carrying their evidence. Queries treat edges as undirected. Hub rule: an identifier's weight is
/// <c>1 / log2(1 + d)</c> where d is the number of distinct holders sharing it (1 holder → 1.0, 3 → 0.5, 50 → 0.18);
/// an identifier shared by more than <see cref="GraphOptions.HubDegreeCap"/> holders, or on the known-hub list, is a hub.
/// Hubs, buildings (addresses without their unit) and reference sites are barriers: a path, a cluster or risk can end at
/// them but never passes through them, so one gmail.com or registered-agent address can neither join strangers nor
/// make a query walk a giant component. Safe for concurrent queries.
/// </summary>
public sealed class LinkGraph
{
    internal readonly NodeRecord[] NodeData;
    internal readonly EdgeRecord[] EdgeData;
    internal readonly string[] RelationNames;
    internal readonly int[] AdjacencyOffsets;
    internal readonly int[] AdjacencyEdges;
    // The node at the other end of each AdjacencyEdges entry: walks read one array sequentially instead of jumping
    // into the edge records (a cache miss per edge on a five-million-edge graph).
    internal readonly int[] AdjacencyNodes;
    internal readonly int[] HolderDegrees;
    internal readonly bool[] Barriers;
    internal readonly bool[] Hubs;
    private readonly Dictionary<string, int> _index;
    private readonly Lazy<RiskPropagation> _propagation;
    private readonly Lazy<NodeResolver> _resolver;

    internal LinkGraph(NodeRecord[] nodes, EdgeRecord[] edges, string[] relations, Dictionary<string, int> index, GraphOptions options)
    {
        NodeData = nodes;
        EdgeData = edges;
        RelationNames = relations;
        _index = index;
        Options = options;
        (AdjacencyOffsets, AdjacencyEdges, AdjacencyNodes) = BuildAdjacency(nodes.Length, edges);
        HolderDegrees = CountHolders();
        Hubs = new bool[nodes.Length];
        Barriers = new bool[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            ref readonly var node = ref nodes[i];
            Hubs[i] = node.Kind.IsIdentifier() && (HolderDegrees[i] > options.HubDegreeCap || options.IsKnownHub(node.Id));
            Barriers[i] = Hubs[i] || node.Kind == NodeKind.Building
                          || (node.Kind == NodeKind.Site && (node.Flags & NodeFlags.Reference) != 0 && (node.Flags & NodeFlags.Suspect) == 0);
        }
        _propagation = new Lazy<RiskPropagation>(() => new RiskPropagation(this), LazyThreadSafetyMode.ExecutionAndPublication);
        _resolver = new Lazy<NodeResolver>(() => new NodeResolver(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public GraphOptions Options { get; }
    public int NodeCount => NodeData.Length;
    public int EdgeCount => EdgeData.Length;

    public bool Contains(string nodeId) => _index.ContainsKey(nodeId);

    /// <summary>The node with this exact id; throws <see cref="UnknownNodeException"/> when absent.</summary>
    public GraphNode Node(string nodeId) => NodeAt(IndexOf(nodeId));

    public IEnumerable<GraphNode> Nodes
    {
        get
        {
            for (var i = 0; i < NodeData.Length; i++)
            {
                yield return NodeAt(i);
            }
        }
    }

    public IEnumerable<GraphEdge> Edges
    {
        get
        {
            for (var i = 0; i < EdgeData.Length; i++)
            {
                yield return EdgeAt(i);
            }
        }
    }

    /// <summary>Edges touching a node, both directions.</summary>
    public IEnumerable<GraphEdge> EdgesOf(string nodeId)
    {
        var index = IndexOf(nodeId);
        for (var k = AdjacencyOffsets[index]; k < AdjacencyOffsets[index + 1]; k++)
        {
            yield return EdgeAt(AdjacencyEdges[k]);
        }
    }

    /// <summary>The node and everything within <paramref name="depth"/> hops (`graph show`); hubs are shown but not expanded.</summary>
    public NeighbourhoodResult Neighbourhood(string nodeId, int depth = 1) => Queries.Neighbourhood.Find(this, IndexOf(nodeId), depth);

    /// <summary>Up to <paramref name="limit"/> shortest evidence paths (fewest hops, then strongest) that avoid hubs,
    /// each explained in plain words. <paramref name="from"/> and <paramref name="to"/> may be ids, names or identifier values.</summary>
    public PathResult Paths(string from, string to, int maxLength = 6, int limit = 3)
    {
        var a = ResolveNode(from);
        var b = ResolveNode(to);
        return PathFinder.Find(this, a, b, maxLength, limit);
    }

    /// <summary>Finds the node a user meant: exact id, record id, entity id, normalised identifier value, then name.</summary>
    public NodeResolution ResolveNode(string text) => _resolver.Value.Resolve(text);

    /// <summary>Connected groups (through non-hub identifiers) holding at least one applicant, contractor, vendor or
    /// suspect site and at least <paramref name="minSize"/> members, riskiest first.</summary>
    public IReadOnlyList<Cluster> Clusters(int minSize = 2) => ClusterFinder.Find(this, _propagation.Value, minSize);

    /// <summary>A node's risk after propagation: its own risk, raised when a path that avoids hubs reaches a designated
    /// list entry (the path is the evidence).</summary>
    public PropagatedRisk PropagatedRisk(string nodeId) => _propagation.Value.For(IndexOf(nodeId));

    internal int IndexOf(string nodeId) =>
        _index.TryGetValue(nodeId, out var index) ? index : throw new UnknownNodeException(nodeId);

    internal bool TryIndexOf(string nodeId, out int index) => _index.TryGetValue(nodeId, out index);

    internal GraphNode NodeAt(int i)
    {
        ref readonly var n = ref NodeData[i];
        return new GraphNode(n.Id, n.Kind, n.Caption, n.Risk, n.Flags, n.Schema, n.Dataset, HolderDegrees[i], NodeWeight(i), Hubs[i]);
    }

    internal GraphEdge EdgeAt(int e)
    {
        ref readonly var edge = ref EdgeData[e];
        return new GraphEdge(NodeData[edge.From].Id, NodeData[edge.To].Id, RelationNames[edge.Relation], edge.Evidence, edge.Source, edge.Weight);
    }

    /// <summary>1 for holders; 1/log2(1 + holders sharing it) for identifiers.</summary>
    internal double NodeWeight(int i) =>
        NodeData[i].Kind.IsIdentifier() ? 1.0 / Math.Log2(1 + Math.Max(1, HolderDegrees[i])) : 1.0;

    /// <summary>The builder's weight times the weight of each identifier end.</summary>
    internal double EffectiveWeight(int e) => EdgeData[e].Weight * NodeWeight(EdgeData[e].From) * NodeWeight(EdgeData[e].To);

    internal int Other(int e, int node) => EdgeData[e].From == node ? EdgeData[e].To : EdgeData[e].From;

    internal ReadOnlySpan<int> Adjacent(int node) =>
        AdjacencyEdges.AsSpan(AdjacencyOffsets[node], AdjacencyOffsets[node + 1] - AdjacencyOffsets[node]);

    /// <summary>Neighbours of a node, aligned with <see cref="Adjacent"/>.</summary>
    internal ReadOnlySpan<int> Neighbours(int node) =>
        AdjacencyNodes.AsSpan(AdjacencyOffsets[node], AdjacencyOffsets[node + 1] - AdjacencyOffsets[node]);

    internal bool IsHolder(int node) => !NodeData[node].Kind.IsIdentifier();

    private static (int[] Offsets, int[] Edges, int[] Nodes) BuildAdjacency(int nodeCount, EdgeRecord[] edges)
    {
        var offsets = new int[nodeCount + 1];
        foreach (ref readonly var edge in edges.AsSpan())
        {
            offsets[edge.From + 1]++;
            offsets[edge.To + 1]++;
        }
        for (var i = 0; i < nodeCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }
        var fill = offsets[..^1];
        var adjacency = new int[edges.Length * 2];
        var neighbours = new int[edges.Length * 2];
        for (var e = 0; e < edges.Length; e++)
        {
            var (from, to) = (edges[e].From, edges[e].To);
            neighbours[fill[from]] = to;
            adjacency[fill[from]++] = e;
            neighbours[fill[to]] = from;
            adjacency[fill[to]++] = e;
        }
        return (offsets, adjacency, neighbours);
    }

    private int[] CountHolders()
    {
        var degrees = new int[NodeData.Length];
        var seen = new int[NodeData.Length];
        Array.Fill(seen, -1);
        for (var v = 0; v < NodeData.Length; v++)
        {
            if (!NodeData[v].Kind.IsIdentifier())
            {
                continue;
            }
            var count = 0;
            foreach (var other in Neighbours(v))
            {
                if (IsHolder(other) && seen[other] != v)
                {
                    seen[other] = v;
                    count++;
                }
            }
            degrees[v] = count;
        }
        return degrees;
    }
}
