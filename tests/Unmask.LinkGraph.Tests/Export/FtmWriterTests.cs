using System.Text.Json;
using System.Text.RegularExpressions;
using Unmask.Domain;
using Unmask.LinkGraph.Export;
using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Tests.Serialisation;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests.Export;

public partial class FtmWriterTests
{
    private static readonly Dataset Sdn = new("test_sdn", "Test Sanctions List", "Test Treasury Office", null, DatasetKind.Sanctions);
    private static readonly Dataset Ioc = new("test_ioc", "Test Indicators", "Test Cyber Agency", null, DatasetKind.Indicators);
    private const string PersonWallet = "bc1qfictional0000000000000000000000000000";
    private static readonly DateTimeOffset FirstSeen = new(2024, 3, 1, 8, 30, 0, TimeSpan.Zero);

    /// <summary>A fictional designated person shaped like a real DPRK listing: three names, a birth date, a
    /// nationality, two programs, a passport and an address.</summary>
    private static Entity Marshal() =>
        new Entity("test_sdn-7001", Schemas.Person, "test_sdn")
        {
            FirstSeen = FirstSeen,
            LastSeen = FirstSeen.AddDays(300),
            LastChange = FirstSeen.AddDays(20),
        }
            .Add("name", "KIM, Jong Example")
            .Add("alias", "Kim Jong-Example")
            .Add("weakAlias", "Brigadier Example")
            .Add("birthDate", "1984-01-08")
            .Add("nationality", "kp")
            .Add("program", "DPRK3")
            .Add("program", "DPRK-NKSPEA")
            .Add("passportNumber", "PX9876543")
            .Add("address", "Central District, Pyongyang, Korea, North")
            .Add("topics", "sanction")
            .Add("sourceUrl", "https://sanctions.example.test/entry/7001")
            .Add("cryptoWallet", PersonWallet)
            .AddReferents(["ofac-7001"])
            .AddDatasets(["test_un"]);

    private static Entity Vessel() =>
        new Entity("test_sdn-7002", Schemas.Vessel, "test_sdn").Add("name", "EXAMPLE STAR").Add("imoNumber", "IMO 9999991")
            .Add("callSign", "HMXX9").Add("flag", "kp").Add("program", "DPRK2");

    private static Entity WalletHolder() =>
        new Entity("test_sdn-7003", Schemas.Organization, "test_sdn").Add("name", "Example Digital Trading")
            .Add("cryptoWallet", Scenario.Wallet).Add("website", "example-trading.test").Add("program", "CYBER2");

    private static FtmLines MarshalExport(Action<GraphBuilder>? more = null) =>
        FtmLines.Write(FtmLines.Content([Marshal(), Vessel(), WalletHolder()], [Sdn], more));

