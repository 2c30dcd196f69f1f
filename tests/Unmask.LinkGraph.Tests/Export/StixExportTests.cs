using System.Text.Json;
using Unmask.Domain.Stix;
using Unmask.LinkGraph.Export;
using Unmask.LinkGraph.Tests.Serialisation;
using Unmask.LinkGraph.Tests.Support;
using Unmask.TestKit;
using Unmask.TestKit.Specifications;

namespace Unmask.LinkGraph.Tests.Export;

/// <summary>The STIX export as OpenCTI and MISP read it: versioning, observables, the extension definition, what each
/// list entry becomes, indicator types, publisher references and cases (docs/exports.md, "STIX 2.1").</summary>
public class StixExportTests
{
    private static readonly DateTimeOffset Later = ExportContents.ExportedAt.AddDays(7);

    private static (byte[] Bytes, IReadOnlyDictionary<string, StixObjectTime> Times) Export(ExportContent content)
    {
        using var stream = new MemoryStream();
        var times = StixBundleWriter.Write(content, stream);
        return (stream.ToArray(), times);
    }

    private static JsonElement Parse(byte[] bytes) => JsonDocument.Parse(bytes).RootElement;

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    [Fact]
    public void Every_object_of_a_full_export_is_valid_against_the_OASIS_schemas_RealFile()
    {
        var bundle = Parse(Export(StixScenario.Content(StixScenario.Builder().Build())).Bytes);
        var report = StixSchemaValidator.FromSharedData().ValidateBundle(bundle);
        report.IsValid.ShouldBeTrue(report.Summary());
        report.Warnings.ShouldBeEmpty(report.Summary());
        var types = StixBundles.Objects(bundle).Select(o => Text(o, "type")).ToHashSet();
        string[] expected = ["threat-actor", "grouping", "opinion", "note", "extension-definition", "unmask-crypto-wallet", "ipv4-addr"];
        expected.Except(types).ShouldBeEmpty();
    }

    [Fact]
    public void Re_exporting_with_the_kept_times_is_byte_identical_even_later()
    {
        var graph = StixScenario.Builder().Build();
        var first = Export(StixScenario.Content(graph));
        var again = Export(StixScenario.Content(graph, Later) with { ObjectTimes = first.Times });
        again.Bytes.ShouldBe(first.Bytes);
        again.Times.ShouldBe(first.Times);
    }

    [Fact]
    public void A_new_object_gets_the_export_time_and_an_indicator_is_valid_from_its_creation()
    {
        var bundle = Parse(Export(StixScenario.Content(StixScenario.Builder().Build())).Bytes);
        var indicator = StixBundles.ByNode(bundle, "email:ops@koryo-example.test");
        Text(indicator, "created").ShouldBe("2026-12-01T09:00:00.000Z");
        Text(indicator, "modified").ShouldBe("2026-12-01T09:00:00.000Z");
        Text(indicator, "valid_from").ShouldBe(Text(indicator, "created"));
    }

    [Fact]
    public void A_changed_node_moves_only_its_own_objects_modified_time()
    {
        var first = Export(StixScenario.Content(StixScenario.Builder().Build()));
        var changed = StixScenario.Builder();
        changed.SetRisk("applicant:A-17", 90);
        var second = Export(StixScenario.Content(changed.Build(), Later) with { ObjectTimes = first.Times });
        var before = StixBundles.Objects(Parse(first.Bytes)).Where(o => o.TryGetProperty("modified", out _)).ToDictionary(o => Text(o, "id"));
        var moved = StixBundles.Objects(Parse(second.Bytes)).Where(o => o.TryGetProperty("modified", out _))
            .Where(o => Text(o, "modified") != Text(before[Text(o, "id")], "modified")).ToList();
        moved.Select(o => Text(o, "id")).ShouldBe([StixBundleWriter.StixIdOf("applicant:A-17")]);
        Text(moved[0], "modified").ShouldBe("2026-12-08T09:00:00.000Z");
        Text(moved[0], "created").ShouldBe("2026-12-01T09:00:00.000Z");
        second.Times[Text(moved[0], "id")].Created.ShouldBe(ExportContents.ExportedAt);
        Text(Parse(second.Bytes), "id").ShouldNotBe(Text(Parse(first.Bytes), "id"));
    }

