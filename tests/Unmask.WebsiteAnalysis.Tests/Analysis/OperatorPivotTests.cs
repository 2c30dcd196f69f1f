using System.Text.Json;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

public sealed class OperatorPivotTests
{
    private static IndexedSite Site(string name, SiteRole role, string body, IReadOnlyDictionary<string, byte[]>? icons = null) =>
        SiteFeatures.Extract(new SiteSnapshot(name, name,
            [new SitePage("index.html", $"<html><head><link rel=\"icon\" href=\"/favicon.ico\"></head><body><p>{name} is a small firm.</p>{body}</body></html>")],
            icons ?? new Dictionary<string, byte[]>(), []), role);

    private const string AgencyTag = "<script>gtag('config', 'G-AGENCY0001');</script>";
    private const string BuilderEmail = "<p>Website help: support@sitebuilder.example</p>";

    private static readonly Dictionary<string, byte[]> ThemeIcon = new() { ["favicon.ico"] = [0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 7, 7] };

    /// <summary>Eight unrelated client sites of one web agency (its tag, its theme's icon, the site builder's support
    /// address), and one sibling of the target that shares a rare phone with it.</summary>
    private static List<IndexedSite> AgencyIndex()
    {
        var sites = Enumerable.Range(1, 8).Select(i => Site($"client{i}.example", SiteRole.Suspect, AgencyTag + BuilderEmail, ThemeIcon)).ToList();
        sites.Add(Site("sibling.example", SiteRole.Suspect, AgencyTag + "<p>Call +1 302-555-0199</p>", ThemeIcon));
        return sites;
    }

    [Fact]
    public void Values_many_sites_share_are_weighed_down_and_are_not_an_operator_link_but_a_rare_phone_is()
    {
        var target = Site("target.example", SiteRole.Suspect, AgencyTag + BuilderEmail + "<p>Call +1 302-555-0199</p>", ThemeIcon);

        var report = new SiteAnalyzer().Analyze(target, SiteIndex.Build(AgencyIndex()));

        var sibling = report.Pivots[0];
        sibling.Site.ShouldBe("sibling.example");
        sibling.Operator.ShouldBeTrue();
        sibling.Values.Single(v => v.Value == "phones:+13025550199").ShouldBe(new PivotValue("phones:+13025550199", 1, 1));
        var client = report.Pivots.Single(p => p.Site == "client1.example");
        client.Operator.ShouldBeFalse();
        client.Shared.ShouldContain("trackers:G-AGENCY0001");
        client.Shared.ShouldContain("emails:support@sitebuilder.example");
        var tag = client.Values.Single(v => v.Value == "trackers:G-AGENCY0001");
        tag.Sites.ShouldBe(9);
        tag.Weight.ShouldBeLessThan(0.5);
        report.Pivots.Where(p => p.Operator).Select(p => p.Site).ShouldBe(["sibling.example"]);
        report.Findings.Where(f => f.Code == "SITE_SHARED_FINGERPRINT").ShouldHaveSingleItem().Evidence.ShouldContain("sibling.example");
    }

    [Fact]
    public void Two_values_of_different_kinds_that_are_each_fairly_rare_make_an_operator_link()
    {
        var tag = "<script>gtag('config', 'G-STUDIO0042');</script>";
        var mail = "<p>Jobs: careers@hiredesk.example</p>";
        var sites = new List<IndexedSite>
        {
            Site("both.example", SiteRole.Suspect, tag + mail),
            Site("tag-a.example", SiteRole.Suspect, tag),
            Site("tag-b.example", SiteRole.Suspect, tag),
            Site("mail-a.example", SiteRole.Suspect, mail),
            Site("mail-b.example", SiteRole.Suspect, mail),
        };
        var target = Site("target.example", SiteRole.Suspect, tag + mail);

        var report = new SiteAnalyzer().Analyze(target, SiteIndex.Build(sites));

        report.Pivots.Where(p => p.Operator).Select(p => p.Site).ShouldBe(["both.example"]);
        report.Pivots.Single(p => p.Site == "tag-a.example").Operator.ShouldBeFalse();
        report.Pivots.Single(p => p.Site == "both.example").Values.Where(v => !v.Value.StartsWith("template:", StringComparison.Ordinal)).ShouldAllBe(v => v.Sites == 3);
    }