    [Fact]
    public void A_listed_person_keeps_every_name_date_country_and_the_source_metadata()
    {
        var lines = MarshalExport();
        var person = lines[FtmIds.OfEntity("test_sdn-7001")];
        person.GetProperty("schema").GetString().ShouldBe("Person");
        FtmLines.Values(person, "name").ShouldBe(["KIM, Jong Example"]);
        FtmLines.Values(person, "alias").ShouldBe(["Kim Jong-Example"]);
        FtmLines.Values(person, "weakAlias").ShouldBe(["Brigadier Example"]);
        FtmLines.Values(person, "birthDate").ShouldBe(["1984-01-08"]);
        FtmLines.Values(person, "nationality").ShouldBe(["kp"]);
        FtmLines.Values(person, "program").ShouldBe(["DPRK3", "DPRK-NKSPEA"]);
        FtmLines.Values(person, "passportNumber").ShouldBe(["PX9876543"]);
        FtmLines.Values(person, "address").ShouldBe(["Central District, Pyongyang, Korea, North"]);
        FtmLines.Values(person, "sourceUrl").ShouldBe(["https://sanctions.example.test/entry/7001"]);
        person.GetProperty("caption").GetString().ShouldBe("KIM, Jong Example");
        person.GetProperty("target").GetBoolean().ShouldBeTrue();
        person.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()).ShouldBe(["test_sdn", "test_un"]);
        person.GetProperty("referents").EnumerateArray().Select(d => d.GetString()).ShouldBe(["ofac-7001"]);
        person.GetProperty("first_seen").GetString().ShouldBe("2024-03-01T08:30:00");
        person.GetProperty("last_seen").GetString().ShouldBe("2024-12-26T08:30:00");
        person.GetProperty("last_change").GetString().ShouldBe("2024-03-21T08:30:00");
    }

    [Fact]
    public void Programs_passports_and_addresses_become_Sanction_Passport_and_Address_entities()
    {
        var lines = MarshalExport();
        var id = FtmIds.OfEntity("test_sdn-7001");
        var sanctions = lines.Referring("Sanction", "entity", id);
        sanctions.SelectMany(s => FtmLines.Values(s, "program")).Order().ShouldBe(["DPRK-NKSPEA", "DPRK3"]);
        sanctions.ShouldAllBe(s => FtmLines.Values(s, "authority").SequenceEqual(new[] { "Test Treasury Office" }));
        sanctions.ShouldAllBe(s => FtmLines.Values(s, "sourceUrl").SequenceEqual(new[] { "https://sanctions.example.test/entry/7001" }));
        var passport = lines.Referring("Passport", "holder", id).ShouldHaveSingleItem();
        FtmLines.Values(passport, "number").ShouldBe(["PX9876543"]);
        FtmLines.Values(passport, "country").ShouldBe(["kp"]);
        var addressId = FtmLines.Values(lines[id], "addressEntity").ShouldHaveSingleItem();
        var address = lines[addressId];
        address.GetProperty("schema").GetString().ShouldBe("Address");
        FtmLines.Values(address, "full").ShouldBe(["Central District, Pyongyang, Korea, North"]);
        FtmLines.Values(address, "country").ShouldBe(["kp"]);
    }

    [Fact]
    public void A_vessel_keeps_its_IMO_number_and_call_sign_and_gets_no_Identification()
    {
        var lines = MarshalExport();
        var vessel = lines[FtmIds.OfEntity("test_sdn-7002")];
        vessel.GetProperty("schema").GetString().ShouldBe("Vessel");
        FtmLines.Values(vessel, "imoNumber").ShouldBe(["IMO 9999991"]);
        FtmLines.Values(vessel, "callSign").ShouldBe(["HMXX9"]);
        FtmLines.Values(vessel, "flag").ShouldBe(["kp"]);
        lines.Referring("Identification", "holder", vessel.GetProperty("id").GetString()!).ShouldBeEmpty();
        lines.Referring("Passport", "holder", vessel.GetProperty("id").GetString()!).ShouldBeEmpty();
        lines.Referring("Sanction", "entity", vessel.GetProperty("id").GetString()!).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_wallet_on_a_list_record_becomes_a_CryptoWallet_held_by_the_entity_and_a_website_gets_a_scheme()
    {
        var lines = MarshalExport();
        var holderId = FtmIds.OfEntity("test_sdn-7003");
        var holder = lines[holderId];
        holder.GetProperty("properties").TryGetProperty("cryptoWallet", out _).ShouldBeFalse();
        FtmLines.Values(holder, "website").ShouldBe(["https://example-trading.test"]);
        var wallet = lines.Referring("CryptoWallet", "holder", holderId).ShouldHaveSingleItem();
        FtmLines.Values(wallet, "publicKey").ShouldBe([Scenario.Wallet]);
        FtmLines.Values(wallet, "holder").ShouldBe([holderId]);
    }

    [Fact]
    public void A_listed_persons_wallet_is_a_CryptoWallet_held_by_the_person()
    {
        var lines = MarshalExport();
        var personId = FtmIds.OfEntity("test_sdn-7001");
        var wallet = lines.Referring("CryptoWallet", "holder", personId).ShouldHaveSingleItem();
        FtmLines.Values(wallet, "publicKey").ShouldBe([PersonWallet]);
        FtmLines.Values(wallet, "currencySymbol").ShouldBe(["BTC"]);
        FtmLines.Values(wallet, "holder").ShouldBe([personId]);
    }

    [Fact]
    public void A_wallet_that_is_itself_a_list_entity_is_never_the_holder_of_another_wallet()
    {
        var ioc = new Entity("test_ioc-w1", Schemas.CryptoWallet, "test_ioc").Add("publicKey", Scenario.Wallet);
        var lines = FtmLines.Write(FtmLines.Content([WalletHolder(), ioc], [Sdn, Ioc]));
        var iocWallet = lines[FtmIds.OfEntity("test_ioc-w1")];
        iocWallet.GetProperty("target").GetBoolean().ShouldBeTrue();
        FtmLines.Values(iocWallet, "publicKey").ShouldBe([Scenario.Wallet]);
        foreach (var wallet in lines.OfSchema("CryptoWallet"))
        {
            FtmLines.Values(wallet, "holder").ShouldAllBe(h => lines[h].GetProperty("schema").GetString() != "CryptoWallet");
        }
        lines.Referring("CryptoWallet", "holder", FtmIds.OfEntity("test_sdn-7003")).ShouldHaveSingleItem();
    }

    [Fact]
    public void IOC_domains_and_accounts_take_real_FtM_shapes()
    {
        var domain = new Entity("test_ioc-d1", Schemas.Domain, "test_ioc").Add("domain", "fake-staffing.test");
        var ip = new Entity("test_ioc-i1", Schemas.IpAddress, "test_ioc").Add("ipAddress", "192.0.2.44");
        var mailbox = new Entity("test_ioc-e1", Schemas.UserAccount, "test_ioc").Add("email", "recruiter@fake-staffing.test");
        var lines = FtmLines.Write(FtmLines.Content([domain, ip, mailbox], [Ioc]));
        var site = lines[FtmIds.OfEntity("test_ioc-d1")];
        site.GetProperty("schema").GetString().ShouldBe("LegalEntity");
        FtmLines.Values(site, "website").ShouldBe(["https://fake-staffing.test"]);
        FtmLines.Values(site, "topics").ShouldContain("crime.cyber");
        site.GetProperty("target").GetBoolean().ShouldBeTrue();
        site.GetProperty("unmask").GetProperty("schema").GetString().ShouldBe("Domain");
        FtmLines.Values(lines[FtmIds.OfEntity("test_ioc-i1")], "name").ShouldBe(["192.0.2.44"]);
        var account = lines[FtmIds.OfEntity("test_ioc-e1")];
        FtmLines.Values(account, "username").ShouldBe(["recruiter@fake-staffing.test"]);
        FtmLines.Values(account, "service").ShouldBe(["email"]);
        lines.OfSchema("Sanction").ShouldBeEmpty("IOC entries are listed, not sanctioned");
    }

    [Fact]
    public void Values_FtM_would_refuse_are_kept_as_notes_not_dropped()
    {
        var entity = new Entity("test_sdn-7009", Schemas.Person, "test_sdn").Add("name", "Example Person")
            .Add("phone", "call the front desk").Add("nationality", "Atlantis").Add("birthDate", "circa 1980")
            .Add("imoNumber", "IMO 9999992");
        var person = FtmLines.Write(FtmLines.Content([entity], [Sdn]))[FtmIds.OfEntity("test_sdn-7009")];
        FtmLines.Values(person, "notes").ShouldBe(
            ["birthDate: circa 1980", "imoNumber: IMO 9999992", "nationality: Atlantis", "phone: call the front desk"], ignoreOrder: true);
        foreach (var property in new[] { "phone", "nationality", "birthDate", "imoNumber" })
        {
            FtmLines.Values(person, property).ShouldBeEmpty();
        }
    }

    [Fact]
    public void Graph_only_holders_are_never_targets_and_carry_their_identifiers_as_properties()
    {
        var lines = FtmLines.Write(FtmLines.Content(Scenario.Entities(), [Sdn with { Name = "test_sdn" }], b => AddScenarioRecords(b)));
        var applicant = lines["unmask-applicant-A-17"];
        applicant.GetProperty("schema").GetString().ShouldBe("Person");
        applicant.GetProperty("target").GetBoolean().ShouldBeFalse();
        FtmLines.Values(applicant, "phone").ShouldBe(["+13125550123"]);
        FtmLines.Values(applicant, "address").Count.ShouldBe(2);
        FtmLines.Values(applicant, "addressEntity").Count.ShouldBe(2);
        var vendor = lines["unmask-vendor-V-3"];
        vendor.GetProperty("schema").GetString().ShouldBe("Company");
        vendor.GetProperty("target").GetBoolean().ShouldBeFalse();
        var site = lines["unmask-site-copycat-labs.example"];
        FtmLines.Values(site, "website").ShouldBe(["https://copycat-labs.example"]);
        lines.Referring("Identification", "holder", site.GetProperty("id").GetString()!)
            .ShouldContain(i => FtmLines.Values(i, "type").Contains("tracker") && FtmLines.Values(i, "number").Contains("G-ABC123"));
        var wallet = lines.OfSchema("CryptoWallet").ShouldHaveSingleItem();
        FtmLines.Values(wallet, "holder").Order(StringComparer.Ordinal).ShouldBe([FtmIds.OfEntity("test_sdn-1"), "unmask-vendor-V-3"]);
        lines.OfSchema("UnknownLink").ShouldContain(l => FtmLines.Values(l, "role").Contains(Relations.Copies)
                                                         && FtmLines.Values(l, "summary").Contains("weight=0.81"));
    }

    [Fact]
    public void Context_entities_are_written_as_they_are_and_never_generated_again()
    {
        var person = Marshal();
        var imported = new Entity("test_sdn-s1", Schemas.Sanction, "test_sdn") { Target = false }
            .Add("entity", person.Id).Add("program", "DPRK3").Add("authority", "Imported Authority");
        var passport = new Entity("test_sdn-p1", Schemas.Get("Passport"), "test_sdn") { Target = false }
            .Add("holder", person.Id).Add("number", "PX9876543");
        var lines = FtmLines.Write(FtmLines.Content([person, imported, passport], [Sdn]));
        var id = FtmIds.OfEntity(person.Id);
        var sanctions = lines.Referring("Sanction", "entity", id);
        sanctions.Count(s => FtmLines.Values(s, "program").Contains("DPRK3")).ShouldBe(1);
        FtmLines.Values(lines[FtmIds.OfEntity("test_sdn-s1")], "authority").ShouldBe(["Imported Authority"]);
        lines[FtmIds.OfEntity("test_sdn-s1")].GetProperty("target").GetBoolean().ShouldBeFalse();
        sanctions.Count(s => FtmLines.Values(s, "program").Contains("DPRK-NKSPEA")).ShouldBe(1);
        lines.Referring("Passport", "holder", id).ShouldHaveSingleItem().GetProperty("id").GetString().ShouldBe(FtmIds.OfEntity("test_sdn-p1"));
    }

    [Fact]
    public void Links_take_the_interval_schema_their_ends_fit_else_UnknownLink_with_the_relation_as_role()
    {
        var lines = FtmLines.Write(FtmLines.Content([Marshal(), WalletHolder()], [Sdn], b =>
        {
            b.AddRecord(NodeKind.Applicant, "A-1", "Sam Example", []);
            b.AddRecord(NodeKind.Applicant, "A-2", "Sam Exampel", [(Relations.AliasOf, "applicant:A-1", "same résumé, other name", "vetting")]);
            b.AddRecord(NodeKind.Vendor, "V-1", "Example Shell LLC", [(Relations.OwnedBy, "applicant:A-1", "registry filing", "registry")]);
            b.AddEdge("applicant:A-1", NodeIds.Entity("test_sdn-7003"), Relations.EmployedAt, "claimed on résumé", "vetting");
            b.AddEdge(NodeIds.Entity("test_sdn-7001"), NodeIds.Entity("test_sdn-7003"), Relations.DirectedBy, "list remark", "test_sdn");
        }));
        var associate = lines.OfSchema("Associate").ShouldHaveSingleItem();
        FtmLines.Values(associate, "relationship").ShouldBe([Relations.AliasOf]);
        var ownership = lines.OfSchema("Ownership").ShouldHaveSingleItem();
        FtmLines.Values(ownership, "asset").ShouldBe(["unmask-vendor-V-1"]);
        FtmLines.Values(ownership, "owner").ShouldBe(["unmask-applicant-A-1"]);
        FtmLines.Values(ownership, "publisher").ShouldBe(["registry"]);
        FtmLines.Values(ownership, "description").ShouldBe(["registry filing"]);
        lines.OfSchema("Employment").ShouldHaveSingleItem();
        // A Person cannot be the organisation a Directorship directs: the link stays, as an UnknownLink.
        lines.OfSchema("Directorship").ShouldBeEmpty();
        lines.OfSchema("UnknownLink").ShouldContain(l => FtmLines.Values(l, "role").SequenceEqual(new[] { Relations.DirectedBy }));
    }

    [Fact]
    public void Every_line_keeps_FtMs_rules_for_ids_references_ranges_and_required_properties()
    {
        foreach (var content in SampleContents.Values)
        {
            ShouldHoldTogether(FtmLines.Write(content()));
        }
    }

    [Fact]
    public void A_case_selection_drops_links_to_entities_outside_it()
    {
        var content = FtmLines.Content(Scenario.Entities(), [Sdn], b => AddScenarioRecords(b));
        var graph = content.Selection.Graph;
        var selection = GraphSelection.Of(graph, ["vendor:V-3", "entity:test_sdn-1"]);
        var lines = FtmLines.Write(content with { Selection = selection });
        ShouldHoldTogether(lines);
        lines.Entities.ShouldNotContain(e => e.GetProperty("id").GetString() == FtmIds.OfEntity("test_sdn-2"));
        lines.OfSchema("Ownership").ShouldBeEmpty("the owner is not in the case");
    }

    [Fact]
    public void A_wallet_listed_on_its_own_outside_the_case_still_shows_as_the_members_wallet()
    {
        const string key = "bc1qfictional1111111111111111111111111111";
        var listedWallet = new Entity("test_ioc-w2", Schemas.CryptoWallet, "test_ioc").Add("publicKey", key).Add("holder", "test_sdn-7001");
        var content = FtmLines.Content([Marshal(), listedWallet], [Sdn, Ioc]);
        var lines = FtmLines.Write(content with { Selection = GraphSelection.Of(content.Selection.Graph, ["entity:test_sdn-7001"]) });
        lines.Entities.ShouldNotContain(e => e.GetProperty("id").GetString() == FtmIds.OfEntity("test_ioc-w2"));
        lines.Referring("CryptoWallet", "holder", FtmIds.OfEntity("test_sdn-7001"))
            .ShouldContain(w => FtmLines.Values(w, "publicKey").Contains(key));
        ShouldHoldTogether(lines);
    }

    [Fact]
    public void The_same_content_gives_the_same_bytes()
    {
        var content = FtmLines.Content(Scenario.Entities().Concat([Marshal(), Vessel()]), [Sdn], b => AddScenarioRecords(b), [SomeCase()]);
        var reordered = content with
        {
            Entities = content.Entities.Reverse().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            ExportedAt = content.ExportedAt.AddDays(3),
        };
        FtmLines.Write(content).Bytes.ShouldBe(FtmLines.Write(content).Bytes);
        FtmLines.Write(reordered).Bytes.ShouldBe(FtmLines.Write(content).Bytes);
        FtmLines.Write(content).Text.ShouldNotContain("2026-12-01T09:00:00", customMessage: "no export time");
    }

    [Fact]
    public void The_graph_reader_reads_the_export_back_to_the_same_nodes_and_edges()
    {
        var content = FtmLines.Content(Scenario.Entities(), [Sdn], b => AddScenarioRecords(b), [SomeCase()]);
        var copy = FtmReader.Read(new MemoryStream(FtmLines.Write(content).Bytes));
        GraphBinaryTests.ShouldBeSameGraph(copy, content.Selection.Graph, compareEvidence: false);

        var listed = FtmLines.Content([Marshal(), Vessel(), WalletHolder()], [Sdn]);
        GraphBinaryTests.ShouldBeSameGraph(FtmReader.Read(new MemoryStream(FtmLines.Write(listed).Bytes)), listed.Selection.Graph, compareEvidence: false);
    }

    [Fact]
    public void A_case_becomes_Notes_with_its_decisions_findings_and_audit_entries()
    {
        var lines = FtmLines.Write(FtmLines.Content(Scenario.Entities(), [Sdn], b => AddScenarioRecords(b), [SomeCase()]));
        var caseNote = lines["unmask-case-C-42"];
        caseNote.GetProperty("schema").GetString().ShouldBe("Note");
        FtmLines.Values(caseNote, "entity").Order(StringComparer.Ordinal).ShouldBe(["unmask-applicant-A-17", "unmask-vendor-V-3"]);
        FtmLines.Values(caseNote, "createdAt").ShouldBe(["2026-11-30T14:00:00"]);
        FtmLines.Values(caseNote, "publisher").ShouldBe(["analyst.one"]);
        var notes = lines.Referring("Note", "entity", "unmask-case-C-42");
        var decision = notes.Single(n => FtmLines.Values(n, "keywords").Contains("decision"));
        FtmLines.Values(decision, "summary").ShouldBe(["Same phone as a vendor paid to a listed wallet"]);
        FtmLines.Values(decision, "publisher").ShouldBe(["analyst.two"]);
        FtmLines.Values(decision, "createdAt").ShouldBe(["2026-12-01T10:15:00"]);
        FtmLines.Values(decision, "keywords").ShouldContain("escalate");
        var finding = notes.Single(n => FtmLines.Values(n, "keywords").Contains("finding"));
        FtmLines.Values(finding, "entity").ShouldContain("unmask-applicant-A-17");
        FtmLines.Values(finding, "summary").ShouldBe(["Phone shared with vendor V-3"]);
        FtmLines.Values(finding, "description").ShouldBe(["Phone shared with vendor V-3 [phone=+13125550123]"]);
        FtmLines.Values(finding, "publisher").ShouldBe(["INDICATORS.md#shared-phone"]);
        var audits = notes.Where(n => FtmLines.Values(n, "keywords").Contains("audit")).ToList();
        audits.Count.ShouldBe(2);
        audits.ShouldContain(a => FtmLines.Values(a, "description").Single().Contains("sequence 8, hash 9f2c", StringComparison.Ordinal)
                                  && FtmLines.Values(a, "publisher").Single() == "analyst.two");
    }

    /// <summary>The contents the tests export, by name, for the specification tests.</summary>
    internal static readonly Dictionary<string, Func<ExportContent>> SampleContents = new(StringComparer.Ordinal)
    {
        ["listed person, vessel, wallet holder"] = () => FtmLines.Content([Marshal(), Vessel(), WalletHolder()], [Sdn]),
        ["scenario with its list entities and a case"] = () => FtmLines.Content(Scenario.Entities(), [Sdn], b => AddScenarioRecords(b), [SomeCase()]),
        ["scenario graph alone"] = () => ExportContents.Of(GraphSelection.All(Scenario.Graph())),
        ["IOC entries"] = () => FtmLines.Content(
        [
            new Entity("test_ioc-d1", Schemas.Domain, "test_ioc").Add("domain", "fake-staffing.test"),
            new Entity("test_ioc-i1", Schemas.IpAddress, "test_ioc").Add("cidr", "192.0.2.0/24"),
            new Entity("test_ioc-e1", Schemas.UserAccount, "test_ioc").Add("email", "recruiter@fake-staffing.test"),
            new Entity("test_ioc-w1", Schemas.CryptoWallet, "test_ioc").Add("publicKey", Scenario.Wallet),
            WalletHolder(),
        ], [Ioc, Sdn]),
    };

    private static CaseExport SomeCase() => new(
        "C-42", "Applicant A-17 and vendor V-3", "escalated", "analyst.one", new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero),
        ["applicant:A-17", "vendor:V-3"],
        [new CaseFindingExport("applicant:A-17", "SHARED_PHONE", "high", "Phone shared with vendor V-3", "INDICATORS.md#shared-phone",
            new Dictionary<string, string> { ["phone"] = "+13125550123" })],
        [new CaseDecisionExport("escalate", "Same phone as a vendor paid to a listed wallet", "analyst.two", new DateTimeOffset(2026, 12, 1, 10, 15, 0, TimeSpan.Zero))],
        [
            new CaseAuditExport(7, new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero), "analyst.one", "case.open", "opened with 2 members", "41aa"),
            new CaseAuditExport(8, new DateTimeOffset(2026, 12, 1, 10, 15, 0, TimeSpan.Zero), "analyst.two", "case.decide", "escalate", "9f2c"),
        ]);

    // The Scenario's records and sites, on top of a builder that already holds its list entities.
    private static void AddScenarioRecords(GraphBuilder builder)
    {
        var full = Scenario.Builder().Build();
        foreach (var node in full.Nodes.Where(n => n.Kind != NodeKind.Entity && !n.IsIdentifier))
        {
            builder.AddNode(node.Id, node.Caption, node.Risk, node.Flags, node.Schema, node.Dataset);
        }
        foreach (var edge in full.Edges.Where(e => NodeIds.KindOf(e.From) != NodeKind.Entity || NodeIds.KindOf(e.To) != NodeKind.Entity))
        {
            builder.AddEdge(edge.From, edge.To, edge.Relation, edge.Evidence, edge.Source, edge.Weight);
        }
    }

    [GeneratedRegex("^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")]
    private static partial Regex FtmIdRule();

    // Until the specification validator is on main: the rules FtM consumers enforce (followthemoney/types/entity.py,
    // each schema's required list, the ranges of the references we write).
    private static readonly Dictionary<(string Schema, string Property), string[]> References = new()
    {
        [("Sanction", "entity")] = [], [("Note", "entity")] = [],
        [("Identification", "holder")] = ["Person", "Company", "Organization", "LegalEntity", "PublicBody"],
        [("Passport", "holder")] = ["Person", "Company", "Organization", "LegalEntity", "PublicBody"],
        [("CryptoWallet", "holder")] = ["Person", "Company", "Organization", "LegalEntity", "PublicBody"],
        [("UserAccount", "owner")] = ["Person", "Company", "Organization", "LegalEntity", "PublicBody"],
        [("Ownership", "owner")] = ["Person", "Company", "Organization", "LegalEntity", "PublicBody"],
        [("Ownership", "asset")] = ["Company", "Vessel", "Airplane", "BankAccount"],
        [("Directorship", "director")] = ["Person", "Company", "Organization", "LegalEntity", "PublicBody"],
        [("Directorship", "organization")] = ["Company", "Organization", "PublicBody"],
        [("Employment", "employee")] = ["Person"], [("Employment", "employer")] = ["Company", "Organization", "PublicBody"],
        [("Associate", "person")] = ["Person"], [("Associate", "associate")] = ["Person"],
        [("UnknownLink", "subject")] = [], [("UnknownLink", "object")] = [],
    };

    private static void ShouldHoldTogether(FtmLines lines)
    {
        var schemas = lines.Entities.ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("schema").GetString()!);
        schemas.Count.ShouldBe(lines.Entities.Count, "ids are unique");
        foreach (var entity in lines.Entities)
        {
            var id = entity.GetProperty("id").GetString()!;
            var schema = schemas[id];
            FtmIdRule().IsMatch(id).ShouldBeTrue(id);
            schema.ShouldNotBeOneOf("Domain", "IpAddress", "Thing", "LegalEntityExtension");
            foreach (var (property, required) in new[] { ("Identification", "holder"), ("Identification", "number"), ("Passport", "holder"),
                         ("Passport", "number"), ("Sanction", "entity"), ("UserAccount", "username"), ("Ownership", "owner"), ("Ownership", "asset") })
            {
                if (property == schema)
                {
                    FtmLines.Values(entity, required).ShouldNotBeEmpty($"{id} requires {required}");
                }
            }
            foreach (var property in entity.GetProperty("properties").EnumerateObject())
            {
                property.Name.ShouldNotBe("cryptoWallet");
                if (property.Name is "website" or "sourceUrl")
                {
                    property.Value.EnumerateArray().ShouldAllBe(v => v.GetString()!.StartsWith("https://") || v.GetString()!.StartsWith("http://"));
                }
                var range = References.GetValueOrDefault((schema, property.Name)) ?? (property.Name == "addressEntity" ? ["Address"] : null);
                if (range is null)
                {
                    continue;
                }
                foreach (var value in property.Value.EnumerateArray().Select(v => v.GetString()!))
                {
                    value.ShouldNotBe(id, "no self-reference");
                    schemas.ShouldContainKey(value, $"{id}.{property.Name} → {value} is in the file");
                    if (range.Length > 0)
                    {
                        schemas[value].ShouldBeOneOf(range, $"{id}.{property.Name} → {value}");
                    }
                }
            }
        }
    }
}
