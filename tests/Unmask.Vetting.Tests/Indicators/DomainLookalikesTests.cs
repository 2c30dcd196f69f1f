using Unmask.Domain.Identifiers;
using Unmask.Vetting.Indicators;
using Unmask.Vetting.Model;
using Unmask.Vetting.Scoring;

namespace Unmask.Vetting.Tests.Indicators;

public sealed class DomainLookalikesTests
{
    private static VetRecord Vendor(string id, string company, string? domain = null, string? website = null, DateOnly? registered = null) =>
        new(id, RecordKind.Vendor, "Pat Doe")
        {
            CompanyName = company,
            CompanyDomain = domain is null ? null : Parse(domain),
            Website = website is null ? null : Parse(website),
            CompanyRegisteredOn = registered,
        };

    private static DomainName Parse(string text) => DomainName.TryParse(text, out var domain) ? domain : throw new ArgumentException(text);

    [Fact]
    public void A_company_domain_imitating_an_indexed_reference_is_reported()
    {
        var finding = DomainLookalikes.Find([Vendor("V-1", "Copy Co", "quillrnark.com")], ["quillmark.com"]).ShouldHaveSingleItem()!;
        finding.Code.ShouldBe("DOMAIN_LOOKALIKE");
        finding.Severity.ShouldBe(Severity.High);
        finding.Source.ShouldBe("S1-2024");
        finding.Evidence.ShouldBe("quillrnark.com is a look-alike of quillmark.com: homoglyph 'rn' for 'm' (an indexed reference site)");
        finding.Data!["kind"].ShouldBe("homoglyph");
        finding.Data["looks_like"].ShouldBe("quillmark.com");
    }

    [Fact]
    public void A_website_url_counts_as_well()
    {
        DomainLookalikes.Find([Vendor("V-1", "Copy Co", website: "https://quillmark.other-host.net/team")], ["quillmark.com"])[0]!
            .Data!["kind"].ShouldBe("subdomain");
    }

    [Fact]
    public void A_domain_imitating_another_record_names_that_record_and_the_older_domain_is_the_original()
    {
        var findings = DomainLookalikes.Find(
            [Vendor("V-1", "Quillmark Ltd", "quillmark.com", registered: new(2015, 3, 1)), Vendor("V-2", "Quill Services", "quil1mark.com", registered: new(2026, 9, 1))], []);
        findings[0].ShouldBeNull();
        findings[1]!.Evidence.ShouldBe("quil1mark.com is a look-alike of quillmark.com: homoglyph '1' for 'l' (the domain of vendor:V-1)");
    }

    [Fact]
    public void The_reference_itself_and_one_companys_own_domains_are_not_flagged()
    {
        DomainLookalikes.Find([Vendor("V-1", "Quillmark Ltd", "quillmark.com")], ["quillmark.com", "quillmark.net"])[0].ShouldBeNull();
        DomainLookalikes.Find([Vendor("V-1", "Quillmark Ltd", "quillmark.com"), Vendor("V-2", "Quillmark Ltd", "quillmark.net")], []).ShouldAllBe(f => f == null);
    }

    [Fact]
    public void A_word_domain_one_letter_from_a_reference_is_not_flagged()
    {
        DomainLookalikes.Find([Vendor("V-1", "Blank Print", "blank.com")], ["dlank.com"])[0].ShouldBeNull();
    }

    [Fact]
    public void The_saved_sites_lookalike_evidence_is_carried_over()
    {
        var site = new SiteCopyResult("site:copy-folder", null, 0, [], [],
            ["its pages claim quil1mark.com, not its own domain: quil1mark.com is a look-alike of quillmark.com: homoglyph '1' for 'l' (homoglyph)"]);
        var finding = DomainLookalikes.Find([Vendor("V-1", "Copy Co")], [], [site])[0]!;
        finding.Evidence.ShouldStartWith("saved site site:copy-folder: its pages claim quil1mark.com");
        finding.Data!["against"].ShouldBe("site:copy-folder");
    }

    [Fact]
    public void Vet_reports_it_with_the_weight_of_indicators_md()
    {
        var context = VettingContext.Default(TimeProvider.System) with { ReferenceDomains = ["quillmark.com"] };
        var result = Vetter.Vet([Vendor("V-1", "Copy Co", "quill-mark.com")], null, context).ShouldHaveSingleItem();
        result.Findings.ShouldContain(f => f.Code == "DOMAIN_LOOKALIKE");
        WeightsTable.VettingV1.WeightOf("DOMAIN_LOOKALIKE", Severity.High).ShouldBe(25);
    }
}
