using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

/// <summary>Where the index's identities meet the analysis: one firm read twice, a verbatim mirror of the same name, a copy
/// that keeps the firm's name but routes its phone elsewhere, a kept canonical link, and pages claiming too much.</summary>
public sealed class CloneSeamTests
{
    // The firm's text, shared with the artefact tests.
    private const string Welcome = CopiedArtefactTests.Welcome;
    private const string Method = CopiedArtefactTests.Method;
    private const string History = CopiedArtefactTests.History;

    private const string Contact = "Write to info@northwind.example or call +1 302-555-0100 for a visit.";

    private const string Canonical = "<link rel=\"canonical\" href=\"https://northwind.example/\">";

    private static IndexedSite Site(string source, SiteRole role, string head, string body) =>
        SiteFeatures.Extract(new SiteSnapshot(Path.GetFileName(source), source,
            [new SitePage("index.html", $"<html><head><title>Northwind Fieldworks</title>{head}</head><body>{body}</body></html>")],
            new Dictionary<string, byte[]>(), []), role);

    private static string Text(params string[] paragraphs) => string.Concat(paragraphs.Select(p => $"<p>{p}</p>"));

    private static IndexedSite Reference(string source) =>
        Site(source, SiteRole.Reference, Canonical, Text(Welcome, Method, History, Contact));

    private static string Renamed(string text) => text.Replace("Northwind Fieldworks", "Quarrytech Labs", StringComparison.Ordinal);

    [Fact]
    public void A_firm_indexed_twice_as_a_reference_still_has_its_clones_found()
    {
        var live = Reference("/refs/northwind-live");
        var archive = Reference("/refs/northwind-archive") with { Key = "northwind-archive", Domain = null };
        var clone = Site("/suspects/quarrytech", SiteRole.Suspect, "",
            Text(Renamed(Welcome), Method, Renamed(History), "Write to jobs@quarrytech.example for a visit."));

        var report = new SiteAnalyzer().Analyze(clone, SiteIndex.Build([live, archive]));

        report.Clones.ShouldNotBeEmpty();
        report.Clones.ShouldAllBe(c => c.Relation == CloneMatch.CloneRelation && c.CopiedWords >= 40);
    }

    [Fact]
    public void Text_another_firm_shares_with_the_reference_stays_common()
    {
        var reference = Reference("/refs/northwind");
        var other = Site("/refs/bramble", SiteRole.Reference, "<link rel=\"canonical\" href=\"https://bramble.example/\">", Text(Method));
        var clone = Site("/suspects/quarrytech", SiteRole.Suspect, "", Text(Method, "Quarrytech Labs answers within a day."));

        var report = new SiteAnalyzer().Analyze(clone, SiteIndex.Build([reference, other]));

        report.Clones.ShouldBeEmpty();
    }

    [Fact]
    public void A_copy_keeping_the_name_and_email_but_routing_the_phone_elsewhere_is_a_clone_not_the_same_site()
    {
        var reference = Reference("/refs/northwind");
        var copy = Site("/suspects/northwind-jobs", SiteRole.Suspect, Canonical,
            Text(Welcome, Method, History, Contact.Replace("302-555-0100", "302-555-0199", StringComparison.Ordinal)));

        var report = new SiteAnalyzer().Analyze(copy, SiteIndex.Build([reference]));

        var clone = report.Clones.ShouldHaveSingleItem();
        clone.Relation.ShouldBe(CloneMatch.CloneRelation);
        clone.BrandSubstitutions.ShouldContain(s => s.Type == "phone" && s.Replacement.Contains("555-0199", StringComparison.Ordinal));
        clone.SameSiteEvidence.ShouldContain(e => e.Contains("routes phone", StringComparison.Ordinal));
        report.Findings.ShouldNotContain(f => f.Code == "SITE_SAME_SITE");
    }

    [Fact]
    public void A_copy_keeping_all_the_firms_contacts_under_its_name_is_still_the_same_site()
    {
        var reference = Reference("/refs/northwind");
        var redesign = Site("/suspects/northwind-2019", SiteRole.Suspect, Canonical, Text(Welcome, Method, History, Contact));

        var report = new SiteAnalyzer().Analyze(redesign, SiteIndex.Build([reference]));

        report.Clones.ShouldHaveSingleItem().Relation.ShouldBe(CloneMatch.SameSiteRelation);
    }

    [Fact]
    public void The_firms_own_copy_with_a_renamed_profile_handle_is_still_the_same_site()
    {
        var profile = "<p><a href=\"https://www.linkedin.com/in/jane-doe-northwind\">Jane on LinkedIn</a></p>";
        var reference = Site("/refs/northwind", SiteRole.Reference, Canonical, Text(Welcome, Method, History, Contact) + profile);
        var older = Site("/suspects/northwind-2019", SiteRole.Suspect, Canonical,
            Text(Welcome, Method, History, Contact) + profile.Replace("jane-doe-northwind", "janedoenorthwind", StringComparison.Ordinal));

        var report = new SiteAnalyzer().Analyze(older, SiteIndex.Build([reference]));

        report.Clones.ShouldHaveSingleItem().Relation.ShouldBe(CloneMatch.SameSiteRelation);
    }