    [Fact]
    public void A_changed_object_exported_at_the_same_instant_still_gets_a_later_modified()
    {
        var kept = new StixObjectTime("old", ExportContents.ExportedAt, ExportContents.ExportedAt);
        var content = ExportContents.Of(GraphSelection.All(Scenario.Graph())) with
        {
            ObjectTimes = new Dictionary<string, StixObjectTime> { ["x--1"] = kept },
        };
        var time = StixBundleWriter.TimeOf(content, "x--1", "new");
        time.Created.ShouldBe(kept.Created);
        time.Modified.ShouldBeGreaterThan(kept.Modified);
    }

    [Fact]
    public void Identifiers_are_standard_observables_where_STIX_has_a_type_and_extension_types_otherwise()
    {
        var bundle = Parse(Export(StixScenario.Content(StixScenario.Builder().Build())).Bytes);
        var objects = StixBundles.Objects(bundle);
        objects.ShouldContain(o => Text(o, "type") == "email-addr" && Text(o, "value") == "ops@koryo-example.test");
        objects.ShouldContain(o => Text(o, "type") == "ipv4-addr" && Text(o, "value") == StixScenario.VpnExit);
        var wallet = objects.Single(o => Text(o, "type") == UnmaskStixExtension.WalletType && Text(o, "value") == Scenario.Wallet);
        wallet.GetProperty("currency").GetString().ShouldNotBeNullOrEmpty();
        wallet.GetProperty("extensions").GetProperty(UnmaskStixExtension.Id).GetProperty("extension_type").GetString().ShouldBe("new-sco");
        objects.ShouldNotContain(o => o.GetRawText().Contains(":" + Scenario.Wallet + "'", StringComparison.Ordinal));
        var pattern = Text(StixBundles.ByNode(bundle, objects.Select(StixBundles.NodeId).OfType<string>().Single(n => n.EndsWith(Scenario.Wallet, StringComparison.Ordinal))), "pattern");
        pattern.ShouldBe($"[{UnmaskStixExtension.WalletType}:value = '{Scenario.Wallet}']");
        var definition = objects.Single(o => Text(o, "type") == "extension-definition");
        Text(definition, "id").ShouldBe(UnmaskStixExtension.Id);
        Text(definition, "created_by_ref").ShouldBe(Text(objects[0], "id"));
        definition.GetProperty("extension_types").EnumerateArray().Select(t => t.GetString()).ShouldBe(["new-sco", "property-extension"]);
        foreach (var indicator in objects.Where(o => Text(o, "type") == "indicator"))
        {
            Text(indicator, "pattern_type").ShouldBe("stix");
            var patternType = Text(indicator, "pattern")[1..Text(indicator, "pattern").IndexOf(':', StringComparison.Ordinal)];
            objects.ShouldContain(o => Text(o, "type") == patternType, $"no observable of the pattern's type {patternType}");
        }
    }

