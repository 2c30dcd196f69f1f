using Unmask.Domain;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Tests.Support;

/// <summary>A small fictional case (every name, number and domain is made up):
/// applicant A-17 and vendor V-3 give the same phone; V-3's wallet is on a fictional sanctions list entry, and V-3's
/// website copies a reference firm's site; applicant A-20 lives at A-17's flat written another way; A-30 lives in
/// the same building but another flat; 60 applicants (A-100…A-159) use one registered-agent address (a hub), and
/// two of them, A-100 and A-101, also share a phone.</summary>
public static class Scenario
{
    public const string SharedPhone = "+1 (312) 555-0123";
    public const string Wallet = "0x1111111111111111111111111111111111111111";

    /// <summary>The fictional list entities: a company with a wallet, its owner, and the Ownership between them.</summary>
    public static IReadOnlyList<Entity> Entities() =>
    [
        new Entity("test_sdn-1", Schemas.Company, "test_sdn")
            .Add("name", "Koryo Example Trading")
            .Add("cryptoWallet", Wallet)
            .Add("email", "ops@koryo-example.test")
            .Add("address", "99 Example Road, Pyongyang"),
        new Entity("test_sdn-2", Schemas.Person, "test_sdn").Add("name", "Pak Example"),
        new Entity("test_sdn-3", Schemas.Get("Ownership"), "test_sdn").Add("owner", "test_sdn-2").Add("asset", "test_sdn-1"),
    ];

    public static GraphBuilder Builder()
    {
        var builder = new GraphBuilder();
        foreach (var entity in Entities())
        {
            builder.AddEntity(entity, DatasetKind.Sanctions);
        }
        builder.AddRecord(NodeKind.Applicant, "A-17", "Jordan Sample",
        [
            (Relations.HasPhone, NodeIds.Phone(SharedPhone, "us")!, "phone on application", "applicants.csv"),
            (Relations.HasEmail, NodeIds.Email("j.sample+jobs@gmail.com")!, "e-mail on application", "applicants.csv"),
            (Relations.HasAddress, NodeIds.Address("12 Main Street, Apt 4, Springfield IL")!, "home address", "applicants.csv"),
            (Relations.HasAddress, NodeIds.Address("1 Registered Agent Way, Dover DE")!, "mailing address", "applicants.csv"),
        ], risk: 20);
        builder.AddRecord(NodeKind.Vendor, "V-3", "Copycat Labs LLC",
        [
            (Relations.HasPhone, NodeIds.Phone("312-555-0123", "us")!, "vendor contact phone", "vendors.csv"),
            (Relations.HasWallet, NodeIds.Wallet(Wallet)!, "payout wallet", "vendors.csv"),
            (Relations.HasWebsite, NodeIds.Site("https://copycat-labs.example/"), "company_domain", "vendors.csv"),
        ], risk: 35);
        builder.AddSite(new SiteInput("copycat-labs.example", "Copycat Labs", SiteRole.Suspect, Trackers: ["G-ABC123"],
            Copies: [new SiteCopy("legit-firm.example", 0.81, "74% of text copied from legit-firm.example, 'Legit Firm'→'Copycat Labs'")]));
        builder.AddSite(new SiteInput("legit-firm.example", "Legit Firm", SiteRole.Reference, Trackers: ["G-LEGIT1"]));
        builder.AddRecord(NodeKind.Applicant, "A-20", "Casey Example",
            [(Relations.HasAddress, NodeIds.Address("12 main st #4 springfield, il")!, "home address", "applicants.csv")]);
        builder.AddRecord(NodeKind.Applicant, "A-30", "Robin Example",
            [(Relations.HasAddress, NodeIds.Address("12 Main St Apt 9, Springfield IL")!, "home address", "applicants.csv")]);
        for (var i = 100; i < 160; i++)
        {
            builder.AddRecord(NodeKind.Applicant, $"A-{i}", $"Person {i}",
                [(Relations.HasAddress, NodeIds.Address("1 Registered Agent Way, Dover DE")!, "mailing address", "applicants.csv")]);
        }
        builder.AddRecord(NodeKind.Applicant, "A-100", "Person 100", [(Relations.HasPhone, "phone:+14155550100", "phone", "applicants.csv")]);
        builder.AddRecord(NodeKind.Applicant, "A-101", "Person 101", [(Relations.HasPhone, "phone:+14155550100", "phone", "applicants.csv")]);
        return builder;
    }

    public static LinkGraph Graph() => Builder().Build();
}
