using Unmask.Domain;
using Unmask.LinkGraph.Export;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Tests.Support;

/// <summary>The fictional <see cref="Scenario"/> with everything a STIX export carries: its list entities whole (aliases,
/// dates, countries, a program as a Sanction context entity), a cyber actor group, a designated vessel, an IOC wallet
/// entry, a VPN sign-in, the list datasets with their publishers, and one case with a finding, a decision and audit
/// entries. Every name, number and address is made up.</summary>
internal static class StixScenario
{
    public const string ActorWallet = "0x2222222222222222222222222222222222222222";
    public const string VpnExit = "198.51.100.7";

    public static readonly Dataset Sdn = new("test_sdn", "Test Designations List", "Test Treasury Office", new DateOnly(2026, 11, 30), DatasetKind.Sanctions);
    public static readonly Dataset Ioc = new("test_ioc", "Test Advisory Indicators", "Test Cyber Agency", null, DatasetKind.Indicators);
    public static readonly Dataset VpnExits = new("test_vpn_exits", "Test VPN exit addresses", "Test Research", null, DatasetKind.Indicators);
    public const string ListedVpnExit = "203.0.113.9";

    public static IReadOnlyList<Entity> Entities()
    {
        var company = new Entity("test_sdn-1", Schemas.Company, "test_sdn")
            .Add("name", "Koryo Example Trading").Add("alias", "KET Ltd").Add("country", "kp")
            .Add("cryptoWallet", Scenario.Wallet).Add("email", "ops@koryo-example.test").Add("address", "99 Example Road, Pyongyang")
            .Add("sourceUrl", "https://lists.example.test/sdn/1");
        company.FirstSeen = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        company.AddDatasets(["test_ioc"]);
        var person = new Entity("test_sdn-2", Schemas.Person, "test_sdn")
            .Add("name", "Pak Example").Add("weakAlias", "Pak").Add("birthDate", "1971-05-04").Add("nationality", "kp");
        var ownership = new Entity("test_sdn-3", Schemas.Get("Ownership"), "test_sdn").Add("owner", "test_sdn-2").Add("asset", "test_sdn-1");
        ownership.Target = false;
        var sanction = new Entity("test_sdn-1-sanction", Schemas.Sanction, "test_sdn").Add("entity", "test_sdn-1").Add("program", "DPRK-TEST");
        sanction.Target = false;
        var actor = new Entity("test_ioc-7", Schemas.Organization, "test_ioc")
            .Add("name", "Example Chollima").Add("alias", "Sample Group").Add("topics", "crime.cyber");
        var vessel = new Entity("test_sdn-4", Schemas.Vessel, "test_sdn").Add("name", "SEA EXAMPLE").Add("imoNumber", "IMO 9999999");
        var wallet = new Entity("test_ioc-8", Schemas.CryptoWallet, "test_ioc").Add("publicKey", ActorWallet).Add("currencySymbol", "ETH")
            .Add("holder", "test_ioc-7");
        var exit = new Entity("test_vpn_exits-1", Schemas.IpAddress, "test_vpn_exits").Add("ipAddress", ListedVpnExit);
        return [company, person, ownership, sanction, actor, vessel, wallet, exit];
    }

    public static GraphBuilder Builder()
    {
        var builder = Scenario.Builder();
        foreach (var entity in Entities().Where(e => e.Id is "test_ioc-7" or "test_sdn-4" or "test_ioc-8" or "test_vpn_exits-1"))
        {
            builder.AddEntity(entity, entity.Dataset == "test_sdn" ? DatasetKind.Sanctions : DatasetKind.Indicators);
        }
        builder.AddRecord(NodeKind.Applicant, "A-17", "Jordan Sample",
            [(Relations.SignedInFrom, NodeIds.Ip(VpnExit)!, "signed in from a VPN exit", "vetting")]);
        return builder;
    }

    public static ExportContent Content(LinkGraph graph, DateTimeOffset? exportedAt = null) => new(
        GraphSelection.All(graph),
        Entities().ToDictionary(e => e.Id, StringComparer.Ordinal),
        new Dictionary<string, Dataset>(StringComparer.Ordinal) { [Sdn.Name] = Sdn, [Ioc.Name] = Ioc, [VpnExits.Name] = VpnExits },
        [Case()],
        exportedAt ?? ExportContents.ExportedAt);

    public static CaseExport Case() => new(
        "C-1", "Copycat Labs and applicant A-17", "cleared", "analyst.one", new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero),
        ["applicant:A-17", "vendor:V-3"],
        [new CaseFindingExport("vendor:V-3", "WALLET_ON_LIST", "high", "payout wallet is on test_sdn-1", "INDICATORS.md#wallets",
            new Dictionary<string, string> { ["wallet"] = Scenario.Wallet })],
        [new CaseDecisionExport("cleared", "wallet reused by a payment processor, confirmed by phone", "analyst.two",
            new DateTimeOffset(2026, 11, 3, 15, 30, 0, TimeSpan.Zero))],
        [new CaseAuditExport(41, new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), "analyst.one", "case.open", "opened from cluster 1", "ab12"),
         new CaseAuditExport(42, new DateTimeOffset(2026, 11, 3, 15, 30, 0, TimeSpan.Zero), "analyst.two", "case.decide", "cleared", "cd34")]);
}