    [Fact]
    public void One_login_on_two_services_is_two_observables()
    {
        var builder = new GraphBuilder();
        builder.AddRecord(Unmask.LinkGraph.Model.NodeKind.Applicant, "A-1", "Sam Example",
        [
            (Unmask.LinkGraph.Model.Relations.HasUsername, Unmask.LinkGraph.Model.NodeIds.Username("github", "samdev")!, "GitHub profile", "applicants.csv"),
            (Unmask.LinkGraph.Model.Relations.HasUsername, Unmask.LinkGraph.Model.NodeIds.Username("telegram", "samdev")!, "Telegram handle", "applicants.csv"),
        ]);
        var bundle = Parse(Export(ExportContents.Of(GraphSelection.All(builder.Build()))).Bytes);
        var accounts = StixBundles.Objects(bundle).Where(o => Text(o, "type") == "user-account").ToList();
        accounts.Select(a => (Text(a, "account_type"), Text(a, "account_login"))).ShouldBe([("github", "samdev"), ("telegram", "samdev")], ignoreOrder: true);
        accounts.Select(a => Text(a, "id")).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void Indicator_types_follow_what_the_identifier_is()
    {
        var bundle = Parse(Export(StixScenario.Content(StixScenario.Builder().Build())).Bytes);
        string TypeOf(string node) => StixBundles.ByNode(bundle, node, "indicator").GetProperty("indicator_types")[0].GetString()!;
        var nodes = StixBundles.Objects(bundle).Select(StixBundles.NodeId).OfType<string>().ToList();
        TypeOf(nodes.Single(n => n.EndsWith(Scenario.Wallet, StringComparison.Ordinal))).ShouldBe("malicious-activity");
        TypeOf("entity:test_ioc-8").ShouldBe("malicious-activity");
        TypeOf("email:ops@koryo-example.test").ShouldBe("attribution");
        TypeOf("ip:" + StixScenario.VpnExit).ShouldBe("anonymization");
        TypeOf("entity:test_vpn_exits-1").ShouldBe("anonymization");
        TypeOf("ip:" + StixScenario.ListedVpnExit).ShouldBe("anonymization");
        TypeOf(nodes.Single(n => n.StartsWith("address:1 registered agent", StringComparison.Ordinal))).ShouldBe("benign");
        TypeOf("email:jsample@gmail.com").ShouldBe("unknown");
    }

    [Fact]
    public void List_entries_become_identities_threat_actors_infrastructure_or_indicators_by_their_schema()
    {
        var bundle = Parse(Export(StixScenario.Content(StixScenario.Builder().Build())).Bytes);
        var person = StixBundles.ByNode(bundle, "entity:test_sdn-2");
        (Text(person, "type"), Text(person, "identity_class")).ShouldBe(("identity", "individual"));
        Text(person, "description").ShouldStartWith("Designated: listed in Test Designations List (Test Treasury Office)");
        var company = StixBundles.ByNode(bundle, "entity:test_sdn-1");
        (Text(company, "type"), Text(company, "identity_class")).ShouldBe(("identity", "organization"));
        Text(company, "description").ShouldContain("programs DPRK-TEST");
        var actor = StixBundles.ByNode(bundle, "entity:test_ioc-7");
        Text(actor, "type").ShouldBe("threat-actor");
        actor.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Sample Group"]);
        var vessel = StixBundles.ByNode(bundle, "entity:test_sdn-4");
        Text(vessel, "type").ShouldBe("infrastructure");
        vessel.GetProperty("infrastructure_types")[0].GetString().ShouldBe("vessel");
        var iocWallet = StixBundles.ByNode(bundle, "entity:test_ioc-8");
        Text(iocWallet, "type").ShouldBe("indicator");
        Text(iocWallet, "description").ShouldBe("Listed in Test Advisory Indicators (Test Cyber Agency), an indicator list.");
        foreach (var record in new[] { "applicant:A-17", "vendor:V-3", "site:legit-firm.example" })
        {
            Text(StixBundles.ByNode(bundle, record), "description").ShouldNotContain("Designated");
        }
        StixBundles.Objects(bundle).Where(o => Text(o, "type") == "identity" && o.GetRawText().Contains("Designated", StringComparison.Ordinal))
            .Select(StixBundles.NodeId).ShouldBe(["entity:test_sdn-1", "entity:test_sdn-2"], ignoreOrder: true);
    }

    [Fact]
    public void List_objects_refer_to_their_publisher_and_carry_the_whole_entity_as_published()
    {
        var bundle = Parse(Export(StixScenario.Content(StixScenario.Builder().Build())).Bytes);
        var company = StixBundles.ByNode(bundle, "entity:test_sdn-1");
        var reference = company.GetProperty("external_references")[0];
        Text(reference, "source_name").ShouldBe("Test Treasury Office");
        Text(reference, "external_id").ShouldBe("test_sdn-1");
        Text(reference, "url").ShouldBe("https://lists.example.test/sdn/1");
        var entity = StixBundles.Extension(company)!.Value.GetProperty("entity");
        entity.GetProperty("properties").GetProperty("address")[0].GetString().ShouldBe("99 Example Road, Pyongyang");
        entity.GetProperty("properties").GetProperty("alias")[0].GetString().ShouldBe("KET Ltd");
        entity.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()).ShouldBe(["test_sdn", "test_ioc"]);
        entity.GetProperty("first_seen").GetString().ShouldBe("2024-03-01T00:00:00");
        entity.GetProperty("related").EnumerateArray().Select(r => Text(r, "schema")).ShouldBe(["Sanction"]);
        entity.GetProperty("dataset_details").EnumerateArray().Select(d => Text(d, "publisher")).ShouldBe(["Test Treasury Office", "Test Cyber Agency"]);
        StixBundles.Extension(StixBundles.ByNode(bundle, "entity:test_sdn-2"))!.Value.GetProperty("entity").GetProperty("related")
            .EnumerateArray().Select(r => Text(r, "schema")).ShouldBe(["Ownership"]);
    }