    [Fact]
    public void A_verbatim_mirror_in_a_folder_of_the_same_name_is_compared_with_the_reference()
    {
        var reference = Site("/refs/northwind.example", SiteRole.Reference, "", Text(Welcome, Method, History, Contact));
        var mirror = Site("/suspects/northwind.example", SiteRole.Suspect, "", Text(Welcome, Method, History, Contact))
            with { Key = "northwind.example-suspect" };
        mirror.ContentHash.ShouldBe(reference.ContentHash);

        var report = new SiteAnalyzer().Analyze(mirror, SiteIndex.Build([reference, mirror]));

        report.Clones.ShouldHaveSingleItem().Reference.ShouldBe(reference.Key);
    }

    [Fact]
    public void A_kept_canonical_link_is_reported_once_as_a_claim_not_also_as_a_clone_artefact()
    {
        var reference = Reference("/refs/northwind");
        reference.Domain.ShouldBe("northwind.example");
        var clone = Site("/suspects/quarrytech", SiteRole.Suspect, Canonical,
            Text(Renamed(Welcome), Method, Renamed(History), "Write to jobs@quarrytech.example for a visit."));

        var report = new SiteAnalyzer().Analyze(clone, SiteIndex.Build([reference]));

        report.Clones.ShouldHaveSingleItem().Relation.ShouldBe(CloneMatch.CloneRelation);
        report.Findings.ShouldContain(f => f.Code == "SITE_CLAIMS_OTHER_IDENTITY" && f.Evidence.Contains("canonical link on index.html", StringComparison.Ordinal));
        report.Findings.ShouldNotContain(f => f.Code == "SITE_CLONE_ARTEFACT");
    }

    [Fact]
    public void An_httrack_comment_is_still_a_clone_artefact_beside_the_claim()
    {
        var reference = Reference("/refs/northwind");
        var clone = Site("/suspects/quarrytech", SiteRole.Suspect, Canonical,
            "<!-- Mirrored from northwind.example/ by HTTrack Website Copier/3.x -->"
            + Text(Renamed(Welcome), Method, Renamed(History), "Write to jobs@quarrytech.example for a visit."));

        var report = new SiteAnalyzer().Analyze(clone, SiteIndex.Build([reference]));

        report.Findings.ShouldContain(f => f.Code == "SITE_CLAIMS_OTHER_IDENTITY");
        report.Findings.Where(f => f.Code == "SITE_CLONE_ARTEFACT").ShouldHaveSingleItem().Evidence.ShouldContain("HTTrack");
    }

    [Fact]
    public void Only_the_most_claimed_domains_are_kept_as_declared_with_a_warning()
    {
        var pages = Enumerable.Range(0, 30)
            .Select(i => new SitePage($"p{i}.html",
                $"<html><head><link rel=\"canonical\" href=\"https://{(i < 5 ? "main" : $"d{i}")}.example/\"></head><body><p>Page {i}.</p></body></html>"))
            .ToList();

        var site = SiteFeatures.Extract(new SiteSnapshot("many", "/suspects/many", pages, new Dictionary<string, byte[]>(), []), SiteRole.Suspect);

        site.Declared.Count.ShouldBe(SiteFeatures.MaxDeclared);
        site.Declared[0].ShouldBe("main.example");
        site.Warnings.ShouldContain(w => w.Contains($"only the {SiteFeatures.MaxDeclared} most claimed of 26 declared domains", StringComparison.Ordinal));
    }

    [Fact]
    public void A_json_ld_array_of_many_organisations_is_read_only_up_to_a_bound()
    {
        var organisations = string.Join(",", Enumerable.Range(0, 5_000).Select(i => $"{{\"@type\":\"Organization\",\"url\":\"https://o{i}.example/\"}}"));
        var page = new SitePage("index.html",
            $"<html><head><script type=\"application/ld+json\">[{organisations}]</script></head><body><p>Hello.</p></body></html>");

        var features = PageExtractor.Extract(page);

        features.JsonLdUrls.Count.ShouldBeGreaterThan(0);
        features.JsonLdUrls.Count.ShouldBeLessThanOrEqualTo(1_000);
    }

    [Fact]
    public void A_claimed_lookalike_is_found_through_the_indexed_reference_domains()
    {
        var index = SiteIndex.Build([Reference("/refs/northwind")]);
        var claimant = Site("/suspects/front", SiteRole.Suspect, "<link rel=\"canonical\" href=\"https://northwlnd.example/\">", Text("Hello."));

        DomainFindings.LookalikeEvidence(claimant, index.ReferenceLookalikes).ShouldHaveSingleItem()
            .ShouldStartWith("its pages claim northwlnd.example, not its own domain");
    }
}
