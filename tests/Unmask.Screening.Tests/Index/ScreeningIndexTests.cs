using Unmask.Domain;

namespace Unmask.Screening.Tests.Index;

/// <summary>What the index holds: list targets only, weak aliases as weak names.</summary>
public sealed class ScreeningIndexTests
{
    private static ScreeningQuery Query(params (string Property, string Value)[] properties) =>
        new("q", "Any", properties.GroupBy(p => p.Property).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Value).ToList()));

    [Fact]
    public void A_context_entity_is_never_a_result_even_on_its_exact_name_or_identifier()
    {
        // An applicant and the firm a front copied, read back from an FtM export with target false.
        var applicant = new Entity("fict-applicant-a3", Schemas.Person, "unmask_graph") { Target = false }
            .Add("name", "Jasper Leeford").Add("email", "jasper.leeford@example.test").Add("passportNumber", "PX7654321");
        var firm = new Entity("fict-firm", Schemas.Company, "unmask_graph") { Target = false }.Add("name", "Honest Example Software GmbH");
        var designated = new Entity("fict-p1", Schemas.Person, "fict_sdn").Add("name", "RI Fictional Chol");
        var index = ScreeningIndex.Build([applicant, firm, designated]);
        var screener = new Screener(index);

        index.Entities.Select(e => e.Source.Id).ShouldBe(["fict-p1"]);
        screener.Screen(Query(("name", "Jasper Leeford")), new ScreeningOptions(Threshold: 0.0)).Results.ShouldBeEmpty();
        screener.Screen(Query(("name", "Honest Example Software GmbH")), new ScreeningOptions(Threshold: 0.0)).Results.ShouldBeEmpty();
        screener.Screen(Query(("name", "Somebody"), ("passportNumber", "PX7654321")), new ScreeningOptions(Threshold: 0.0)).Results
            .ShouldNotContain(r => r.Id == "fict-applicant-a3");
        screener.Screen(Query(("name", "Ri Fictional Chol")), new ScreeningOptions()).Results.ShouldHaveSingleItem().Id.ShouldBe("fict-p1");
    }

    [Fact]
    public void A_weak_alias_is_a_weak_name_and_scores_below_the_same_name_as_an_alias()
    {
        var weak = new Entity("w", Schemas.Person, "fict").Add("name", "KANG Fictional Su").Add("weakAlias", "Sobaek Mountain");
        var strong = new Entity("s", Schemas.Person, "fict").Add("name", "HAN Fictional Ok").Add("alias", "Sobaek Mountain");
        var index = ScreeningIndex.Build([weak, strong]);

        index.Entities.Single(e => e.Source.Id == "w").WeakNames.ShouldBe([false, true]);
        index.Entities.Single(e => e.Source.Id == "s").WeakNames.ShouldBe([false, false]);
        var results = new Screener(index).Screen(Query(("name", "Sobaek Mountain")), new ScreeningOptions(Threshold: 0.0)).Results;
        results.Single(r => r.Id == "w").Score.ShouldBeLessThan(results.Single(r => r.Id == "s").Score);
    }
}
