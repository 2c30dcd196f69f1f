using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests.Queries;

public class PathsTests
{
    [Fact]
    public void Finds_the_shortest_evidence_path_and_explains_it()
    {
        var result = Scenario.Graph().Paths("applicant:A-17", "entity:test_sdn-1");
        var path = result.Paths[0];
        path.Length.ShouldBe(4);
        path.Nodes.ShouldBe(["applicant:A-17", "phone:+13125550123", "vendor:V-3", "wallet:evm:" + Scenario.Wallet, "entity:test_sdn-1"]);
        path.Hops[0].Relation.ShouldBe(Relations.HasPhone);
        path.Hops[1].Backward.ShouldBeTrue();
        path.Explanation.ShouldStartWith("applicant A-17 gave the same phone +13125550123 as vendor V-3, which gave the same wallet evm:0x1111111111111111111111111111111111111111 as list entry");
        path.Explanation.ShouldContain("list entry 'Koryo Example Trading' (test_sdn)");
    }

    [Fact]
    public void Returns_several_paths_shortest_first_and_all_simple()
    {
        var result = Scenario.Graph().Paths("applicant:A-17", "site:legit-firm.example", maxLength: 8, limit: 3);
        result.Paths.Count.ShouldBeGreaterThanOrEqualTo(1);
        result.Paths.Select(p => p.Length).ShouldBeInOrder();
        foreach (var path in result.Paths)
        {
            path.Nodes.Distinct().Count().ShouldBe(path.Nodes.Count);
            path.Nodes[^1].ShouldBe("site:legit-firm.example");
        }
        result.Paths[0].Explanation.ShouldContain("copies site legit-firm.example");
    }

    [Fact]
    public void Yen_finds_the_second_route_around_a_square()
    {
        var builder = new GraphBuilder();
        builder.AddEdge("applicant:A", "phone:+13125550001", Relations.HasPhone, "e1", "s");
        builder.AddEdge("applicant:B", "phone:+13125550001", Relations.HasPhone, "e2", "s");
        builder.AddEdge("applicant:A", "email:a@example.com", Relations.HasEmail, "e3", "s");
        builder.AddEdge("applicant:B", "email:a@example.com", Relations.HasEmail, "e4", "s");
        builder.AddEdge("applicant:A", "tracker:G-1", Relations.HasTracker, "e5", "s");
        builder.AddEdge("vendor:C", "tracker:G-1", Relations.HasTracker, "e6", "s");
        builder.AddEdge("vendor:C", "applicant:B", Relations.SameOperator, "e7", "s");
        var paths = builder.Build().Paths("applicant:A", "applicant:B", limit: 5).Paths;
        paths.Count.ShouldBe(3);
        paths.Take(2).ShouldAllBe(p => p.Length == 2);
        paths[2].Length.ShouldBe(3);
    }

    [Fact]
    public void Never_walks_through_a_hub_or_past_the_length_limit()
    {
        var graph = Scenario.Graph();
        graph.Node("address:1 registered agent way dover de").IsHub.ShouldBeTrue();
        graph.Paths("applicant:A-120", "applicant:A-121").Paths.ShouldBeEmpty();
        graph.Paths("applicant:A-17", "entity:test_sdn-1", maxLength: 3).Paths.ShouldBeEmpty();
    }

    [Fact]
    public void A_hub_can_still_be_an_end_of_a_path()
    {
        var path = Scenario.Graph().Paths("applicant:A-120", "1 Registered Agent Way, Dover DE").Paths.ShouldHaveSingleItem();
        path.Length.ShouldBe(1);
    }

    [Fact]
    public void Accepts_names_and_identifier_values_and_says_how_it_resolved_them()
    {
        var result = Scenario.Graph().Paths("A-17", "koryo example trading");
        result.From.How.ShouldBe("record id");
        result.To.How.ShouldBe("name");
        result.To.Node.Id.ShouldBe("entity:test_sdn-1");
        result.Paths.ShouldNotBeEmpty();
    }

    [Fact]
    public void Unknown_nodes_throw_the_exception_the_CLI_maps_to_exit_2() =>
        Should.Throw<UnknownNodeException>(() => Scenario.Graph().Paths("applicant:A-17", "applicant:NOPE")).Text.ShouldBe("applicant:NOPE");

    [Fact]
    public void Cycles_do_not_loop()
    {
        var builder = new GraphBuilder();
        for (var i = 0; i < 50; i++)
        {
            builder.AddEdge($"entity:e{i}", $"entity:e{(i + 1) % 50}", Relations.OwnedBy, "ring", "s");
        }
        var graph = builder.Build();
        var paths = graph.Paths("entity:e0", "entity:e3", limit: 5).Paths;
        paths.Count.ShouldBe(1);
        paths[0].Length.ShouldBe(3);
        graph.Paths("entity:e0", "entity:e25").Paths.ShouldBeEmpty();
    }
}
