using Unmask.LinkGraph.Serialisation;
using Unmask.LinkGraph.Tests.Scale;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests.Serialisation;

public class GraphBinaryTests
{
    internal static void ShouldBeSameGraph(LinkGraph actual, LinkGraph expected, bool compareEvidence = true, bool compareNodeData = true)
    {
        actual.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal).ShouldBe(expected.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        if (compareNodeData)
        {
            foreach (var node in expected.Nodes)
            {
                var other = actual.Node(node.Id);
                (other.Caption, other.Risk, other.Flags, other.Kind).ShouldBe((node.Caption, node.Risk, node.Flags, node.Kind), node.Id);
            }
        }
        static string Key(Unmask.LinkGraph.Model.GraphEdge e, bool evidence) => $"{e.From}|{e.Relation}|{e.To}" + (evidence ? $"|{e.Evidence}|{e.Source}|{e.Weight:0.000}" : "");
        actual.Edges.Select(e => Key(e, compareEvidence)).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Edges.Select(e => Key(e, compareEvidence)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Round_trips_exactly()
    {
        var graph = Scenario.Graph();
        using var stream = new MemoryStream();
        GraphBinary.Write(graph, stream);
        stream.Position = 0;
        var copy = GraphBinary.Read(stream);
        ShouldBeSameGraph(copy, graph);
        copy.Node("entity:test_sdn-1").Schema.ShouldBe("Company");
        copy.Clusters().Select(c => c.Anchor).ShouldBe(graph.Clusters().Select(c => c.Anchor));
    }

    [Fact]
    public void Round_trips_a_generated_graph()
    {
        var graph = GraphScale.Generate(5_000, 20_000, seed: 7).Build();
        using var stream = new MemoryStream();
        GraphBinary.Write(graph, stream);
        stream.Position = 0;
        ShouldBeSameGraph(GraphBinary.Read(stream), graph);
    }

    [Fact]
    public void Foreign_or_cut_streams_are_refused()
    {
        Should.Throw<InvalidDataException>(() => GraphBinary.Read(new MemoryStream("not a graph at all"u8.ToArray())));
        using var stream = new MemoryStream();
        GraphBinary.Write(Scenario.Graph(), stream);
        Should.Throw<InvalidDataException>(() => GraphBinary.Read(new MemoryStream(stream.ToArray()[..(int)(stream.Length / 2)])));
    }
}
