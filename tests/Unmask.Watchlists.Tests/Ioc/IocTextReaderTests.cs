using System.Text;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Ioc;

namespace Unmask.Watchlists.Tests.Ioc;

public sealed class IocTextReaderTests
{
    private readonly IocTextReader _reader = new();

    [Fact]
    public async Task Fixture_each_distinct_value_becomes_one_entity_of_its_kind()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, RepoPaths.Fixture("lists", "ioc", "front_indicators.txt"));

        context.Dataset!.Name.ShouldBe("ioc_front_indicators");
        context.Dataset.Kind.ShouldBe(DatasetKind.Indicators);
        // example-front.com is listed three times (defanged, www., plain): one entity.
        entities.Count.ShouldBe(9);
        entities.Select(e => e.Id).Distinct().Count().ShouldBe(9);
        entities.Single("domain", "example-front.com").Schema.ShouldBe(Schemas.Domain);
        var url = entities.Single("domain", "portal.example-front.net");
        url.Get("notes").ShouldContain("listed as URL https://portal.example-front.net/careers?id=7");
        entities.Single("ipAddress", "203.0.113.45").Schema.ShouldBe(Schemas.IpAddress);
        entities.Single("ipAddress", "203.0.113.46");
        entities.Single("cidr", "198.51.100.0/24");
        entities.Single("cidr", "2001:db8:abcd::/48");
        entities.Single("email", "hiring.desk@example-front.com").Schema.ShouldBe(Schemas.UserAccount);
        var evm = entities.Single("publicKey", "0x00000000000000000000000000000000DeadBeef");
        evm.Schema.ShouldBe(Schemas.CryptoWallet);
        evm.Has("currencySymbol").ShouldBeFalse("an 0x address does not say which EVM chain it is on");
        entities.Single("publicKey", "bc1qfakefrontwallet0000000000000000000000").First("currencySymbol").ShouldBe("BTC");
        entities.ShouldAllBe(e => e.Dataset == "ioc_front_indicators");
    }

    [Fact]
    public async Task Ofac_per_asset_file_name_gives_sanctions_metadata_and_currency()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, RepoPaths.Fixture("lists", "ioc", "sanctioned_addresses_XBT.txt"));

        context.Dataset!.Name.ShouldBe("us_ofac_wallets");
        context.Dataset.Kind.ShouldBe(DatasetKind.Sanctions);
        context.Dataset.Title.ShouldBe("OFAC SDN digital currency addresses");
        entities.Count.ShouldBe(3);
        entities.ShouldAllBe(e => e.First("currencySymbol") == "XBT" && e.First("program") == "SDN" && e.Get("topics").Contains("sanction"));
        entities[0].Id.ShouldStartWith("us_ofac_wallets-XBT-");
    }

    [Fact]
    public async Task Dataset_override_and_last_line_without_newline()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, RepoPaths.Fixture("lists", "ioc", "no_trailing_newline.txt"), "my_list");

        context.Dataset!.Name.ShouldBe("my_list");
        entities.Select(e => e.First("ipAddress")).ShouldBe(["203.0.113.10", "203.0.113.11"]);
    }

    [Theory]
    [InlineData("example-front.com\nthis is not an indicator\n", 2)]
    [InlineData("# header\n\nexample-front.com\nexample-front.com,csv,row\n", 4)]
    [InlineData("203.0.113.1\n999.1.1.1\n", 2)]
    [InlineData("203.0.113.0/33\n", 1)]
    public async Task A_line_that_is_no_indicator_fails_with_its_line_number(string content, int line)
    {
        var error = await ReaderHarness.FailsAsync(_reader, "bad.txt", content);

        error.Line.ShouldBe(line);
        error.File.ShouldBe("bad.txt");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n\n")]
    public async Task Empty_list_fails(string content)
    {
        await ReaderHarness.FailsAsync(_reader, "empty.txt", content);
    }

    [Fact]
    public void Sniff_accepts_indicator_lists_and_rejects_csv_json_xml()
    {
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "front_indicators.txt"))).ShouldBeTrue();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "no_trailing_newline.txt"))).ShouldBeTrue();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "example_front_research", "indicators.csv"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "generic_value_type.csv"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ftm", "entities.ftm.json"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "stix", "dprk_it_workers_bundle.json"))).ShouldBeFalse();
        _reader.Sniff(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<sdnList></sdnList>\n")).ShouldBeFalse();
        _reader.Sniff(Encoding.UTF8.GetBytes("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- \r\n")).ShouldBeFalse();
        _reader.Sniff(Encoding.UTF8.GetBytes("# Title\nSome prose about front companies.\n")).ShouldBeFalse();
        _reader.Sniff([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]).ShouldBeFalse();
    }

    public static TheoryData<string> RealTextFiles()
    {
        var data = new TheoryData<string>
        {
            "ioc/x4bnet_lists_vpn/ipv4.txt",
            "ioc/x4bnet_lists_vpn/ipv6.txt",
            "ioc/astrill_vpn/spur_astrill_2024.txt",
        };
        foreach (var file in Directory.EnumerateFiles(SharedData.Path("sanctions/us_ofac/digital_currency_addresses"), "*.txt").Order(StringComparer.Ordinal))
        {
            data.Add("sanctions/us_ofac/digital_currency_addresses/" + Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RealTextFiles))]
    public async Task Every_real_text_list_imports_one_entity_per_distinct_line_RealFile(string relative)
    {
        var path = SharedData.Path(relative);
        // Independent count: distinct non-blank lines; 0x addresses compare case-insensitively (EIP-55 casing is a checksum).
        var expected = File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? l.ToLowerInvariant() : l)
            .Distinct(StringComparer.Ordinal).Count();

        _reader.Sniff(ReaderHarness.Head(path)).ShouldBeTrue();
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, path);

        entities.Count.ShouldBe(expected);
        entities.Select(e => e.Id).Distinct().Count().ShouldBe(expected);
        context.Warnings.ShouldBeEmpty();
        if (relative.Contains("sanctioned_addresses_", StringComparison.Ordinal))
        {
            var asset = Path.GetFileNameWithoutExtension(path)["sanctioned_addresses_".Length..];
            context.Dataset!.Name.ShouldBe("us_ofac_wallets");
            entities.ShouldAllBe(e => e.Schema == Schemas.CryptoWallet && e.First("currencySymbol") == asset);
        }
        else
        {
            entities.ShouldAllBe(e => e.Schema == Schemas.IpAddress);
        }
    }

    [Fact]
    public async Task Astrill_list_holds_the_exit_quoted_by_LevelBlue_RealFile()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, SharedData.Path("ioc/astrill_vpn/spur_astrill_2024.txt"));

        entities.Single("ipAddress", "155.94.199.59").Dataset.ShouldBe("ioc_spur_astrill_2024");
        // Reports name the publisher: "unknown" told the reader nothing (issue 20).
        context.Dataset!.Publisher.ShouldBe("Spur (spur.us)");
    }

    [Fact]
    public async Task A_list_outside_the_collections_Unmask_knows_keeps_an_unknown_publisher()
    {
        using var folder = new TempFolder();
        var file = folder.File("exits.txt");
        await File.WriteAllTextAsync(file, "198.51.100.1\n", TestContext.Current.CancellationToken);

        var (_, context) = await ReaderHarness.ReadFileAsync(_reader, file);

        context.Dataset!.Publisher.ShouldBe("unknown (plain IOC list)");
    }

    [Fact]
    public async Task Kim_Sang_Man_ETH_wallet_is_on_the_OFAC_ETH_list_RealFile()
    {
        var (entities, _) = await ReaderHarness.ReadFileAsync(_reader, SharedData.Path("sanctions/us_ofac/digital_currency_addresses/sanctioned_addresses_ETH.txt"));

        // KIM Sang Man (SDN 43377) lists this ETH address in sdn.csv remarks (shared/data/README.md); the list keeps OFAC's casing.
        entities.ShouldContain(e => e.First("publicKey")!.Equals("0x97b1043abd9e6fc31681635166d430a458d14f9c", StringComparison.OrdinalIgnoreCase));
    }
}
