using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Un;

namespace Unmask.Watchlists.Tests.Un;

public sealed class UnConsolidatedXmlReaderTests
{
    private static readonly string Fixture = RepoPaths.Fixture("lists", "un", "consolidated_fictional.xml");
    private readonly UnConsolidatedXmlReader _reader = new();

    [Fact]
    public async Task Reads_an_individual_with_every_field_mapped()
    {
        var (entities, context) = await ListReading.ReadFileAsync(_reader, Fixture);

        context.Dataset.ShouldBe(new Dataset("un_sc_sanctions", "UN Security Council Consolidated List", "UN Security Council",
            new DateOnly(2030, 1, 15), DatasetKind.Sanctions));
        entities.Count.ShouldBe(2);
        var person = entities.ById("un_sc_sanctions-9900001");
        person.Schema.ShouldBe(Schemas.Person);
        person.Get("name").ShouldBe(["PAK SOL MI HAN"]); // the literal "na" FOURTH_NAME is dropped
        person.Get("middleName").ShouldBe(["HAN"]);
        person.Get("alias").ShouldBe(["박솔미", "Pak Sol-mi", "Park Sol Mi"]); // original script, Good, empty quality
        person.Get("weakAlias").ShouldBe(["Solmi"]);
        person.NameCount.ShouldBe(5);
        person.Get("birthDate").ShouldBe(["1981-07-04", "1980-02-29", "1979", "1976", "1977"]);
        person.Get("birthPlace").ShouldBe(["Sinuiju, North Pyongan, Democratic People's Republic of Korea"]);
        person.Get("birthCountry").ShouldBe(["kp"]);
        person.Get("nationality").ShouldBe(["kp"]);
        person.Get("notes").ShouldContain("Nationality: former Atlantis");
        person.Get("notes").ShouldNotContain("Nationality: na");
        person.Get("passportNumber").ShouldBe(["927000111"]);
        person.Get("idNumber").ShouldBe(["ID-55501"]);
        person.Get("address").ShouldBe(["12 Example Street, Shenyang, China"]);
        person.Get("country").ShouldBe(["cn"]);
        person.Get("title").ShouldBe(["Director"]);
        person.Get("position").ShouldBe(["Representative of Example Trading Office"]);
        person.Get("gender").ShouldBe(["female"]);
        person.Get("program").ShouldBe(["DPRK"]);
        person.Get("programId").ShouldBe(["KPi.901"]);
        person.Get("createdAt").ShouldBe(["2029-03-02"]); // "2029-03-02-05:00": xs:date with a zone
        person.Get("modifiedAt").ShouldBe(["2029-11-20"]);
        person.Get("topics").ShouldBe(["sanction"]);
        person.Get("notes").ShouldContain("Fictional test entry. Works for a fictional software front company.");
    }

    [Fact]
    public async Task Reads_an_entity_with_aka_and_fka_aliases()
    {
        var (entities, _) = await ListReading.ReadFileAsync(_reader, Fixture);

        var company = entities.ById("un_sc_sanctions-9900002");
        company.Schema.ShouldBe(Schemas.Organization);
        company.Get("name").ShouldBe(["EXAMPLE SOFTWARE DEVELOPMENT COMPANY"]);
        company.Get("alias").ShouldBe(["EXSOFT"]);
        company.Get("previousName").ShouldBe(["EXAMPLE TRADING CORPORATION"]);
        company.Get("address").ShouldBe(["Pyongyang, Democratic People's Republic of Korea"]);
        company.Get("country").ShouldBe(["kp"]);
    }

    [Fact]
    public async Task Truncated_xml_is_bad_input_with_a_line_number()
    {
        var text = File.ReadAllText(Fixture);
        var error = await ListReading.FailsAsync(_reader, "cut.xml", text[..text.IndexOf("<ENTITY_ALIAS>", StringComparison.Ordinal)]);

        error.File.ShouldBe("cut.xml");
        error.Line.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_dtd_is_refused()
    {
        var error = await ListReading.FailsAsync(_reader, "dtd.xml",
            """<?xml version="1.0"?><!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x "boom">]><CONSOLIDATED_LIST dateGenerated="2030-01-01"><INDIVIDUALS/></CONSOLIDATED_LIST>""");

        error.Reason.ShouldContain("DTD");
    }

    [Fact]
    public async Task An_impossible_date_is_bad_input_naming_the_field_and_line()
    {
        var text = File.ReadAllText(Fixture).Replace("<DATE>1980-02-29</DATE>", "<DATE>1981-02-29</DATE>", StringComparison.Ordinal);

        var error = await ListReading.FailsAsync(_reader, "bad.xml", text);

        error.Reason.ShouldContain("INDIVIDUAL_DATE_OF_BIRTH/DATE is '1981-02-29'");
        error.Line.ShouldBe(7); // the <INDIVIDUAL> start tag
    }

    [Fact]
    public async Task Another_root_and_an_empty_file_are_bad_input()
    {
        (await ListReading.FailsAsync(_reader, "other.xml", "<sdnList><sdnEntry/></sdnList>")).Reason.ShouldContain("CONSOLIDATED_LIST");
        await ListReading.FailsAsync(_reader, "empty.xml", "");
    }

    [Fact]
    public void Sniff_accepts_the_UN_list_and_rejects_other_formats()
    {
        ListReading.Sniffs(_reader, Fixture).ShouldBeTrue();
        ListReading.Sniffs(_reader, SharedData.Path("sanctions/un/consolidated.xml")).ShouldBeTrue();
        ListReading.SniffsText(_reader, """<?xml version="1.0"?><sdnList xmlns="http://tempuri.org/sdnList.xsd"/>""").ShouldBeFalse();
        ListReading.SniffsText(_reader, """<export xmlns="http://eu.europa.ec/fpi/fsd/export"/>""").ShouldBeFalse();
        ListReading.SniffsText(_reader, """{"id": "x", "schema": "Person"}""").ShouldBeFalse();
        ListReading.SniffsText(_reader, "KIM Jong Un\nexample.com\n").ShouldBeFalse();
    }
}
