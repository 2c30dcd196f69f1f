using Unmask.Domain.Identifiers;

namespace Unmask.Vetting.Tests.Indicators;

public sealed class CrossRecordTests
{
    private static VettingContext Context => Some.Context().Build();

    [Fact]
    public void A_shared_phone_is_reported_on_every_record_with_links_but_not_for_the_same_person_twice()
    {
        var records = new[]
        {
            Some.Applicant("A-1", "Jane Doe").WithPhone("+13125550123"),
            new VetRecord("V-3", RecordKind.Vendor, "Mark Olsen") { Country = "us" }.WithPhone("(312) 555-0123"),
            Some.Applicant("A-2", "DOE, Jane").WithPhone("+13125550123"),
        };
        var results = Vetter.Vet(records, null, Context);
        results[0].Findings.ShouldContain(f => f.Code == FindingCodes.PhoneShared);
        results[0].Links.ShouldBe([new VetLink("vendor:V-3", "phone:+13125550123")]);
        results[1].Links.Select(l => l.Entity).ShouldBe(["applicant:A-1", "applicant:A-2"]);
        results[1].Level.ShouldBe(RiskLevel.Medium);
    }

    [Fact]
    public void Shared_phone_numbers_on_the_allowlist_are_not_reported()
    {
        var context = Some.Context();
        context.Options = new VettingOptions { AllowedPhones = new HashSet<string> { "+1 312 555 0123" } };
        var records = new[] { Some.Applicant("A-1", "Jane Doe").WithPhone("+13125550123"), Some.Applicant("A-2", "Mark Olsen").WithPhone("+13125550123") };
        Vetter.Vet(records, null, context.Build()).ShouldAllBe(r => r.Findings.Count == 0);
    }

    [Fact]
    public void Two_identities_at_one_address_is_address_shared_three_is_a_laptop_farm()
    {
        VetRecord At(string id, string name, string address) => Some.Applicant(id, name) with { Address = address };
        var pair = Vetter.Vet([At("A-1", "Jane Doe", "12 North Main Street, Apt. 4B, Boise ID"), At("A-2", "Mark Olsen", "12 n main st apt 4b boise id")], null, Context);
        pair[0].Findings.Single().Code.ShouldBe(FindingCodes.AddressShared);
        var farm = Vetter.Vet([At("A-1", "Jane Doe", "7 Oak Road, Reno NV"), At("A-2", "Mark Olsen", "7 Oak Rd., Reno, NV"), At("C-4", "Li Wei", "7 OAK ROAD RENO NV")], null, Context);
        farm.ShouldAllBe(r => r.Findings.Single().Code == FindingCodes.LaptopFarmAddress && r.Links.Count == 2);
        farm[0].Links[0].Via.ShouldBe("address:7 oak rd reno nv");
    }

    [Fact]
    public void Bank_accounts_are_compared_by_hash_and_never_printed_in_full()
    {
        var a = Some.Applicant("A-1", "Jane Doe") with { BankAccount = Normalisation.BankAccounts.Parse("DE89 3704 0044 0532 0130 00") };
        var b = Some.Applicant("C-2", "Mark Olsen") with { PayoutChanges = [new PayoutChange(new DateOnly(2026, 5, 1), Normalisation.BankAccounts.Parse("de89370400440532013000"), "Mark Olsen", "de")] };
        var results = Vetter.Vet([a, b], null, Context);
        var finding = results[0].Findings.Single(f => f.Code == FindingCodes.PayoutAccountShared);
        finding.Evidence.ShouldContain("#…3000");
        finding.Evidence.ShouldNotContain("370400440532");
        results[0].Links.Single().Via.ShouldStartWith("bank:");
        results[1].Findings.ShouldContain(f => f.Code == FindingCodes.PayoutAccountShared);
    }

    [Fact]
    public void Reused_resume_passages_are_found_but_short_common_phrases_are_not()
    {
        const string passage = "Senior full stack developer with nine years of experience building scalable decentralized applications smart contracts and high performance web platforms using React Node Solidity and Rust delivered more than fifty projects for clients across fintech gaming and e-commerce with clean architecture and secure code";
        var records = new[]
        {
            Some.Applicant("A-1", "Jane Doe") with { ResumeText = "Jane Doe. " + passage },
            Some.Applicant("A-2", "Mark Olsen") with { ResumeText = "Mark Olsen. Summary: " + passage + " References on request." },
            Some.Applicant("A-3", "Li Wei") with { ResumeText = "Li Wei. Senior full stack developer with nine years of experience. I like hiking." },
        };
        var results = Vetter.Vet(records, null, Context);
        results[0].Findings.Single().Code.ShouldBe(FindingCodes.ResumeTextReused);
        results[1].Findings.Single().Evidence.ShouldContain("applicant A-1");
        results[2].Findings.ShouldBeEmpty();
        results[0].Links.Single().Via.ShouldBe(results[1].Links.Single().Via);
    }

    [Fact]
    public void Gmail_dots_and_tags_are_one_mailbox_and_references_to_other_applicants_are_linked()
    {
        EmailAddress.TryParse("dev.star+jobs@gmail.com", out var e1);
        EmailAddress.TryParse("devstar@gmail.com", out var e2);
        var records = new[]
        {
            Some.Applicant("A-1", "Jane Doe") with { Email = e1 },
            Some.Applicant("A-2", "Mark Olsen") with { Email = e2 },
            Some.Applicant("A-3", "Li Wei") with { References = [new ReferenceContact("M. Olsen", e2, null)] },
        };
        var results = Vetter.Vet(records, null, Context);
        results[0].Findings.ShouldContain(f => f.Code == FindingCodes.EmailShared);
        // The reference's mailbox is both A-1's and A-2's (Gmail ignores the dot and +tag).
        results[2].Findings.ShouldAllBe(f => f.Code == FindingCodes.ReferenceIsCandidate);
        results[2].Links.Select(l => l.Entity).ShouldBe(["applicant:A-1", "applicant:A-2"], ignoreOrder: true);
        results[1].Findings.ShouldContain(f => f.Code == FindingCodes.ReferenceIsCandidate && f.Evidence.Contains("A-3"));
    }
}
