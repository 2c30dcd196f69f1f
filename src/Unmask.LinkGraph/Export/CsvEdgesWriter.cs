using System.Globalization;
using System.Text;

namespace Unmask.LinkGraph.Export;

/// <summary>RFC 4180 CSV, streaming: edges as <c>from,to,relation,weight,evidence,source</c>, nodes as
/// <c>id,kind,caption,risk,designated,hub</c>.</summary>
public static class CsvEdgesWriter
{
    public static void WriteEdges(GraphSelection selection, Stream output)
    {
        var graph = selection.Graph;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine("from,to,relation,weight,evidence,source");
        foreach (var e in selection.EdgeIndices())
        {
            ref readonly var edge = ref graph.EdgeData[e];
            writer.WriteLine(string.Join(',', Field(graph.NodeData[edge.From].Id), Field(graph.NodeData[edge.To].Id),
                Field(graph.RelationNames[edge.Relation]), edge.Weight.ToString("0.####", CultureInfo.InvariantCulture),
                Field(edge.Evidence), Field(edge.Source)));
        }
    }

    public static void WriteNodes(GraphSelection selection, Stream output)
    {
        var graph = selection.Graph;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine("id,kind,caption,risk,designated,hub");
        foreach (var node in selection.NodeIndices())
        {
            var data = graph.NodeAt(node);
            writer.WriteLine(string.Join(',', Field(data.Id), data.Kind.ToString().ToLowerInvariant(), Field(data.Caption),
                data.Risk.ToString(CultureInfo.InvariantCulture), data.IsDesignated ? "true" : "false", data.IsHub ? "true" : "false"));
        }
    }

    internal static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
