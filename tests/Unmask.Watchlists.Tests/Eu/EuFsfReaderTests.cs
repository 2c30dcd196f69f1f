using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Eu;
using Unmask.Watchlists.Tests.Un;

namespace Unmask.Watchlists.Tests.Eu;

/// <summary>
/// EU FSF XML v1.1 and the "global" CSV. No real FSF file could be obtained (shared/data/README.md, "Not found"), so both
/// fixtures are fictional and were written from the EU's format documentation and public code that parses the files.
/// </summary>
public sealed class EuFsfReaderTests
{
    private static readonly string XmlFixture = RepoPaths.Fixture("lists", "eu", "fsf_fictional.xml");
    private static readonly string CsvFixture = RepoPaths.Fixture("lists", "eu", "fsf_global_fictional.csv");
    private readonly EuFsfXmlReader _xml = new();
    private readonly EuFsfCsvReader _csv = new();

    [Fact]
    public async Task Xml_maps_persons_and_enterprises()
    {
        var (entities, context) = await ListReading.ReadFileAsync(_xml, XmlFixture);

        context.Dataset.ShouldBe(new Dataset("eu_fsf", "EU Financial Sanctions Files (FSF)", "European Commission (FPI)",
            new DateOnly(2030, 2, 3), DatasetKind.Sanctions));
        AssertCommon(entities);
        var person = entities[0];
        person.Get("email").ShouldBe(["richol@example.test"]);
        person.Get("idNumber").ShouldBe(["ID-3344"]);
        var company = entities[1];
        company.Get("website").ShouldBe(["www.example-digital.test"]);
        company.Get("phone").ShouldBe(["+86 24 0000 0000", "+86 24 0000 0001"]);
        company.Get("notes").ShouldContain("Front company for IT workers");
    }

    [Fact]
    public async Task Csv_rows_fold_into_the_same_entities()
    {
        var (entities, context) = await ListReading.ReadFileAsync(_csv, CsvFixture);

        context.Dataset!.PublishedOn.ShouldBe(new DateOnly(2030, 2, 3)); // fileGenerationDate 03/02/2030
        AssertCommon(entities);
        entities[1].Get("notes").ShouldContain("Front company; for IT workers"); // a quoted field with the separator
    }

    private static void AssertCommon(List<Entity> entities)
    {
        entities.Select(e => e.Id).ShouldBe(["eu_fsf-990101", "eu_fsf-990102"]);
        var person = entities[0];
        person.Schema.ShouldBe(Schemas.Person);
        person.Get("name").ShouldBe(["Ri Chol"]);
        person.Get("alias").ShouldBe(["Lee Chul", "리철"]);
        person.Get("weakAlias").ShouldBe(["Chuli"]);
        person.Get("firstName").ShouldBe(["Chol"]);
        person.Get("lastName").ShouldBe(["Ri"]);
        person.Get("gender").ShouldBe(["male"]);
        person.Get("position").ShouldBe(["Head of a fictional IT team"]);
        person.Get("birthDate").ShouldBe(["1982-11-30", "1981"]); // circa 1981 -> 1981
        person.Get("birthPlace").ShouldBe(["Kaesong, NORTH KOREA"]);
        person.Get("birthCountry").ShouldBe(["kp"]);
        person.Get("nationality").ShouldBe(["kp"]);
        person.Get("passportNumber").ShouldBe(["108300999"]);
        person.Get("address").ShouldBe(["8 Example Lane, 118000, Dandong, Liaoning, CHINA"]);
        person.Get("country").ShouldBe(["cn"]);
        person.Get("programId").ShouldBe(["EU.9901.12", "KPi.992"]);
        person.Get("program").ShouldBe(["PRK"]);
        person.Get("sourceUrl").ShouldBe(["https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2029:001:FULL"]);
        person.Get("createdAt").ShouldBe(["2029-04-06"]); // no designationDate: the regulation's publication date
        person.Get("modifiedAt").ShouldBe(["2029-04-07"]);
        person.Get("notes").ShouldContain("Fictional test entry.");
        person.Get("topics").ShouldBe(["sanction"]);

        var company = entities[1];
        company.Schema.ShouldBe(Schemas.Organization);
        company.Get("name").ShouldBe(["Example Digital Services Ltd"]);
        company.Get("registrationNumber").ShouldBe(["REG-777"]);
        company.Get("createdAt").ShouldBe(["2029-05-01"]);
        company.Get("address").ShouldBe(["Shenyang, CHINA"]);
    }

    [Fact]
    public async Task Bad_xml_is_bad_input()
    {
        var text = File.ReadAllText(XmlFixture);
        (await ListReading.FailsAsync(_xml, "cut.xml", text[..text.IndexOf("<citizenship", StringComparison.Ordinal)])).Line.ShouldNotBeNull();
        (await ListReading.FailsAsync(_xml, "dtd.xml", """<?xml version="1.0"?><!DOCTYPE export [<!ENTITY a "b">]><export xmlns="http://eu.europa.ec/fpi/fsd/export"/>""")).Reason.ShouldContain("DTD");
        var error = await ListReading.FailsAsync(_xml, "date.xml", text.Replace("birthdate=\"1982-11-30\"", "birthdate=\"1982-02-30\"", StringComparison.Ordinal));
        error.Reason.ShouldContain("birthdate is '1982-02-30'");
        error.Line.ShouldBe(7);
        (await ListReading.FailsAsync(_xml, "other.xml", "<CONSOLIDATED_LIST/>")).Reason.ShouldContain("<export>");
    }

    [Fact]
    public async Task Bad_csv_is_bad_input()
    {
        var lines = File.ReadAllLines(CsvFixture);
        lines[3] += ";extra";
        var error = await ListReading.FailsAsync(_csv, "eu.csv", string.Join('\n', lines));
        error.Line.ShouldBe(4);
        error.Reason.ShouldBe("expected 67 fields, found 68");

        (await ListReading.FailsAsync(_csv, "eu.csv", File.ReadAllText(CsvFixture).Replace(";1982-11-30;", ";1982-13-30;", StringComparison.Ordinal))).Line.ShouldBe(8);
        (await ListReading.FailsAsync(_csv, "empty.csv", "")).Reason.ShouldBe("empty file");
        (await ListReading.FailsAsync(_csv, "x.csv", "a;b\n1;2\n")).Reason.ShouldContain("Entity_LogicalId");
    }

    [Fact]
    public void Sniff_tells_the_two_EU_formats_from_each_other_and_from_other_lists()
    {
        ListReading.Sniffs(_xml, XmlFixture).ShouldBeTrue();
        ListReading.Sniffs(_csv, CsvFixture).ShouldBeTrue();
        ListReading.Sniffs(_xml, CsvFixture).ShouldBeFalse();
        ListReading.Sniffs(_csv, XmlFixture).ShouldBeFalse();
        ListReading.SniffsText(_xml, "<export><item/></export>").ShouldBeFalse(); // an <export> root of another namespace
        ListReading.Sniffs(_xml, SharedData.Path("sanctions/un/consolidated.xml")).ShouldBeFalse();
        ListReading.Sniffs(_csv, SharedData.Path("sanctions/uk/ofsi_2018-04-13/sanctionsconlist.csv")).ShouldBeFalse();
        ListReading.SniffsText(_csv, "{\"schema\": \"Person\"}").ShouldBeFalse();
    }
}
