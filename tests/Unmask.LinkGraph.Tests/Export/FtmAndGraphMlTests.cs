using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.LinkGraph.Export;
using Unmask.LinkGraph.Tests.Serialisation;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests.Export;

public class FtmAndGraphMlTests
{
    private static byte[] Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    [Fact]
    public void FtM_lines_are_entities_our_domain_model_accepts()
    {
        var lines = Encoding.UTF8.GetString(Write(s => FtmWriter.Write(ExportContents.Of(GraphSelection.All(Scenario.Graph())), s)))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var schema = Schemas.Get(root.GetProperty("schema").GetString()!);
            schema.IsAbstract.ShouldBeFalse();
            schema.IsExtension.ShouldBeFalse(line);
            var entity = new Entity(root.GetProperty("id").GetString()!, schema, "export");
            foreach (var property in root.GetProperty("properties").EnumerateObject())
            {
                foreach (var value in property.Value.EnumerateArray())
                {
                    entity.Add(property.Name, value.GetString());
                }
            }
        }
        var vendor = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("id").GetString() == "unmask-vendor-V-3");
        vendor.GetProperty("schema").GetString().ShouldBe("Company");
        vendor.GetProperty("properties").GetProperty("phone")[0].GetString().ShouldBe("+13125550123");
        var listed = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("id").GetString() == FtmIds.OfEntity("test_sdn-1"));
        listed.GetProperty("target").GetBoolean().ShouldBeTrue();
        lines.ShouldContain(l => l.Contains("\"schema\":\"Ownership\"", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("\"schema\":\"CryptoWallet\"", StringComparison.Ordinal));
    }

    [Fact]
    public void FtM_round_trips_nodes_and_edges()
    {
        var graph = Scenario.Graph();
        var copy = FtmReader.Read(new MemoryStream(Write(s => FtmWriter.Write(ExportContents.Of(GraphSelection.All(graph)), s))));
        GraphBinaryTests.ShouldBeSameGraph(copy, graph, compareEvidence: false);
    }

    [Fact]
    public void FtM_bad_lines_name_the_line()
    {
        var input = new MemoryStream("{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{}}\n{oops\n"u8.ToArray());
        Should.Throw<InputException>(() => FtmReader.Read(input, file: "case.ftm.json")).Message.ShouldStartWith("case.ftm.json:2:");
    }

    [Fact]
    public void GraphML_is_well_formed_and_round_trips_exactly()
    {
        var graph = Scenario.Graph();
        var bytes = Write(s => GraphMlWriter.Write(GraphSelection.All(graph), s));
        var xml = XDocument.Load(new MemoryStream(bytes));
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        xml.Root!.Name.ShouldBe(ns + "graphml");
        xml.Descendants(ns + "node").Count().ShouldBe(graph.NodeCount);
        GraphBinaryTests.ShouldBeSameGraph(GraphMlReader.Read(new MemoryStream(bytes)), graph);
    }

    [Fact]
    public void GraphML_drops_characters_XML_cannot_carry()
    {
        var builder = new GraphBuilder();
        builder.AddEdge("applicant:A-1", "phone:+13125550100", "has_phone", "copied text\u0001 with a control char", "s");
        var bytes = Write(s => GraphMlWriter.Write(GraphSelection.All(builder.Build()), s));
        GraphMlReader.Read(new MemoryStream(bytes)).Edges.Single().Evidence.ShouldBe("copied text with a control char");
    }

    [Fact]
    public void Csv_quotes_what_needs_quoting()
    {
        var text = Encoding.UTF8.GetString(Write(s => CsvEdgesWriter.WriteEdges(GraphSelection.All(Scenario.Graph()), s)));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("from,to,relation,weight,evidence,source");
        lines.ShouldContain(l => l.StartsWith("site:copycat-labs.example,site:legit-firm.example,copies,0.81,\"74% of text copied from legit-firm.example, 'Legit Firm'→'Copycat Labs'\"", StringComparison.Ordinal));
        lines.Length.ShouldBe(Scenario.Graph().EdgeCount + 1);
        var nodes = Encoding.UTF8.GetString(Write(s => CsvEdgesWriter.WriteNodes(GraphSelection.All(Scenario.Graph()), s)));
        nodes.ShouldContain("entity:test_sdn-1,entity,Koryo Example Trading,100,true,false");
    }

    [Fact]
    public void Html_report_is_self_contained_with_an_svg_drawing()
    {
        var graph = Scenario.Graph();
        var cluster = graph.Clusters()[0];
        var html = Encoding.UTF8.GetString(Write(s => HtmlReportWriter.Write(GraphSelection.OfCluster(graph, cluster), s,
            new HtmlReportOptions("Case 1: <cluster-1>", "Opened for review"))));
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<svg");
        html.ShouldContain("<circle");
        html.ShouldContain("<line");
        html.ShouldContain("Case 1: &lt;cluster-1&gt;");
        html.ShouldContain("Indicators for review");
        html.ShouldContain("74% of text copied");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("http://", Case.Insensitive, customMessage: "no external resources except the SVG namespace",
            ignoreSvgNamespace: true);
        Encoding.UTF8.GetString(Write(s => HtmlReportWriter.Write(GraphSelection.OfCluster(graph, cluster), s, new HtmlReportOptions("Case 1"))))
            .ShouldBe(Encoding.UTF8.GetString(Write(s => HtmlReportWriter.Write(GraphSelection.OfCluster(graph, cluster), s, new HtmlReportOptions("Case 1")))));
    }
}

internal static class HtmlShould
{
    public static void ShouldNotContain(this string html, string text, Case caseSensitivity, string customMessage, bool ignoreSvgNamespace)
    {
        var cleaned = ignoreSvgNamespace ? html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal) : html;
        cleaned.ShouldNotContain(text, caseSensitivity, customMessage);
    }
}
