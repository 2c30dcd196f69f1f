namespace Unmask.LinkGraph.Model;

[Flags]
public enum NodeFlags : byte
{
    None = 0,
    /// <summary>A list entity of a sanctions dataset or an IOC list entry.</summary>
    Designated = 1,
    /// <summary>A site analysed or indexed as a suspect.</summary>
    Suspect = 2,
    /// <summary>A site indexed as a legitimate reference firm (the victim of copying): never a bridge between others.</summary>
    Reference = 4,
}

/// <summary>A node as queries return it.</summary>
/// <param name="Risk">The node's own risk (0-100) as the builder was told (vetting risk, 100 for designated entries).</param>
/// <param name="HolderDegree">For identifiers: how many distinct holders (records, entities, sites) share it.</param>
/// <param name="Weight">For identifiers: 1/log2(1 + HolderDegree), how much sharing it says; 1 for holders.</param>
/// <param name="IsHub">True for identifiers above the degree cap or on the known-hub list: never traversed.</param>
public sealed record GraphNode(
    string Id,
    NodeKind Kind,
    string Caption,
    int Risk,
    NodeFlags Flags,
    string? Schema,
    string? Dataset,
    int HolderDegree,
    double Weight,
    bool IsHub)
{
    public bool IsDesignated => (Flags & NodeFlags.Designated) != 0;
    public bool IsIdentifier => Kind.IsIdentifier();
}

/// <summary>An edge as given to the builder: direction from → to as the relation reads ("A-17 has_phone +1…").</summary>
/// <param name="Weight">The builder's weight (match score for <c>matches</c>), before hub down-weighting.</param>
public sealed record GraphEdge(string From, string To, string Relation, string Evidence, string Source, double Weight);

/// <summary>A value a record links to, for <see cref="GraphBuilder.AddRecord"/>.</summary>
public readonly record struct RecordLink(string Relation, string Target, string Evidence, string Source)
{
    public static implicit operator RecordLink((string Relation, string Target, string Evidence, string Source) link) =>
        new(link.Relation, link.Target, link.Evidence, link.Source);
}

/// <summary>Thrown when a node id, name or identifier cannot be found in the graph. The CLI maps it to exit code 2.</summary>
public sealed class UnknownNodeException : Exception
{
    public UnknownNodeException(string text)
        : base($"no node in the graph for '{text}' (tried: exact id, record id, entity id, identifier value, name)") => Text = text;

    public UnknownNodeException()
        : this("")
    {
    }

    public UnknownNodeException(string text, Exception inner)
        : base($"no node in the graph for '{text}'", inner) => Text = text;

    public string Text { get; }
}
