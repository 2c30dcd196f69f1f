using Unmask.Domain;
using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests;

public class GraphBuilderTests
{
    [Fact]
    public void List_entity_properties_become_identifier_nodes()
    {
        var graph = Scenario.Graph();
        var edges = graph.EdgesOf("entity:test_sdn-1").Select(e => (e.To, e.Relation)).ToList();
        edges.ShouldContain(("wallet:evm:" + Scenario.Wallet, Relations.HasWallet));
        edges.ShouldContain(("email:ops@koryo-example.test", Relations.HasEmail));
        edges.ShouldContain(("address:99 example rd pyongyang", Relations.HasAddress));
        var entity = graph.Node("entity:test_sdn-1");
        entity.Caption.ShouldBe("Koryo Example Trading");
        entity.IsDesignated.ShouldBeTrue();
        entity.Risk.ShouldBe(100);
        entity.Dataset.ShouldBe("test_sdn");
    }

    [Fact]
    public void FtM_relationship_entities_become_edges()
    {
        var graph = Scenario.Graph();
        var ownership = graph.EdgesOf("entity:test_sdn-1").Single(e => e.Relation == Relations.OwnedBy);
        ownership.From.ShouldBe("entity:test_sdn-1");
        ownership.To.ShouldBe("entity:test_sdn-2");
        ownership.Evidence.ShouldContain("Ownership test_sdn-3");
        graph.Contains("entity:test_sdn-3").ShouldBeFalse();
    }

    [Fact]
    public void IOC_entities_are_tied_to_their_identifier()
    {
        var builder = new GraphBuilder();
        builder.AddEntity(new Entity("ioc-1", Schemas.CryptoWallet, "persona_wallets").Add("publicKey", "0x2222222222222222222222222222222222222222")
            .Add("holder", "test_sdn-1"), DatasetKind.Indicators);
        builder.AddEntity(new Entity("ioc-2", Schemas.Domain, "seized_domains").Add("domain", "front-example.test"), DatasetKind.Indicators);
        var graph = builder.Build();
        graph.EdgesOf("wallet:evm:0x2222222222222222222222222222222222222222").Select(e => e.From)
            .ShouldBe(["entity:ioc-1", "entity:test_sdn-1"], ignoreOrder: true);
        graph.EdgesOf("entity:ioc-2").Single().To.ShouldBe("domain:front-example.test");
        graph.Node("entity:ioc-2").IsDesignated.ShouldBeTrue();
    }

    [Fact]
    public void A_flat_links_to_its_building_which_never_joins_people()
    {
        var graph = Scenario.Graph();
        var flat4 = graph.EdgesOf("address:12 main st springfield il unit 4").ToList();
        flat4.Where(e => e.Relation == Relations.HasAddress).Select(e => e.From).ShouldBe(["applicant:A-17", "applicant:A-20"], ignoreOrder: true);
        flat4.ShouldContain(e => e.Relation == Relations.InBuilding && e.To == "building:12 main st springfield il");
        graph.Paths("applicant:A-17", "applicant:A-30").Paths.ShouldBeEmpty();
    }

    [Fact]
    public void Adding_twice_merges()
    {
        var builder = new GraphBuilder();
        builder.AddNode("applicant:A-1", "First", risk: 10);
        builder.AddNode("applicant:A-1", "Second", risk: 40);
        builder.AddNode("applicant:A-1", risk: 5);
        builder.AddEdge("applicant:A-1", "phone:+13125550100", Relations.HasPhone, "first", "a.csv", 0.5);
        builder.AddEdge("applicant:A-1", "phone:+13125550100", Relations.HasPhone, "second", "b.csv", 0.9);
        builder.AddEdge("applicant:A-1", "applicant:A-1", Relations.SameOperator, "self", "x");
        var graph = builder.Build();
        var node = graph.Node("applicant:A-1");
        node.Caption.ShouldBe("First");
        node.Risk.ShouldBe(40);
        var edge = graph.Edges.ShouldHaveSingleItem();
        edge.Evidence.ShouldBe("first");
        edge.Weight.ShouldBe(0.9, 1e-6);
    }

    [Fact]
    public void Malformed_node_ids_are_refused() =>
        Should.Throw<ArgumentException>(() => new GraphBuilder().AddEdge("A-17", "phone:+1", Relations.HasPhone, "", ""));

    [Fact]
    public void Sites_carry_fingerprints_copies_and_their_domain()
    {
        var graph = Scenario.Graph();
        var site = graph.EdgesOf("site:copycat-labs.example").ToList();
        site.ShouldContain(e => e.To == "tracker:G-ABC123" && e.Relation == Relations.HasTracker);
        site.ShouldContain(e => e.To == "domain:copycat-labs.example" && e.Relation == Relations.HasDomain);
        var copy = site.Single(e => e.Relation == Relations.Copies);
        copy.To.ShouldBe("site:legit-firm.example");
        copy.Weight.ShouldBe(0.81, 1e-6);
        graph.Node("site:copycat-labs.example").Flags.ShouldBe(NodeFlags.Suspect);
        graph.Node("site:legit-firm.example").Flags.ShouldBe(NodeFlags.Reference);
    }
}

public class GraphBuilderHandOverTests
{
    [Fact]
    public void Build_hands_the_data_over_and_leaves_the_builder_empty()
    {
        var builder = new GraphBuilder();
        builder.AddEdge("applicant:A-1", "phone:+13125550100", Relations.HasPhone, "p", "s");
        var graph = builder.Build();
        graph.EdgeCount.ShouldBe(1);
        builder.NodeCount.ShouldBe(0);
        builder.EdgeCount.ShouldBe(0);
        graph.Node("applicant:A-1").Id.ShouldBe("applicant:A-1");
    }
}