    [Fact]
    public void A_case_is_a_grouping_with_its_decision_as_an_opinion_and_findings_and_audit_as_notes()
    {
        var bundle = Parse(Export(StixScenario.Content(StixScenario.Builder().Build())).Bytes);
        var objects = StixBundles.Objects(bundle);
        var grouping = objects.Single(o => Text(o, "type") == "grouping");
        Text(grouping, "context").ShouldBe("suspicious-activity");
        grouping.GetProperty("object_refs").EnumerateArray().Select(r => r.GetString())
            .ShouldBe([StixBundleWriter.StixIdOf("applicant:A-17"), StixBundleWriter.StixIdOf("vendor:V-3")]);
        var opinion = objects.Single(o => Text(o, "type") == "opinion");
        Text(opinion, "opinion").ShouldBe("strongly-disagree");
        opinion.GetProperty("authors")[0].GetString().ShouldBe("analyst.two");
        Text(opinion, "explanation").ShouldContain("wallet reused by a payment processor");
        opinion.GetProperty("object_refs")[0].GetString().ShouldBe(Text(grouping, "id"));
        var notes = objects.Where(o => Text(o, "type") == "note" && o.GetProperty("object_refs")[0].GetString() == Text(grouping, "id")).ToList();
        notes.Count.ShouldBe(3);
        notes.ShouldContain(n => Text(n, "content").StartsWith("payout wallet is on test_sdn-1", StringComparison.Ordinal)
                                 && n.GetProperty("object_refs")[1].GetString() == StixBundleWriter.StixIdOf("vendor:V-3"));
        notes.ShouldContain(n => Text(n, "abstract").StartsWith("case.decide by analyst.two", StringComparison.Ordinal));
    }

    [Fact]
    public void The_graph_round_trips_through_a_full_export()
    {
        var graph = StixScenario.Builder().Build();
        var copy = StixBundleReader.Read(new MemoryStream(Export(StixScenario.Content(graph)).Bytes));
        GraphBinaryTests.ShouldBeSameGraph(copy, graph);
    }

    /// <summary>The bundle the list reader's round-trip test reads (tests/fixtures/stix/unmask-export.json): it must be what
    /// the writer writes today. Set UNMASK_UPDATE_FIXTURES=1 to rewrite it after a deliberate change.</summary>
    [Fact]
    public void The_list_readers_fixture_is_what_the_writer_writes()
    {
        var bytes = Export(StixScenario.Content(StixScenario.Builder().Build())).Bytes;
        var path = RepoPaths.Fixture("stix", "unmask-export.json");
        if (Environment.GetEnvironmentVariable("UNMASK_UPDATE_FIXTURES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
        File.ReadAllBytes(path).ShouldBe(bytes);
    }
}
