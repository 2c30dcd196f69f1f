using System.Globalization;

namespace Unmask.LinkGraph.Tests.Scale;

public class GraphScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Small_graph_builds_and_answers()
    {
        var result = GraphScale.Run(10_000, 50_000, seed: 42);
        output.WriteLine(result.ToString());
        result.Nodes.ShouldBe(10_000);
        result.Edges.ShouldBeGreaterThan(45_000);
        result.Hubs.ShouldBeGreaterThan(0);
        result.ClusterCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Same_seed_same_graph()
    {
        var a = GraphScale.Generate(2_000, 8_000, seed: 5).Build();
        var b = GraphScale.Generate(2_000, 8_000, seed: 5).Build();
        a.Edges.Select(e => $"{e.From}|{e.To}|{e.Relation}").ShouldBe(b.Edges.Select(e => $"{e.From}|{e.To}|{e.Relation}"));
    }

    /// <summary>The full-size measurement (1,000,000 nodes / 5,000,000 edges), written to the output and a temporary file,
    /// not asserted (tests check correctness; times depend on the machine): run with
    /// <c>UNMASK_GRAPH_SCALE=1000000,5000000 dotnet test -c Release --project tests/Unmask.LinkGraph.Tests -- --filter-method *Full_size*</c>.</summary>
    [Fact]
    public void Full_size_when_asked()
    {
        var setting = Environment.GetEnvironmentVariable("UNMASK_GRAPH_SCALE");
        if (string.IsNullOrEmpty(setting))
        {
            Assert.Skip("set UNMASK_GRAPH_SCALE=nodes,edges to run the full-size measurement");
        }
        var parts = setting.Split(',');
        var result = GraphScale.Run(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), seed: 42);
        output.WriteLine(result.ToString());
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "unmask-graph-scale.txt"), result.ToString());
        result.Nodes.ShouldBe(int.Parse(parts[0], CultureInfo.InvariantCulture));
    }
}
