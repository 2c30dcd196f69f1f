using System.Globalization;
using System.Text;
using System.Xml;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>GraphML (graphml.graphdrawing.org), streaming, readable by Gephi, yEd, NetworkX and Cytoscape. Node data:
/// kind, caption, risk, flags, schema, dataset, hub; edge data: relation, evidence, source, weight.</summary>
public static class GraphMlWriter
{
    internal const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    internal static readonly (string Id, string For, string Name, string Type)[] Keys =
    [
        ("kind", "node", "kind", "string"), ("caption", "node", "caption", "string"), ("risk", "node", "risk", "int"),
        ("flags", "node", "flags", "int"), ("schema", "node", "schema", "string"), ("dataset", "node", "dataset", "string"),
        ("hub", "node", "hub", "boolean"), ("relation", "edge", "relation", "string"), ("evidence", "edge", "evidence", "string"),
        ("source", "edge", "source", "string"), ("weight", "edge", "weight", "double"),
    ];

    public static void Write(GraphSelection selection, Stream output)
    {
        var graph = selection.Graph;
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false });
        writer.WriteStartDocument();
        writer.WriteStartElement("graphml", Namespace);
        foreach (var (id, target, name, type) in Keys)
        {
            writer.WriteStartElement("key", Namespace);
            writer.WriteAttributeString("id", id);
            writer.WriteAttributeString("for", target);
            writer.WriteAttributeString("attr.name", name);
            writer.WriteAttributeString("attr.type", type);
            writer.WriteEndElement();
        }
        writer.WriteStartElement("graph", Namespace);
        writer.WriteAttributeString("id", "unmask");
        writer.WriteAttributeString("edgedefault", "directed");
        foreach (var node in selection.NodeIndices())
        {
            ref readonly var data = ref graph.NodeData[node];
            writer.WriteStartElement("node", Namespace);
            writer.WriteAttributeString("id", Clean(data.Id));
            Data(writer, "kind", data.Kind.Prefix());
            Data(writer, "caption", data.Caption);
            Data(writer, "risk", data.Risk.ToString(CultureInfo.InvariantCulture));
            Data(writer, "flags", ((int)data.Flags).ToString(CultureInfo.InvariantCulture));
            Data(writer, "schema", data.Schema);
            Data(writer, "dataset", data.Dataset);
            if (graph.Hubs[node])
            {
                Data(writer, "hub", "true");
            }
            writer.WriteEndElement();
        }
        foreach (var e in selection.EdgeIndices())
        {
            ref readonly var edge = ref graph.EdgeData[e];
            writer.WriteStartElement("edge", Namespace);
            writer.WriteAttributeString("id", "e" + e.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("source", Clean(graph.NodeData[edge.From].Id));
            writer.WriteAttributeString("target", Clean(graph.NodeData[edge.To].Id));
            Data(writer, "relation", graph.RelationNames[edge.Relation]);
            Data(writer, "evidence", edge.Evidence);
            Data(writer, "source", edge.Source);
            Data(writer, "weight", edge.Weight.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void Data(XmlWriter writer, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        writer.WriteStartElement("data", Namespace);
        writer.WriteAttributeString("key", key);
        writer.WriteString(Clean(value));
        writer.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters; evidence copied from web pages sometimes has them.
    internal static string Clean(string value) =>
        value.All(XmlConvert.IsXmlChar) ? value : new string([.. value.Where(XmlConvert.IsXmlChar)]);
}

/// <summary>Reads GraphML written by <see cref="GraphMlWriter"/> (or any GraphML whose node ids are <c>kind:value</c>).</summary>
public static class GraphMlReader
{
    public static LinkGraph Read(Stream input, GraphOptions? options = null)
    {
        var builder = new GraphBuilder();
        using var reader = XmlReader.Create(input, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        var keyNames = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (reader.LocalName)
            {
                case "key":
                    keyNames[reader.GetAttribute("id") ?? ""] = reader.GetAttribute("attr.name") ?? reader.GetAttribute("id") ?? "";
                    break;
                case "node":
                {
                    var id = reader.GetAttribute("id") ?? throw new InvalidDataException("GraphML node without id");
                    var data = ReadData(reader, keyNames);
                    builder.AddNode(id, data.GetValueOrDefault("caption"), Int(data, "risk"), (NodeFlags)Int(data, "flags"),
                        data.GetValueOrDefault("schema"), data.GetValueOrDefault("dataset"));
                    break;
                }
                case "edge":
                {
                    var source = reader.GetAttribute("source") ?? throw new InvalidDataException("GraphML edge without source");
                    var target = reader.GetAttribute("target") ?? throw new InvalidDataException("GraphML edge without target");
                    var data = ReadData(reader, keyNames);
                    var weight = data.TryGetValue("weight", out var w) && double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1.0;
                    builder.AddEdge(source, target, data.GetValueOrDefault("relation") ?? Relations.LinkedTo,
                        data.GetValueOrDefault("evidence") ?? "", data.GetValueOrDefault("source") ?? "graphml", weight);
                    break;
                }
            }
        }
        return builder.Build(options);
    }

    private static Dictionary<string, string> ReadData(XmlReader reader, Dictionary<string, string> keyNames)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        using var subtree = reader.ReadSubtree();
        subtree.Read();
        subtree.Read();
        while (!subtree.EOF)
        {
            if (subtree.NodeType == XmlNodeType.Element && subtree.LocalName == "data")
            {
                var key = subtree.GetAttribute("key") ?? "";
                // ReadElementContentAsString already moves to the next node, so no extra Read() here.
                data[keyNames.GetValueOrDefault(key, key)] = subtree.ReadElementContentAsString();
            }
            else
            {
                subtree.Read();
            }
        }
        return data;
    }

    private static int Int(Dictionary<string, string> data, string key) =>
        data.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
