using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests.Queries;

public class NeighbourhoodAndRiskTests
{
    [Fact]
    public void Show_lists_the_nodes_and_edges_within_the_depth()
    {
        var graph = Scenario.Graph();
        var one = graph.Neighbourhood("vendor:V-3", depth: 1);
        one.Node.Id.ShouldBe("vendor:V-3");
        one.Nodes.Select(n => n.Id).ShouldBe(["vendor:V-3", "phone:+13125550123", "wallet:evm:" + Scenario.Wallet, "site:copycat-labs.example"], ignoreOrder: true);
        one.Edges.Count.ShouldBe(3);
        var two = graph.Neighbourhood("vendor:V-3", depth: 2);
        two.Nodes.Select(n => n.Id).ShouldContain("applicant:A-17");
        two.Nodes.Select(n => n.Id).ShouldContain("entity:test_sdn-1");
        two.Edges.ShouldAllBe(e => two.Nodes.Any(n => n.Id == e.From) && two.Nodes.Any(n => n.Id == e.To));
    }

    [Fact]
    public void Hubs_are_shown_but_not_expanded()
    {
        var show = Scenario.Graph().Neighbourhood("applicant:A-120", depth: 3);
        show.Nodes.Select(n => n.Id).ShouldBe(["applicant:A-120", "address:1 registered agent way dover de"]);
        show.Nodes[1].IsHub.ShouldBeTrue();
    }

    [Fact]
    public void Reaching_a_designated_entry_raises_risk_with_the_path_as_evidence()
    {
        var graph = Scenario.Graph();
        var vendor = graph.PropagatedRisk("vendor:V-3");
        vendor.OwnRisk.ShouldBe(35);
        vendor.Risk.ShouldBe(81);
        vendor.Path.ShouldNotBeNull().Nodes.ShouldBe(["vendor:V-3", "wallet:evm:" + Scenario.Wallet, "entity:test_sdn-1"]);
        var applicant = graph.PropagatedRisk("applicant:A-17");
        applicant.Risk.ShouldBeGreaterThan(applicant.OwnRisk);
        applicant.Risk.ShouldBeLessThan(vendor.Risk);
        graph.PropagatedRisk("applicant:A-20").Risk.ShouldBeLessThan(applicant.Risk);
    }

    [Fact]
    public void Nothing_is_raised_through_a_hub_and_victims_are_not_raised()
    {
        var graph = Scenario.Graph();
        var farAway = graph.PropagatedRisk("applicant:A-120");
        farAway.Risk.ShouldBe(0);
        farAway.Path.ShouldBeNull();
        graph.PropagatedRisk("site:legit-firm.example").Risk.ShouldBe(0);
        graph.PropagatedRisk("applicant:A-30").Risk.ShouldBe(0);
    }

    [Theory]
    [InlineData("applicant:A-17", "exact id", "applicant:A-17")]
    [InlineData("V-3", "record id", "vendor:V-3")]
    [InlineData("test_sdn-1", "entity id", "entity:test_sdn-1")]
    [InlineData("+1 312 555 0123", "identifier value normalised", "phone:+13125550123")]
    [InlineData("J.Sample+other@gmail.com", "identifier value normalised", "email:jsample@gmail.com")]
    [InlineData("https://copycat-labs.example/about", "identifier value normalised", "site:copycat-labs.example")]
    [InlineData("12 Main St. #4, Springfield IL", "identifier value normalised", "address:12 main st springfield il unit 4")]
    [InlineData("KORYO  example trading", "name", "entity:test_sdn-1")]
    public void Resolves_what_a_user_typed(string text, string how, string node)
    {
        var resolution = Scenario.Graph().ResolveNode(text);
        resolution.How.ShouldBe(how);
        resolution.Node.Id.ShouldBe(node);
    }

    [Fact]
    public void Unknown_text_throws() => Should.Throw<UnknownNodeException>(() => Scenario.Graph().ResolveNode("nobody at all"));
}
