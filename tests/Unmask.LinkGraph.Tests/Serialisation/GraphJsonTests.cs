using System.Text;
using System.Text.Json;
using Unmask.LinkGraph.Serialisation;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests.Serialisation;

public class GraphJsonTests
{
    private static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        return JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement.Clone();
    }

    [Fact]
    public void Show_has_the_contract_shape()
    {
        var json = Json(w => GraphJson.WriteShow(w, Scenario.Graph().Neighbourhood("vendor:V-3", 1)));
        json.GetProperty("node").GetProperty("id").GetString().ShouldBe("vendor:V-3");
        var node = json.GetProperty("nodes")[0];
        foreach (var property in new[] { "id", "kind", "caption", "risk" })
        {
            node.TryGetProperty(property, out _).ShouldBeTrue(property);
        }
        var edge = json.GetProperty("edges")[0];
        foreach (var property in new[] { "from", "to", "relation", "evidence", "source" })
        {
            edge.TryGetProperty(property, out _).ShouldBeTrue(property);
        }
    }

    [Fact]
    public void Paths_has_the_contract_shape()
    {
        var json = Json(w => GraphJson.WritePaths(w, Scenario.Graph().Paths("A-17", "entity:test_sdn-1")));
        json.GetProperty("from").GetString().ShouldBe("applicant:A-17");
        json.GetProperty("to").GetString().ShouldBe("entity:test_sdn-1");
        json.GetProperty("resolved").GetProperty("from").GetProperty("how").GetString().ShouldBe("record id");
        var path = json.GetProperty("paths")[0];
        path.GetProperty("length").GetInt32().ShouldBe(4);
        path.GetProperty("hops").GetArrayLength().ShouldBe(4);
        var hop = path.GetProperty("hops")[0];
        hop.GetProperty("from").GetString().ShouldBe("applicant:A-17");
        hop.GetProperty("to").GetString().ShouldBe("phone:+13125550123");
        hop.GetProperty("relation").GetString().ShouldBe("has_phone");
        hop.GetProperty("evidence").GetString().ShouldBe("phone on application");
        path.GetProperty("explanation").GetString().ShouldStartWith("applicant A-17 gave the same phone");
    }

    [Fact]
    public void Clusters_has_the_contract_shape()
    {
        var json = Json(w => GraphJson.WriteClusters(w, Scenario.Graph().Clusters()));
        json.ValueKind.ShouldBe(JsonValueKind.Array);
        var first = json[0];
        first.GetProperty("id").GetString().ShouldBe("cluster-1");
        first.GetProperty("risk").GetInt32().ShouldBeGreaterThan(50);
        first.GetProperty("level").GetString().ShouldNotBeNullOrEmpty();
        first.GetProperty("reaches_designated").GetBoolean().ShouldBeTrue();
        first.GetProperty("shared").EnumerateArray().Select(s => s.GetString()).ShouldContain("phone:+13125550123");
        var member = first.GetProperty("members")[0];
        foreach (var property in new[] { "node", "caption", "reason" })
        {
            member.TryGetProperty(property, out _).ShouldBeTrue(property);
        }
    }
}
