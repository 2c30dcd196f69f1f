using System.Text;
using Unmask.LinkGraph.Model;
using static Unmask.LinkGraph.GraphBuilder;

namespace Unmask.LinkGraph.Serialisation;

/// <summary>
/// Compact binary form of a whole graph for the store: magic <c>UNMASKG1</c>, relation names, nodes (id, caption unless
/// it equals the id's value, kind, risk, flags, schema, dataset), edges (from, to as node numbers; relation; weight;
/// evidence; source). Repeated short strings (schema, dataset, source) are pooled. Reloading skips normalisation and
/// deduplication, so it is much faster than rebuilding. Wrap the stream in GZip/Brotli if size matters.
/// </summary>
public static class GraphBinary
{
    private const string Magic = "UNMASKG1";

    public static void Write(LinkGraph graph, Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        var pool = new Dictionary<string, int>(StringComparer.Ordinal);
        writer.Write(graph.RelationNames.Length);
        foreach (var relation in graph.RelationNames)
        {
            writer.Write(relation);
        }
        writer.Write(graph.NodeData.Length);
        foreach (ref readonly var node in graph.NodeData.AsSpan())
        {
            writer.Write(node.Id);
            var defaultCaption = !node.HasCaption;
            writer.Write((byte)((defaultCaption ? 1 : 0) | (node.Schema is null ? 0 : 2) | (node.Dataset is null ? 0 : 4)));
            if (!defaultCaption)
            {
                writer.Write(node.Caption);
            }
            writer.Write((byte)node.Kind);
            writer.Write(node.Risk);
            writer.Write((byte)node.Flags);
            if (node.Schema is not null)
            {
                Pooled(writer, pool, node.Schema);
            }
            if (node.Dataset is not null)
            {
                Pooled(writer, pool, node.Dataset);
            }
        }
        writer.Write(graph.EdgeData.Length);
        foreach (ref readonly var edge in graph.EdgeData.AsSpan())
        {
            writer.Write(edge.From);
            writer.Write(edge.To);
            writer.Write(edge.Relation);
            writer.Write(edge.Weight);
            writer.Write(edge.Evidence);
            Pooled(writer, pool, edge.Source);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="InvalidDataException"/> on a foreign or damaged stream.</summary>
    public static LinkGraph Read(Stream stream, GraphOptions? options = null)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            {
                throw new InvalidDataException("not an Unmask graph (bad magic)");
            }
            var pool = new List<string>();
            var relations = new string[reader.ReadInt32()];
            for (var i = 0; i < relations.Length; i++)
            {
                relations[i] = reader.ReadString();
            }
            var nodes = new NodeRecord[reader.ReadInt32()];
            var index = new Dictionary<string, int>(nodes.Length, StringComparer.Ordinal);
            for (var i = 0; i < nodes.Length; i++)
            {
                var id = reader.ReadString();
                var mask = reader.ReadByte();
                var caption = (mask & 1) != 0 ? NodeIds.ValueOf(id) : reader.ReadString();
                nodes[i] = new NodeRecord
                {
                    Id = id,
                    Caption = caption,
                    HasCaption = (mask & 1) == 0,
                    Kind = (NodeKind)reader.ReadByte(),
                    Risk = reader.ReadByte(),
                    Flags = (NodeFlags)reader.ReadByte(),
                    Schema = (mask & 2) != 0 ? Pooled(reader, pool) : null,
                    Dataset = (mask & 4) != 0 ? Pooled(reader, pool) : null,
                };
                index.Add(id, i);
            }
            var edges = new EdgeRecord[reader.ReadInt32()];
            for (var e = 0; e < edges.Length; e++)
            {
                edges[e] = new EdgeRecord
                {
                    From = Check(reader.ReadInt32(), nodes.Length),
                    To = Check(reader.ReadInt32(), nodes.Length),
                    Relation = (short)Check(reader.ReadInt16(), relations.Length),
                    Weight = reader.ReadSingle(),
                    Evidence = reader.ReadString(),
                    Source = Pooled(reader, pool),
                };
            }
            return new LinkGraph(nodes, edges, relations, index, options ?? GraphOptions.Default);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Unmask graph stream ends early", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("Unmask graph stream is damaged: " + ex.Message, ex);
        }
    }

    private static void Pooled(BinaryWriter writer, Dictionary<string, int> pool, string value)
    {
        if (pool.TryGetValue(value, out var index))
        {
            writer.Write7BitEncodedInt(index);
            return;
        }
        writer.Write7BitEncodedInt(pool.Count);
        pool[value] = pool.Count;
        writer.Write(value);
    }

    private static string Pooled(BinaryReader reader, List<string> pool)
    {
        var index = reader.Read7BitEncodedInt();
        if (index < pool.Count)
        {
            return pool[index];
        }
        if (index != pool.Count)
        {
            throw new InvalidDataException("Unmask graph stream is damaged (string pool)");
        }
        var value = reader.ReadString();
        pool.Add(value);
        return value;
    }

    private static int Check(int value, int count) =>
        value >= 0 && value < count ? value : throw new InvalidDataException("Unmask graph stream is damaged (index out of range)");
}
