using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

public sealed class DomainFindingsTests
{
    private static IndexedSite Site(string name, SiteRole role, string? domain, params string[] declared) =>
        SiteFeatures.FromPages(new SiteSnapshot(name, name, [new SitePage("index.html", "")], new Dictionary<string, byte[]>(), []), role,
            [new PageFeatures { Path = "index.html", Title = name, Blocks = [new TextBlock($"{name} text.", BlockRole.Content)] }])
            with { Domain = domain, Declared = declared };

    private static readonly SiteIndex Index = SiteIndex.Build([Site("quillmark", SiteRole.Reference, "quillmark.com", "quillmark.com", "quillmark-careers.com")]);

    private static IReadOnlyList<string> Lookalikes(IndexedSite target) =>
        DomainFindings.Of(target, Index, new SiteAnalysisOptions()).Where(f => f.Code == "DOMAIN_LOOKALIKE").Select(f => f.Evidence).ToList();

    [Fact]
    public void A_site_on_a_lookalike_domain_is_reported()
    {
        var evidence = Lookalikes(Site("copy", SiteRole.Suspect, "quillrnark.com")).ShouldHaveSingleItem();
        evidence.ShouldBe("quillrnark.com is a look-alike of quillmark.com: homoglyph 'rn' for 'm' (homoglyph)");
    }

    [Fact]
    public void A_site_fetched_from_the_brand_as_a_subdomain_is_reported_with_its_host()
    {
        var site = Site("copy", SiteRole.Suspect, "other-host.net") with { Source = "https://quillmark.other-host.net/about" };
        Lookalikes(site).ShouldHaveSingleItem().ShouldContain("quillmark.other-host.net is a look-alike of quillmark.com");
    }

    [Fact]
    public void A_lookalike_the_pages_claim_is_reported_as_a_claim()
    {
        var evidence = Lookalikes(Site("copy", SiteRole.Suspect, null, "quil1mark.com")).ShouldHaveSingleItem();
        evidence.ShouldStartWith("its pages claim quil1mark.com, not its own domain: quil1mark.com is a look-alike of quillmark.com");
    }

    [Fact]
    public void Claiming_exactly_a_references_domain_is_not_a_lookalike()
    {
        Lookalikes(Site("copy", SiteRole.Suspect, null, "quillmark.com")).ShouldBeEmpty();
        Lookalikes(Site("copy", SiteRole.Suspect, null, "www.quillmark.com")).ShouldBeEmpty();
    }

    [Fact]
    public void Declared_domains_of_references_are_compared_too()
    {
        Index.ReferenceDomains.Select(r => r.Domain).ShouldBe(["quillmark.com", "quillmark-careers.com"]);
        Lookalikes(Site("copy", SiteRole.Suspect, "quillmark-careres.com")).ShouldContain(e => e.Contains("look-alike of quillmark-careers.com"));
    }

    [Fact]
    public void A_reference_is_not_a_lookalike_of_its_own_domains()
    {
        var firm = Site("quillmark", SiteRole.Reference, "quillmark.com", "quillmark.com", "quillmark-careers.com");
        Lookalikes(firm).ShouldBeEmpty();
    }
}
