using System.Text.Json;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

public sealed class SiteAnalyzerTests
{
    private static IndexedSite Load(string kind, string name) =>
        SiteFeatures.Extract(SiteLoader.Load(RepoPaths.Fixture("sites", kind, name)), kind == "reference" ? SiteRole.Reference : SiteRole.Suspect);

    private static SiteIndex ReferenceIndex() => SiteIndex.Build([Load("reference", "harborpoint")]);

    [Fact]
    public void A_clone_names_the_copied_site_its_passages_and_the_swapped_brand()
    {
        var report = new SiteAnalyzer().Analyze(Load("suspect", "quillfeatherlab"), ReferenceIndex(),
            new SiteAnalysisOptions(RegisteredOn: new DateOnly(2026, 10, 1), AsOf: new DateOnly(2026, 10, 20)));

        report.Target.ShouldBe("quillfeatherlab", "a suspect is known by its folder name, not the domain its pages declare");
        var clone = report.Clones.ShouldHaveSingleItem();
        clone.Reference.ShouldBe("harborpointconsulting.example");
        clone.Relation.ShouldBe("clone");
        clone.CopiedFraction.ShouldBeGreaterThan(0.8);
        clone.Passages.ShouldContain(p => p.TargetPage == "about-us.html" && p.ReferencePage == "about.html");
        clone.BrandSubstitutions.ShouldContain(s => s.Original == "Harbor Point Consulting" && s.Replacement == "Quillfeather Lab LLC" && s.Count >= 3);
        clone.BrandSubstitutions.ShouldContain(s => s.Type == "tracker" && s.Original == "G-HPC0NSULT1" && s.Replacement == "G-QF7LAB2024");
        clone.BrandSubstitutions.ShouldContain(s => s.Type == "domain" && s.Original == "harborpointconsulting.example" && s.Replacement == "quillfeatherlab.example");
        clone.BrandSubstitutions.ShouldContain(s => s.Type == "phone");
        report.Findings.Select(f => f.Code).ShouldContain("SITE_COPIED_CONTENT");
        report.Findings.ShouldContain(f => f.Code == "SITE_CLONE_ARTEFACT" && f.Evidence.Contains("saved from url", StringComparison.Ordinal));
        report.Findings.ShouldContain(f => f.Code == "SITE_BRAND_LEFTOVER" && f.Evidence.Contains("about-us.html", StringComparison.Ordinal));
        report.Findings.ShouldContain(f => f.Code == "DOMAIN_NEW" && f.Severity == "high");
    }

    [Fact]
    public void An_honest_site_of_the_same_trade_is_not_a_clone()
    {
        var report = new SiteAnalyzer().Analyze(Load("suspect", "maplecrestadvisors"), ReferenceIndex());

        report.Clones.ShouldBeEmpty();
        report.Findings.ShouldNotContain(f => f.Code.StartsWith("SITE_COPIED", StringComparison.Ordinal));
    }

    [Fact]
    public void An_older_version_of_the_firms_own_site_is_the_same_site_not_a_clone()
    {
        var report = new SiteAnalyzer().Analyze(Load("suspect", "harborpoint-2019"), ReferenceIndex());

        var match = report.Clones.ShouldHaveSingleItem();
        match.Relation.ShouldBe("same_site");
        match.BrandSubstitutions.ShouldBeEmpty();
        report.Findings.ShouldNotContain(f => f.Code.StartsWith("SITE_COPIED", StringComparison.Ordinal));
    }

    [Fact]
    public void Sites_sharing_an_operators_tracker_and_phone_are_pivots_but_the_copied_firms_identifiers_are_not()
    {
        static IndexedSite Site(string name, string body) => SiteFeatures.Extract(
            new SiteSnapshot(name, name, [new SitePage("index.html", $"<html><head><link rel=\"canonical\" href=\"https://{name}/\"></head><body>{body}</body></html>")],
                new Dictionary<string, byte[]>(), []), SiteRole.Suspect);
        var operatorTag = "<script>gtag('config', 'G-0PERAT0R77');</script>";
        var firmPhone = "<p>Call +1 218-555-0142</p>";
        var reference = SiteFeatures.Extract(new SiteSnapshot("firm.example", "firm", [new SitePage("index.html", $"<html><body>{firmPhone}<p>Firm text.</p></body></html>")], new Dictionary<string, byte[]>(), []), SiteRole.Reference);
        var sibling = Site("sibling.example", operatorTag + firmPhone + "<p>Telegram: @ops_desk</p>");
        var unrelated = Site("unrelated.example", firmPhone + "<p>Other text.</p>");
        var target = Site("target.example", operatorTag + firmPhone + "<p>Telegram: @ops_desk</p>");

        var report = new SiteAnalyzer().Analyze(target, SiteIndex.Build([reference, sibling, unrelated]));

        var pivot = report.Pivots.Single(p => p.Site == "sibling.example");
        pivot.Shared.ShouldContain("trackers:G-0PERAT0R77");
        pivot.Shared.ShouldContain("messengers:telegram:@ops_desk");
        pivot.Shared.ShouldNotContain("phones:+12185550142");
        report.Pivots.ShouldNotContain(p => p.Site == "unrelated.example");
        report.Findings.ShouldContain(f => f.Code == "SITE_SHARED_FINGERPRINT" && f.Evidence.Contains("sibling.example", StringComparison.Ordinal));
    }

    [Fact]
    public void Indexed_sites_round_trip_through_json()
    {
        var site = Load("reference", "harborpoint");
        var copy = JsonSerializer.Deserialize<IndexedSite>(JsonSerializer.Serialize(site))!;

        var report = new SiteAnalyzer().Analyze(Load("suspect", "quillfeatherlab"), SiteIndex.Build([copy]));

        report.Clones.ShouldHaveSingleItem().Reference.ShouldBe(site.Key);
    }

    [Fact]
    public void Report_json_has_the_contract_shape_and_html_is_self_contained()
    {
        var report = new SiteAnalyzer().Analyze(Load("suspect", "quillfeatherlab"), ReferenceIndex());

        using var json = JsonDocument.Parse(SiteReportJson.ToJson(report));
        var root = json.RootElement;
        root.GetProperty("target").GetString().ShouldBe("quillfeatherlab");
        root.GetProperty("pages").GetInt32().ShouldBe(2);
        var clone = root.GetProperty("clones")[0];
        foreach (var field in new[] { "reference", "relation", "similarity", "copied_fraction", "brand_substitutions", "passages" })
        {
            clone.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        clone.GetProperty("brand_substitutions")[0].TryGetProperty("count", out _).ShouldBeTrue();
        clone.GetProperty("passages")[0].GetProperty("target_page").GetString().ShouldNotBeNullOrEmpty();
        var fingerprints = root.GetProperty("fingerprints");
        fingerprints.GetProperty("trackers")[0].GetString().ShouldBe("G-QF7LAB2024");
        fingerprints.GetProperty("phones")[0].GetString().ShouldBe("+13025550177");
        fingerprints.GetProperty("emails")[0].GetString().ShouldBe("hello@quillfeatherlab.example");
        fingerprints.GetProperty("favicon_mmh3").ValueKind.ShouldBe(JsonValueKind.Array);
        fingerprints.GetProperty("template").GetString()!.ShouldStartWith("tpl:");
        root.GetProperty("pivots").ValueKind.ShouldBe(JsonValueKind.Array);
        root.GetProperty("findings")[0].GetProperty("severity").GetString().ShouldBe("high");

        var html = SiteReportHtml.Render(report);
        html.ShouldContain("<ins>");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("src=\"http");
    }
}
