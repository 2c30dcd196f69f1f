using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Stix;
using Unmask.Watchlists.Tests.Ioc;

namespace Unmask.Watchlists.Tests.Stix;

/// <summary>Reading back a bundle Unmask wrote (tests/fixtures/stix/unmask-export.json, kept equal to the writer's output
/// by the LinkGraph tests): the list entities whole, with their datasets; records and sites as non-targets; nothing from
/// the observables, identifier indicators, relationships or case objects that restate them.</summary>
public sealed class UnmaskStixObjectsTests
{
    private static readonly string Export = RepoPaths.Fixture("stix", "unmask-export.json");

    [Fact]
    public void The_format_is_detected_though_the_bundle_id_follows_the_objects()
    {
        var head = ReaderHarness.Head(Export);
        new Stix21BundleReader().Sniff(head).ShouldBeTrue();
        ListReaders.Default.Detect(head)!.Format.ShouldBe(ListFormat.Stix21Bundle);
    }

    [Fact]
    public async Task List_entities_come_back_whole_with_their_datasets_and_publishers()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(new Stix21BundleReader(), Export);

        context.Rejections.ShouldBeEmpty();
        var company = entities.Single(e => e.Id == "test_sdn-1");
        company.Schema.ShouldBe(Schemas.Company);
        company.Target.ShouldBeTrue();
        company.Get("name").ShouldBe(["Koryo Example Trading"]);
        company.Get("alias").ShouldBe(["KET Ltd"]);
        company.Get("address").ShouldBe(["99 Example Road, Pyongyang"]);
        company.Get("cryptoWallet").ShouldBe(["0x1111111111111111111111111111111111111111"]);
        company.Get("email").ShouldBe(["ops@koryo-example.test"]);
        company.Datasets.ShouldBe(["test_sdn", "test_ioc"]);
        company.FirstSeen.ShouldBe(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
        entities.Single(e => e.Id == "test_sdn-2").Get("birthDate").ShouldBe(["1971-05-04"]);
        entities.Single(e => e.Id == "test_sdn-4").Get("imoNumber").ShouldBe(["IMO 9999999"]);
        var wallet = entities.Single(e => e.Id == "test_ioc-8");
        (wallet.Schema, wallet.First("publicKey"), wallet.First("currencySymbol")).ShouldBe((Schemas.CryptoWallet, "0x2222222222222222222222222222222222222222", "ETH"));
        entities.Single(e => e.Id == "test_ioc-7").Get("alias").ShouldBe(["Sample Group"]);
        var sanction = entities.Single(e => e.Id == "test_sdn-1-sanction");
        (sanction.Target, sanction.First("program"), sanction.First("entity")).ShouldBe((false, "DPRK-TEST", "test_sdn-1"));
        var ownership = entities.Single(e => e.Id == "test_sdn-3");
        (ownership.Target, ownership.First("owner"), ownership.First("asset")).ShouldBe((false, "test_sdn-2", "test_sdn-1"));

        context.Datasets["test_sdn"].ShouldBe(new Dataset("test_sdn", "Test Designations List", "Test Treasury Office", new DateOnly(2026, 11, 30), DatasetKind.Sanctions));
        context.Datasets["test_ioc"].Publisher.ShouldBe("Test Cyber Agency");
    }

    [Fact]
    public async Task Only_list_targets_are_targets_and_nothing_is_read_twice()
    {
        var (entities, _) = await ReaderHarness.ReadFileAsync(new Stix21BundleReader(), Export);

        entities.Where(e => e.Target).Select(e => e.Id)
            .ShouldBe(["test_sdn-1", "test_sdn-2", "test_ioc-7", "test_sdn-4", "test_ioc-8", "test_vpn_exits-1"], ignoreOrder: true);
        entities.Select(e => e.Id).Distinct().Count().ShouldBe(entities.Count);
        // 8 list entities (6 targets, a sanction, an ownership) + 64 vetted records + 2 sites; no entity per observable.
        entities.Count.ShouldBe(74);
        var applicant = entities.Single(e => e.First("name") == "Jordan Sample");
        (applicant.Schema, applicant.Target).ShouldBe((Schemas.Person, false));
        var vendor = entities.Single(e => e.First("name") == "Copycat Labs LLC");
        (vendor.Schema, vendor.Target).ShouldBe((Schemas.Company, false));
        var reference = entities.Single(e => e.First("domain") == "legit-firm.example");
        reference.Target.ShouldBeFalse();
        entities.ShouldNotContain(e => e.Target && (e.Schema == Schemas.UserAccount || e.Schema == Schemas.Domain));
        entities.Where(e => e.Schema == Schemas.IpAddress).Select(e => e.Id).ShouldBe(["test_vpn_exits-1"]);
    }

    [Fact]
    public async Task The_source_option_puts_every_entity_in_one_dataset()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(new Stix21BundleReader(), Export, datasetName: "my_copy");

        entities.ShouldAllBe(e => e.Dataset == "my_copy" && e.OtherDatasets.Count == 0);
        context.Datasets.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_property_the_schema_does_not_have_is_rejected_and_the_rest_read()
    {
        var text = (await File.ReadAllTextAsync(Export, TestContext.Current.CancellationToken))
            .Replace("\"imoNumber\":[", "\"wingspan\":[", StringComparison.Ordinal);
        var (entities, context) = await ReaderHarness.ReadTextAsync(new Stix21BundleReader(), "export.json", text);

        context.Rejections.ShouldHaveSingleItem().ShouldContain("entity test_sdn-4: property 'wingspan' is not a list of strings of schema Vessel");
        entities.Single(e => e.Id == "test_sdn-4").Get("name").ShouldBe(["SEA EXAMPLE"]);
    }
}
