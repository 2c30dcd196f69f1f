using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Writes FollowTheMoney JSON lines (one <c>{"id","schema","properties"}</c> entity per line, as Aleph and OpenSanctions
/// tools read), streaming. Holders become Person/Company/LegalEntity (or their list schema); list entities keep their
/// list id, so the output joins with the source data; records and sites get <c>unmask-&lt;kind&gt;-&lt;id&gt;</c> ids.
/// Identifiers become properties where FtM has one (phone, email, address, website, idNumber); wallets become CryptoWallet
/// entities with their holders; any other identifier becomes an Identification (type = kind, number = value,
/// summary = relation). Edges between holders become Ownership (owned_by), Directorship (directed_by) or UnknownLink
/// (role = relation). Evidence and source go to description and publisher of the link entities; identifier values put
/// into properties carry none (FtM has nowhere to keep it). Designated entries get <c>"target": true</c> as in
/// OpenSanctions exports; risk and flags travel in an extra <c>"unmask"</c> key that FtM readers ignore.
/// </summary>
public static class FtmWriter
{
    internal static readonly (string Relation, NodeKind Kind, string Property)[] PropertyMap =
    [
        (Relations.HasPhone, NodeKind.Phone, "phone"),
        (Relations.HasEmail, NodeKind.Email, "email"),
        (Relations.HasAddress, NodeKind.Address, "address"),
        (Relations.HasWebsite, NodeKind.Domain, "website"),
        (Relations.HasIdNumber, NodeKind.IdNumber, "idNumber"),
    ];

    public static void Write(ExportContent content, Stream output)
    {
        var selection = content.Selection;
        var graph = selection.Graph;
        using var writer = new Utf8JsonWriter(output);
        var newline = "\n"u8.ToArray();
        void EndLine()
        {
            writer.Flush();
            output.Write(newline);
            writer.Reset();
        }
        foreach (var node in selection.NodeIndices())
        {
            ref readonly var data = ref graph.NodeData[node];
            if (data.Kind.IsIdentifier())
            {
                if (data.Kind == NodeKind.Wallet && WriteWallet(writer, graph, selection, node))
                {
                    EndLine();
                }
                continue;
            }
            WriteHolder(writer, graph, selection, node);
            EndLine();
            foreach (var e in graph.Adjacent(node))
            {
                ref readonly var edge = ref graph.EdgeData[e];
                var other = graph.Other(e, node);
                if (!selection.Contains(other) || (edge.From != node && graph.IsHolder(other)))
                {
                    continue;
                }
                if (graph.IsHolder(other))
                {
                    WriteLink(writer, graph, e);
                    EndLine();
                }
                else if (Property(graph, node, e) is null && !(graph.NodeData[other].Kind == NodeKind.Wallet && graph.RelationNames[edge.Relation] == Relations.HasWallet && edge.From == node))
                {
                    WriteIdentification(writer, graph, node, e);
                    EndLine();
                }
            }
        }
    }

    internal static string FtmId(string nodeId)
    {
        var kind = NodeIds.KindOf(nodeId);
        return kind == NodeKind.Entity ? NodeIds.ValueOf(nodeId) : $"unmask-{kind.Prefix()}-{NodeIds.ValueOf(nodeId)}";
    }

    internal static string SchemaOf(in GraphBuilder.NodeRecord data)
    {
        if (data.Schema is not null && Schemas.TryGet(data.Schema, out var schema) && !schema.IsExtension && !schema.IsAbstract)
        {
            return schema.Name;
        }
        return data.Kind switch
        {
            NodeKind.Applicant or NodeKind.Contractor => "Person",
            NodeKind.Vendor => "Company",
            _ => "LegalEntity",
        };
    }

    private static string? Property(LinkGraph graph, int holder, int e)
    {
        ref readonly var edge = ref graph.EdgeData[e];
        if (edge.From != holder)
        {
            return null;
        }
        var relation = graph.RelationNames[edge.Relation];
        var kind = graph.NodeData[edge.To].Kind;
        var schema = Schemas.Get(SchemaOf(graph.NodeData[holder]));
        foreach (var (r, k, property) in PropertyMap)
        {
            if (r == relation && k == kind && schema.FindProperty(property) is not null)
            {
                return property;
            }
        }
        return null;
    }

    private static void WriteHolder(Utf8JsonWriter writer, LinkGraph graph, GraphSelection selection, int node)
    {
        ref readonly var data = ref graph.NodeData[node];
        var properties = new SortedDictionary<string, List<string>>(StringComparer.Ordinal) { ["name"] = [data.Caption] };
        foreach (var e in graph.Adjacent(node))
        {
            var other = graph.Other(e, node);
            if (selection.Contains(other) && Property(graph, node, e) is { } property)
            {
                if (!properties.TryGetValue(property, out var values))
                {
                    properties[property] = values = [];
                }
                values.Add(NodeIds.ValueOf(graph.NodeData[other].Id));
            }
        }
        writer.WriteStartObject();
        writer.WriteString("id", FtmId(data.Id));
        writer.WriteString("schema", SchemaOf(data));
        writer.WriteStartObject("properties");
        foreach (var (property, values) in properties)
        {
            writer.WriteStartArray(property);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteString("caption", data.Caption);
        if (data.Dataset is not null)
        {
            writer.WriteStartArray("datasets");
            writer.WriteStringValue(data.Dataset);
            writer.WriteEndArray();
        }
        writer.WriteBoolean("target", (data.Flags & NodeFlags.Designated) != 0);
        writer.WriteStartObject("unmask");
        writer.WriteString("node", data.Id);
        writer.WriteNumber("risk", data.Risk);
        writer.WriteNumber("flags", (int)data.Flags);
        if (data.Schema is not null)
        {
            writer.WriteString("schema", data.Schema);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static bool WriteWallet(Utf8JsonWriter writer, LinkGraph graph, GraphSelection selection, int node)
    {
        var holders = new List<string>();
        foreach (var e in graph.Adjacent(node))
        {
            ref readonly var edge = ref graph.EdgeData[e];
            if (edge.To == node && selection.Contains(edge.From) && graph.IsHolder(edge.From) && graph.RelationNames[edge.Relation] == Relations.HasWallet)
            {
                holders.Add(FtmId(graph.NodeData[edge.From].Id));
            }
        }
        if (holders.Count == 0)
        {
            return false;
        }
        var value = NodeIds.ValueOf(graph.NodeData[node].Id);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        writer.WriteStartObject();
        writer.WriteString("id", FtmId(graph.NodeData[node].Id));
        writer.WriteString("schema", "CryptoWallet");
        writer.WriteStartObject("properties");
        Values(writer, "publicKey", colon >= 0 ? value[(colon + 1)..] : value);
        if (colon > 0)
        {
            Values(writer, "currencySymbol", value[..colon]);
        }
        writer.WriteStartArray("holder");
        foreach (var holder in holders)
        {
            writer.WriteStringValue(holder);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        return true;
    }

    private static void WriteIdentification(Utf8JsonWriter writer, LinkGraph graph, int holder, int e)
    {
        ref readonly var edge = ref graph.EdgeData[e];
        var identifier = graph.NodeData[graph.Other(e, holder)].Id;
        var relation = graph.RelationNames[edge.Relation];
        writer.WriteStartObject();
        writer.WriteString("id", "unmask-id-" + Hash($"{graph.NodeData[edge.From].Id}|{relation}|{graph.NodeData[edge.To].Id}"));
        writer.WriteString("schema", "Identification");
        writer.WriteStartObject("properties");
        Values(writer, "holder", FtmId(graph.NodeData[holder].Id));
        Values(writer, "type", NodeIds.KindOf(identifier).Prefix());
        Values(writer, "number", NodeIds.ValueOf(identifier));
        Values(writer, "summary", edge.From == holder ? relation : "reverse:" + relation);
        Values(writer, "description", edge.Evidence);
        Values(writer, "publisher", edge.Source);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter writer, LinkGraph graph, int e)
    {
        ref readonly var edge = ref graph.EdgeData[e];
        var relation = graph.RelationNames[edge.Relation];
        var from = FtmId(graph.NodeData[edge.From].Id);
        var to = FtmId(graph.NodeData[edge.To].Id);
        writer.WriteStartObject();
        writer.WriteString("id", "unmask-link-" + Hash($"{graph.NodeData[edge.From].Id}|{relation}|{graph.NodeData[edge.To].Id}"));
        switch (relation)
        {
            case Relations.OwnedBy:
                writer.WriteString("schema", "Ownership");
                writer.WriteStartObject("properties");
                Values(writer, "owner", to);
                Values(writer, "asset", from);
                break;
            case Relations.DirectedBy:
                writer.WriteString("schema", "Directorship");
                writer.WriteStartObject("properties");
                Values(writer, "director", to);
                Values(writer, "organization", from);
                break;
            default:
                writer.WriteString("schema", "UnknownLink");
                writer.WriteStartObject("properties");
                Values(writer, "subject", from);
                Values(writer, "object", to);
                Values(writer, "role", relation);
                break;
        }
        Values(writer, "description", edge.Evidence);
        Values(writer, "publisher", edge.Source);
        if (edge.Weight < 1)
        {
            Values(writer, "summary", "weight=" + edge.Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Values(Utf8JsonWriter writer, string property, string value)
    {
        if (value.Length == 0)
        {
            return;
        }
        writer.WriteStartArray(property);
        writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];
}
