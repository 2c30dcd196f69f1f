namespace Unmask.Watchlists.Tests;

public sealed class ListPartsTests
{
    [Theory]
    [InlineData(ListFormat.OfacSdnCsv, "sdn.csv")]
    [InlineData(ListFormat.OfacSdnXml, "sdn.xml")]
    [InlineData(ListFormat.OfacSdnXml, "SDN_2026-11-20.xml")]
    [InlineData(ListFormat.UnConsolidatedXml, "consolidated.xml")]
    [InlineData(ListFormat.UkOfsiXlsx, "ConList.xlsx")]
    [InlineData(ListFormat.UkOfsiCsv, "sanctionsconlist.csv")]
    public void A_complete_list_is_one_part_whatever_its_file_is_called(ListFormat format, string file) =>
        ListParts.Of(format, file).ShouldBe(ListParts.WholeList);

    [Theory]
    [InlineData(ListFormat.IocCsv, "emails.csv", "emails")]
    [InlineData(ListFormat.IocCsv, "Phones.CSV", "phones")]
    [InlineData(ListFormat.IocText, "sanctioned_addresses_ETH.txt", "sanctioned_addresses_eth")]
    [InlineData(ListFormat.FollowTheMoneyJson, "entities.ftm.json", "entities.ftm")]
    [InlineData(ListFormat.IocText, ".hidden", ".hidden")]
    public void Other_files_are_the_part_named_by_their_file(ListFormat format, string file, string part) =>
        ListParts.Of(format, file).ShouldBe(part);

    [Fact]
    public void A_dataset_prefix_goes_before_the_readers_name_and_an_override_replaces_both()
    {
        new ReadContext(datasetPrefix: "sample_").DatasetName("un_sc_sanctions").ShouldBe("sample_un_sc_sanctions");
        new ReadContext("my_list", "sample_").DatasetName("un_sc_sanctions").ShouldBe("my_list");
        new ReadContext().DatasetName("un_sc_sanctions").ShouldBe("un_sc_sanctions");
    }
}
