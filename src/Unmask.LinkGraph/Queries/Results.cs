using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Queries;

/// <summary>`graph show`: the node, the nodes within the depth and the edges between them.</summary>
/// <param name="Truncated">True when <see cref="GraphOptions.NeighbourhoodMaxNodes"/> stopped the walk.</param>
public sealed record NeighbourhoodResult(GraphNode Node, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, int Depth, bool Truncated);

/// <summary>How a user's text was matched to a node.</summary>
/// <param name="How">One of <c>exact id</c>, <c>record id</c>, <c>entity id</c>, <c>identifier value normalised</c>,
/// <c>name</c>.</param>
/// <param name="Alternatives">Other nodes the text also matched (for names), best first.</param>
public sealed record NodeResolution(string Text, GraphNode Node, string How, IReadOnlyList<string> Alternatives);

/// <summary>One hop of a path, in walking order. <paramref name="Relation"/> is the edge's own relation; when the
/// edge points against the walk (the phone → the vendor that gave it), <paramref name="Backward"/> is true.</summary>
public sealed record PathHop(string From, string To, string Relation, string Evidence, string Source, bool Backward);

/// <summary>An evidence path with its plain-words explanation. <paramref name="Strength"/> is the product of the hops'
/// effective weights (hub down-weighting included): among equally short paths the strongest comes first.</summary>
public sealed record GraphPath(IReadOnlyList<string> Nodes, IReadOnlyList<PathHop> Hops, string Explanation, double Strength)
{
    public int Length => Hops.Count;
}

public sealed record PathResult(NodeResolution From, NodeResolution To, int MaxLength, IReadOnlyList<GraphPath> Paths);

public sealed record ClusterMember(string Node, string Caption, NodeKind Kind, int Risk, string Reason);

/// <summary>A connected group of holders joined through non-hub identifiers or direct links.</summary>
/// <param name="Id"><c>cluster-N</c> by rank in this result.</param>
/// <param name="Anchor">The smallest member node id: stable across rebuilds while the group keeps that member.</param>
/// <param name="Risk">The highest propagated risk among members that are not designated entries or reference sites.</param>
/// <param name="Shared">Identifiers that join two or more members, most shared first.</param>
/// <param name="DesignatedPath">When the cluster reaches a designated entry: the shortest such path from a record or
/// suspect site.</param>
public sealed record Cluster(
    string Id,
    string Anchor,
    int Risk,
    string Level,
    IReadOnlyList<ClusterMember> Members,
    IReadOnlyList<string> Shared,
    bool ReachesDesignated,
    GraphPath? DesignatedPath);

/// <summary>A node's risk after propagation from designated entries.</summary>
/// <param name="Path">The hub-free path to the nearest designated entry that raised the risk; null when not raised.</param>
public sealed record PropagatedRisk(string Node, int Risk, int OwnRisk, string Level, GraphPath? Path);
