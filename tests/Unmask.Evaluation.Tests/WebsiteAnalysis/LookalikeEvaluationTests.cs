using Unmask.Evaluation.WebsiteAnalysis;

namespace Unmask.Evaluation.Tests.WebsiteAnalysis;

public sealed class LookalikeEvaluationTests
{
    [Fact]
    public void The_generator_writes_every_dnstwist_family_as_valid_hosts_other_than_the_firms()
    {
        var permutations = LookalikeEvaluation.Permutations("copyacme-labs.com");
        var families = permutations.Select(p => p.Family).Distinct().ToList();
        families.ShouldBe(LookalikeEvaluation.Families.Where(f => f != "cyrillic"), ignoreOrder: true); // a hyphen has no Cyrillic twin
        LookalikeEvaluation.Permutations("copycat.com").ShouldContain(p => p.Family == "cyrillic" && p.Host.StartsWith("xn--"));
        permutations.ShouldAllBe(p => p.Host != "copyacme-labs.com" && !p.Host.StartsWith('-'));
        permutations.ShouldContain(("subdomain", "copy.acme-labs.com"));
        permutations.ShouldContain(("plural", "copyacmes-labs.com"));
        permutations.ShouldContain(("dictionary", "copyacme-login.com"));
        permutations.ShouldContain(("homoglyph", "copyacrne-labs.com"));
    }
}
