using Unmask.Domain;
using Unmask.TestKit;

namespace Unmask.Watchlists.Tests;

/// <summary>Format detection over the whole registry: every file is claimed by exactly the reader of its format, by content.</summary>
public class ListReadersTests
{
    public static TheoryData<string, ListFormat> Fixtures => new()
    {
        { "eu/fsf_fictional.xml", ListFormat.EuFsfXml },
        { "eu/fsf_global_fictional.csv", ListFormat.EuFsfCsv },
        { "ftm/entities.ftm.json", ListFormat.FollowTheMoneyJson },
        { "ioc/doj_seized_domains/domains.csv", ListFormat.IocCsv },
        { "ioc/example_front_research/indicators.csv", ListFormat.IocCsv },
        { "ioc/front_indicators.txt", ListFormat.IocText },
        { "ioc/sanctioned_addresses_XBT.txt", ListFormat.IocText },
        { "ofac/csv/sdn.csv", ListFormat.OfacSdnCsv },
        { "ofac/xml/consolidated_2018.xml", ListFormat.OfacSdnXml },
        { "ofac/xml/sdn.xml", ListFormat.OfacSdnXml },
        { "ofac/xml/enhanced.xml", ListFormat.OfacAdvancedXml },
        { "stix/dprk_it_workers_bundle.json", ListFormat.Stix21Bundle },
        { "uk/ConList_fictional.csv", ListFormat.UkOfsiCsv },
        { "uk/sanctionsconlist_fictional.csv", ListFormat.UkOfsiCsv },
        { "uk/UK_Sanctions_List_fictional.xml", ListFormat.UkSanctionsListXml },
        { "un/consolidated_fictional.xml", ListFormat.UnConsolidatedXml },
    };

    public static TheoryData<string, ListFormat> RealFiles => new()
    {
        { "sanctions/us_ofac/sdn.csv", ListFormat.OfacSdnCsv },
        { "sanctions/us_ofac/consolidated_non_sdn/cons_prim.csv", ListFormat.OfacSdnCsv },
        { "sanctions/us_ofac/sdn_xml/consolidated_2018-04-06/consolidated.xml", ListFormat.OfacSdnXml },
        { "sanctions/us_ofac/sdn_xml/consolidated_2024-05-06/consolidated.xml", ListFormat.OfacSdnXml },
        { "sanctions/us_ofac/enhanced_xml_sample/IRGC_sanctions.xml", ListFormat.OfacAdvancedXml },
        { "sanctions/us_ofac/digital_currency_addresses/sanctioned_addresses_ETH.txt", ListFormat.IocText },
        { "sanctions/un/consolidated.xml", ListFormat.UnConsolidatedXml },
        { "sanctions/uk/ofsi_2025-04-14/ConList.xlsx", ListFormat.UkOfsiXlsx },
        { "sanctions/uk/ofsi_2018-04-13/sanctionsconlist.csv", ListFormat.UkOfsiCsv },
        { "sanctions/uk/hmt_2014-04-02/sanctionsconlist.csv", ListFormat.UkOfsiCsv },
        { "sanctions/opensanctions/yente_zala/entities.ftm.json", ListFormat.FollowTheMoneyJson },
        { "ioc/astrill_vpn/spur_astrill_2024.txt", ListFormat.IocText },
        { "ioc/x4bnet_lists_vpn/ipv6.txt", ListFormat.IocText },
        { "ioc/tayvano_dprk_it_workers/wallets.csv", ListFormat.IocCsv },
        { "ioc/doj_seized_domains/domains.csv", ListFormat.IocCsv },
        { "ioc/sentinellabs_2024-11/indicators.csv", ListFormat.IocCsv },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_fixture_is_detected_as_its_format(string fixture, ListFormat expected) =>
        Detect(RepoPaths.Fixture(["lists", .. fixture.Split('/')])).ShouldBe(expected);

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Each_real_file_is_detected_as_its_format_RealFile(string file, ListFormat expected) =>
        Detect(SharedData.Path(file)).ShouldBe(expected);

    [Theory]
    [InlineData("sanctions/us_ofac/add.csv")]
    [InlineData("sanctions/us_ofac/alt.csv")]
    [InlineData("sanctions/us_ofac/sdn_comments.csv")]
    public void Ofac_companion_files_are_recognised_and_not_read_alone_RealFile(string file)
    {
        var head = ListReaders.ReadHead(ListInput.FromFile(SharedData.Path(file)));
        ListReaders.IsCompanion(head).ShouldBeTrue();
    }

    [Theory]
    [InlineData("README.md", "# Title\n\nSome prose about lists, not a list.\n")]
    [InlineData("script.py", "import sys\nprint(sys.argv)\n")]
    [InlineData("other.xml", "<?xml version=\"1.0\"?><catalog><book id=\"1\"/></catalog>")]
    [InlineData("other.json", "{\"hello\": \"world\"}")]
    public void Files_that_are_no_list_are_claimed_by_no_reader(string name, string content)
    {
        ListReaders.Default.Detect(System.Text.Encoding.UTF8.GetBytes(content)).ShouldBeNull(name);
    }

    [Fact]
    public void An_empty_file_is_bad_input()
    {
        var error = Should.Throw<InputException>(() => ListReaders.ReadHead(ListInput.FromBytes("empty.csv", [])));
        error.Message.ShouldContain("empty.csv");
    }

    private static ListFormat? Detect(string path) =>
        ListReaders.Default.Detect(ListReaders.ReadHead(ListInput.FromFile(path)))?.Format;
}