    [Fact]
    public void Clones_of_one_firm_that_keep_its_phone_are_linked_to_the_firm_not_to_each_other()
    {
        var firmPhone = "<p>Call +1 218-555-0142</p>";
        var firm = Site("firm.example", SiteRole.Reference, firmPhone);
        var otherClone = Site("copy-one.example", SiteRole.Suspect, firmPhone);
        var target = Site("copy-two.example", SiteRole.Suspect, firmPhone);

        var report = new SiteAnalyzer().Analyze(target, SiteIndex.Build([firm, otherClone]));

        var pivot = report.Pivots.ShouldHaveSingleItem();
        pivot.Site.ShouldBe("firm.example");
        pivot.Operator.ShouldBeFalse();
        report.Findings.ShouldNotContain(f => f.Code == "SITE_SHARED_FINGERPRINT");
    }

    [Fact]
    public void A_firms_own_site_analysed_again_is_not_the_operator_of_the_clones_that_kept_its_phone()
    {
        var firmPhone = "<p>Call +1 218-555-0142</p>";
        var firm = Site("firm.example", SiteRole.Reference, firmPhone);
        var clone = Site("copy-one.example", SiteRole.Suspect, firmPhone);
        var analysedAgain = Site("firm.example", SiteRole.Suspect, firmPhone);

        var report = new SiteAnalyzer().Analyze(analysedAgain, SiteIndex.Build([firm, clone]));

        report.Pivots.ShouldHaveSingleItem().Site.ShouldBe("copy-one.example");
        report.Pivots.ShouldAllBe(p => !p.Operator);
        report.Findings.ShouldNotContain(f => f.Code == "SITE_SHARED_FINGERPRINT");
    }

    [Fact]
    public void A_postal_address_alone_is_no_operator_link()
    {
        var office = "<p>Office: 1201 Example Street, Suite 73, Dover, DE 19901</p>";
        var target = Site("target.example", SiteRole.Suspect, office);

        var report = new SiteAnalyzer().Analyze(target, SiteIndex.Build([Site("tenant.example", SiteRole.Suspect, office)]));

        var pivot = report.Pivots.ShouldHaveSingleItem();
        pivot.Shared.ShouldContain(s => s.StartsWith("addresses:", StringComparison.Ordinal));
        pivot.Operator.ShouldBeFalse();
    }

    [Fact]
    public void The_json_report_gives_each_pivot_its_operator_verdict_and_weighed_values()
    {
        var target = Site("target.example", SiteRole.Suspect, AgencyTag + "<p>Call +1 302-555-0199</p>", ThemeIcon);

        var report = new SiteAnalyzer().Analyze(target, SiteIndex.Build(AgencyIndex()));

        var pivots = JsonDocument.Parse(SiteReportJson.ToJson(report)).RootElement.GetProperty("pivots");
        var first = pivots[0];
        first.GetProperty("site").GetString().ShouldBe("sibling.example");
        first.GetProperty("operator").GetBoolean().ShouldBeTrue();
        first.GetProperty("shared").EnumerateArray().Select(s => s.GetString()).ShouldContain("phones:+13025550199");
        var value = first.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "phones:+13025550199");
        value.GetProperty("sites").GetInt32().ShouldBe(1);
        value.GetProperty("weight").GetDouble().ShouldBe(1);
        pivots[1].GetProperty("operator").GetBoolean().ShouldBeFalse();
        SiteReportHtml.Render(report).ShouldContain("phones:+13025550199 (1, 1.00)");
    }
}
