using System.Text.Json;
using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Queries;

namespace Unmask.LinkGraph.Serialisation;

/// <summary>Writes the `graph ... --format json` shapes of CONTRACT.md (v1), with a few extra fields the contract allows.</summary>
public static class GraphJson
{
    /// <summary><c>{"node": {...}, "nodes": [{"id","kind","caption","risk"}], "edges": [{"from","to","relation","evidence","source"}]}</c>.</summary>
    public static void WriteShow(Utf8JsonWriter writer, NeighbourhoodResult result)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("node");
        WriteNode(writer, result.Node);
        writer.WriteStartArray("nodes");
        foreach (var node in result.Nodes)
        {
            WriteNode(writer, node);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("edges");
        foreach (var edge in result.Edges)
        {
            WriteEdge(writer, edge);
        }
        writer.WriteEndArray();
        writer.WriteNumber("depth", result.Depth);
        writer.WriteBoolean("truncated", result.Truncated);
        writer.WriteEndObject();
    }

    /// <summary><c>{"from", "to", "paths": [{"length", "hops": [{"from","to","relation","evidence"}], "explanation"}]}</c>,
    /// plus how each end was resolved.</summary>
    public static void WritePaths(Utf8JsonWriter writer, PathResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("from", result.From.Node.Id);
        writer.WriteString("to", result.To.Node.Id);
        writer.WriteStartObject("resolved");
        writer.WritePropertyName("from");
        WriteResolution(writer, result.From);
        writer.WritePropertyName("to");
        WriteResolution(writer, result.To);
        writer.WriteEndObject();
        writer.WriteNumber("max_length", result.MaxLength);
        writer.WriteStartArray("paths");
        foreach (var path in result.Paths)
        {
            WritePath(writer, path);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><c>[{"id", "risk", "level", "members": [{"node","caption","reason"}], "shared": [...], "reaches_designated"}]</c>.</summary>
    public static void WriteClusters(Utf8JsonWriter writer, IEnumerable<Cluster> clusters)
    {
        writer.WriteStartArray();
        foreach (var cluster in clusters)
        {
            WriteCluster(writer, cluster);
        }
        writer.WriteEndArray();
    }

    public static void WriteCluster(Utf8JsonWriter writer, Cluster cluster)
    {
        writer.WriteStartObject();
        writer.WriteString("id", cluster.Id);
        writer.WriteString("anchor", cluster.Anchor);
        writer.WriteNumber("risk", cluster.Risk);
        writer.WriteString("level", cluster.Level);
        writer.WriteStartArray("members");
        foreach (var member in cluster.Members)
        {
            writer.WriteStartObject();
            writer.WriteString("node", member.Node);
            writer.WriteString("caption", member.Caption);
            writer.WriteString("kind", member.Kind.Prefix());
            writer.WriteNumber("risk", member.Risk);
            writer.WriteString("reason", member.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("shared");
        foreach (var shared in cluster.Shared)
        {
            writer.WriteStringValue(shared);
        }
        writer.WriteEndArray();
        writer.WriteBoolean("reaches_designated", cluster.ReachesDesignated);
        if (cluster.DesignatedPath is { } path)
        {
            writer.WritePropertyName("designated_path");
            WritePath(writer, path);
        }
        writer.WriteEndObject();
    }

    public static void WritePropagatedRisk(Utf8JsonWriter writer, PropagatedRisk risk)
    {
        writer.WriteStartObject();
        writer.WriteString("node", risk.Node);
        writer.WriteNumber("risk", risk.Risk);
        writer.WriteNumber("own_risk", risk.OwnRisk);
        writer.WriteString("level", risk.Level);
        if (risk.Path is { } path)
        {
            writer.WritePropertyName("path");
            WritePath(writer, path);
        }
        writer.WriteEndObject();
    }

    public static void WriteNode(Utf8JsonWriter writer, GraphNode node)
    {
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        writer.WriteString("kind", node.Kind.Prefix());
        writer.WriteString("caption", node.Caption);
        writer.WriteNumber("risk", node.Risk);
        if (node.IsDesignated)
        {
            writer.WriteBoolean("designated", true);
        }
        if (node.IsHub)
        {
            writer.WriteBoolean("hub", true);
        }
        if (node.Kind.IsIdentifier())
        {
            writer.WriteNumber("shared_by", node.HolderDegree);
            writer.WriteNumber("weight", Math.Round(node.Weight, 3));
        }
        writer.WriteEndObject();
    }

    private static void WriteEdge(Utf8JsonWriter writer, GraphEdge edge)
    {
        writer.WriteStartObject();
        writer.WriteString("from", edge.From);
        writer.WriteString("to", edge.To);
        writer.WriteString("relation", edge.Relation);
        writer.WriteString("evidence", edge.Evidence);
        writer.WriteString("source", edge.Source);
        if (edge.Weight < 1)
        {
            writer.WriteNumber("weight", Math.Round(edge.Weight, 3));
        }
        writer.WriteEndObject();
    }

    private static void WriteResolution(Utf8JsonWriter writer, NodeResolution resolution)
    {
        writer.WriteStartObject();
        writer.WriteString("text", resolution.Text);
        writer.WriteString("node", resolution.Node.Id);
        writer.WriteString("how", resolution.How);
        if (resolution.Alternatives.Count > 0)
        {
            writer.WriteStartArray("alternatives");
            foreach (var alternative in resolution.Alternatives)
            {
                writer.WriteStringValue(alternative);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WritePath(Utf8JsonWriter writer, GraphPath path)
    {
        writer.WriteStartObject();
        writer.WriteNumber("length", path.Length);
        writer.WriteStartArray("hops");
        foreach (var hop in path.Hops)
        {
            writer.WriteStartObject();
            writer.WriteString("from", hop.From);
            writer.WriteString("to", hop.To);
            writer.WriteString("relation", hop.Relation);
            writer.WriteString("evidence", hop.Evidence);
            writer.WriteString("source", hop.Source);
            if (hop.Backward)
            {
                writer.WriteBoolean("backward", true);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("explanation", path.Explanation);
        writer.WriteNumber("strength", Math.Round(path.Strength, 4));
        writer.WriteEndObject();
    }
}
