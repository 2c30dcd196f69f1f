using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests.Queries;

public class ClustersTests
{
    [Fact]
    public void The_fraud_ring_is_the_riskiest_cluster_and_reaches_the_list()
    {
        var clusters = Scenario.Graph().Clusters();
        var ring = clusters[0];
        ring.Id.ShouldBe("cluster-1");
        ring.ReachesDesignated.ShouldBeTrue();
        ring.Members.Select(m => m.Node).ShouldBe(
            ["applicant:A-17", "applicant:A-20", "vendor:V-3", "site:copycat-labs.example", "entity:test_sdn-1", "entity:test_sdn-2", "site:legit-firm.example"],
            ignoreOrder: true);
        ring.Shared.ShouldContain("phone:+13125550123");
        ring.Shared.ShouldContain("address:12 main st springfield il unit 4");
        ring.Shared.ShouldNotContain("address:1 registered agent way dover de");
        ring.Level.ShouldBeOneOf("high", "critical");
        ring.DesignatedPath.ShouldNotBeNull().Nodes[^1].ShouldStartWith("entity:test_sdn-");
        ring.Members.Single(m => m.Node == "applicant:A-20").Reason.ShouldBe("shares address 12 main st springfield il unit 4 with applicant:A-17");
        ring.Members.Single(m => m.Node == "site:legit-firm.example").Reason.ShouldBe("is copied by site:copycat-labs.example");
    }

    [Fact]
    public void A_hub_joins_nobody_and_a_plain_shared_phone_is_a_small_cluster()
    {
        var clusters = Scenario.Graph().Clusters();
        clusters.ShouldAllBe(c => c.Members.Count < 20);
        var pair = clusters.Single(c => c.Members.Any(m => m.Node == "applicant:A-100"));
        pair.Members.Select(m => m.Node).ShouldBe(["applicant:A-100", "applicant:A-101"], ignoreOrder: true);
        pair.ReachesDesignated.ShouldBeFalse();
        pair.Risk.ShouldBe(0);
        clusters[0].ShouldNotBe(pair);
    }

    [Fact]
    public void Clusters_without_a_record_or_suspect_site_are_not_listed()
    {
        var builder = Scenario.Builder();
        builder.AddEdge("entity:x1", "phone:+442079460001", Relations.HasPhone, "list", "list");
        builder.AddEdge("entity:x2", "phone:+442079460001", Relations.HasPhone, "list", "list");
        builder.Build().Clusters().ShouldAllBe(c => !c.Members.Any(m => m.Node == "entity:x1"));
    }

    [Fact]
    public void Min_size_filters()
    {
        var graph = Scenario.Graph();
        graph.Clusters(minSize: 3).ShouldAllBe(c => c.Members.Count >= 3);
        graph.Clusters(minSize: 1).Count.ShouldBeGreaterThan(graph.Clusters(minSize: 2).Count);
    }

    [Fact]
    public void A_giant_hub_neither_hangs_nor_merges()
    {
        var builder = new GraphBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            builder.AddEdge($"applicant:A-{i}", "domain:gmail.com", Relations.HasDomain, "free mail", "s");
            builder.AddEdge($"applicant:A-{i}", "address:1 agent way", Relations.HasAddress, "agent", "s");
        }
        builder.AddEdge("applicant:A-1", "phone:+13125550199", Relations.HasPhone, "p", "s");
        builder.AddEdge("applicant:A-2", "phone:+13125550199", Relations.HasPhone, "p", "s");
        var graph = builder.Build();
        graph.Node("domain:gmail.com").IsHub.ShouldBeTrue();
        graph.Node("address:1 agent way").Weight.ShouldBeLessThan(0.1);
        graph.Clusters().ShouldHaveSingleItem().Members.Count.ShouldBe(2);
        graph.Paths("applicant:A-5", "applicant:A-6").Paths.ShouldBeEmpty();
        var show = graph.Neighbourhood("domain:gmail.com", depth: 3);
        show.Truncated.ShouldBeTrue();
        show.Nodes.Count.ShouldBe(graph.Options.NeighbourhoodMaxNodes);
    }
}
