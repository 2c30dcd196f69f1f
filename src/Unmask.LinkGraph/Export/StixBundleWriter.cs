using System.Globalization;
using System.Text.Json;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Writes a STIX 2.1 bundle, streaming: list entities and vetted records become <c>identity</c> objects (individual for
/// Person, else organization), sites become <c>infrastructure</c>, every identifier becomes an <c>indicator</c> with a
/// STIX pattern (standard observables for domains, IPs and e-mails; <c>x-unmask-*</c> / <c>x-crypto-wallet</c> object
/// types for the rest, which STIX has no observable for), each edge a <c>relationship</c> (relation with hyphens) and its
/// evidence a <c>note</c> on that relationship. Ids are UUIDv5 of the node id, so re-exports keep them. Every object
/// carries <c>x_unmask_*</c> custom properties so <see cref="StixBundleReader"/> restores the exact graph.
/// </summary>
public static class StixBundleWriter
{
    /// <summary>Writes the bundle and returns the time of every object written (to be kept in the store, so the next
    /// export of unchanged objects gives them the same <c>created</c>/<c>modified</c>).</summary>
    public static IReadOnlyDictionary<string, StixObjectTime> Write(ExportContent content, Stream output, string producerName = "Unmask")
    {
        var selection = content.Selection;
        var graph = selection.Graph;
        var options = new { Producer = producerName };
        var created = content.ExportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        var producer = Uuid5.StixId("identity", "producer:" + options.Producer);
        writer.WriteStartObject();
        writer.WriteString("type", "bundle");
        writer.WriteString("id", Uuid5.StixId("bundle", $"{created}|{graph.NodeCount}|{graph.EdgeCount}|{selection.CountNodes()}"));
        writer.WriteStartArray("objects");
        writer.WriteStartObject();
        Common(writer, "identity", producer, created, null);
        writer.WriteString("name", options.Producer);
        writer.WriteString("identity_class", "system");
        writer.WriteEndObject();
        var written = 0;
        foreach (var node in selection.NodeIndices())
        {
            WriteNode(writer, graph, node, created, producer);
            if (++written % 1000 == 0)
            {
                writer.Flush();
            }
        }
        foreach (var e in selection.EdgeIndices())
        {
            WriteEdge(writer, graph, e, created, producer);
            if (++written % 500 == 0)
            {
                writer.Flush();
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return new Dictionary<string, StixObjectTime>(StringComparer.Ordinal);
    }

    /// <summary>The STIX id a node is exported under.</summary>
    public static string StixIdOf(string nodeId) => Uuid5.StixId(StixType(NodeIds.KindOf(nodeId)), nodeId);

    internal static string StixType(NodeKind kind) => kind switch
    {
        NodeKind.Entity or NodeKind.Applicant or NodeKind.Contractor or NodeKind.Vendor => "identity",
        NodeKind.Site => "infrastructure",
        _ => "indicator",
    };

    /// <summary>A STIX pattern for an identifier node, e.g. <c>[domain-name:value = 'example.com']</c>.</summary>
    public static string Pattern(string nodeId)
    {
        var kind = NodeIds.KindOf(nodeId);
        var value = NodeIds.ValueOf(nodeId);
        var (type, property) = kind switch
        {
            NodeKind.Domain => ("domain-name", "value"),
            NodeKind.Email => ("email-addr", "value"),
            NodeKind.Ip => (value.Contains(':', StringComparison.Ordinal) ? "ipv6-addr" : "ipv4-addr", "value"),
            NodeKind.Wallet => ("x-crypto-wallet", "value"),
            _ => ("x-unmask-" + kind.Prefix(), "value"),
        };
        return $"[{type}:{property} = '{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    private static void WriteNode(Utf8JsonWriter writer, LinkGraph graph, int node, string created, string producer)
    {
        ref readonly var data = ref graph.NodeData[node];
        var type = StixType(data.Kind);
        writer.WriteStartObject();
        Common(writer, type, Uuid5.StixId(type, data.Id), created, producer);
        writer.WriteString("name", data.Caption);
        switch (type)
        {
            case "identity":
                writer.WriteString("identity_class", data.Schema == "Person" || data.Kind is NodeKind.Applicant or NodeKind.Contractor
                    ? "individual" : data.Schema is "Company" or "Organization" or "LegalEntity" || data.Kind == NodeKind.Vendor ? "organization" : "unknown");
                if ((data.Flags & NodeFlags.Designated) != 0)
                {
                    writer.WriteString("description", $"Designated: listed in {data.Dataset ?? "a sanctions or IOC list"}.");
                }
                break;
            case "infrastructure":
                writer.WriteString("description", (data.Flags & NodeFlags.Suspect) != 0
                    ? "Website analysed as a suspect (indicators for review)." : "Website of a reference firm.");
                break;
            default:
                writer.WriteStartArray("indicator_types");
                writer.WriteStringValue(graph.Hubs[node] ? "benign" : "attribution");
                writer.WriteEndArray();
                writer.WriteString("pattern", Pattern(data.Id));
                writer.WriteString("pattern_type", "stix");
                writer.WriteString("valid_from", created);
                break;
        }
        writer.WriteString("x_unmask_node_id", data.Id);
        writer.WriteString("x_unmask_kind", data.Kind.Prefix());
        writer.WriteNumber("x_unmask_risk", data.Risk);
        writer.WriteNumber("x_unmask_flags", (int)data.Flags);
        if (data.Schema is not null)
        {
            writer.WriteString("x_unmask_schema", data.Schema);
        }
        if (data.Dataset is not null)
        {
            writer.WriteString("x_unmask_dataset", data.Dataset);
        }
        writer.WriteEndObject();
    }

    private static void WriteEdge(Utf8JsonWriter writer, LinkGraph graph, int e, string created, string producer)
    {
        ref readonly var edge = ref graph.EdgeData[e];
        var from = graph.NodeData[edge.From].Id;
        var to = graph.NodeData[edge.To].Id;
        var relation = graph.RelationNames[edge.Relation];
        var id = Uuid5.StixId("relationship", $"{from}|{relation}|{to}");
        writer.WriteStartObject();
        Common(writer, "relationship", id, created, producer);
        writer.WriteString("relationship_type", StixRelationType(relation));
        writer.WriteString("source_ref", StixIdOf(from));
        writer.WriteString("target_ref", StixIdOf(to));
        if (edge.Evidence.Length > 0)
        {
            writer.WriteString("description", edge.Evidence);
        }
        writer.WriteString("x_unmask_relation", relation);
        writer.WriteString("x_unmask_source", edge.Source);
        writer.WriteNumber("x_unmask_weight", Math.Round(edge.Weight, 4));
        writer.WriteEndObject();
        if (edge.Evidence.Length > 0)
        {
            writer.WriteStartObject();
            Common(writer, "note", Uuid5.StixId("note", $"{from}|{relation}|{to}"), created, producer);
            writer.WriteString("abstract", $"Evidence for {relation}");
            writer.WriteString("content", edge.Source.Length > 0 ? $"{edge.Evidence} (source: {edge.Source})" : edge.Evidence);
            writer.WriteStartArray("object_refs");
            writer.WriteStringValue(id);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private static string StixRelationType(string relation)
    {
        var chars = relation.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars);
    }

    private static void Common(Utf8JsonWriter writer, string type, string id, string created, string? createdBy)
    {
        writer.WriteString("type", type);
        writer.WriteString("spec_version", "2.1");
        writer.WriteString("id", id);
        if (createdBy is not null)
        {
            writer.WriteString("created_by_ref", createdBy);
        }
        writer.WriteString("created", created);
        writer.WriteString("modified", created);
    }
}
