using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Tests.Un;
using Unmask.Watchlists.Uk;

namespace Unmask.Watchlists.Tests.Uk;

/// <summary>The fixture is fictional and was written from the FCDO's format description (no real file was available).</summary>
public sealed class UkSanctionsListXmlReaderTests
{
    private static readonly string Fixture = RepoPaths.Fixture("lists", "uk", "UK_Sanctions_List_fictional.xml");
    private readonly UkSanctionsListXmlReader _reader = new();

    [Fact]
    public async Task Maps_designations()
    {
        var (entities, context) = await ListReading.ReadFileAsync(_reader, Fixture);

        context.Dataset!.Name.ShouldBe("gb_fcdo_sanctions");
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(2030, 3, 4));
        entities.Select(e => e.Id).ShouldBe(["gb_fcdo_sanctions-DPR9911", "gb_fcdo_sanctions-DPR9912"]);
        var person = entities[0];
        person.Schema.ShouldBe(Schemas.Person);
        person.Get("name").ShouldBe(["Hyok CHOE"]);
        person.Get("alias").ShouldBe(["Hyeok CHOI", "최혁"]);
        person.Get("weakAlias").ShouldBe(["Jack CHOY"]);
        person.Get("birthDate").ShouldBe(["1983-02-14", "1984", "1985-06"]);
        person.Get("birthPlace").ShouldBe(["Nampo, North Korea"]);
        person.Get("nationality").ShouldBe(["kp"]);
        person.Get("passportNumber").ShouldBe(["745000333"]);
        person.Get("idNumber").ShouldBe(["NI-0099"]);
        person.Get("email").ShouldBe(["choe@example.test", "hyok@example.org"]);
        person.Get("position").ShouldBe(["IT team manager"]);
        person.Get("gender").ShouldBe(["male"]);
        person.Get("address").ShouldBe(["3 Example Street, Shenyang, China"]);
        person.Get("programId").ShouldBe(["DPR9911", "KPi.993"]);
        person.Get("program").ShouldBe(["Democratic People's Republic of Korea"]);
        person.Get("createdAt").ShouldBe(["2029-03-02"]);
        person.Get("modifiedAt").ShouldBe(["2030-01-10"]);
        person.Get("notes").ShouldContain("Fictional reasons: runs IT workers abroad.");

        var ship = entities[1];
        ship.Schema.ShouldBe(Schemas.Vessel);
        ship.Get("imoNumber").ShouldBe(["9990002"]);
        ship.Get("flag").ShouldBe(["kp"]);
        ship.Get("type").ShouldBe(["Cargo"]);
    }

    [Fact]
    public async Task Bad_input_names_the_line()
    {
        var text = File.ReadAllText(Fixture);
        (await ListReading.FailsAsync(_reader, "cut.xml", text[..text.IndexOf("<IndividualDetails>", StringComparison.Ordinal)])).Line.ShouldNotBeNull();
        (await ListReading.FailsAsync(_reader, "dtd.xml", """<?xml version="1.0"?><!DOCTYPE Designations [<!ENTITY a "b">]><Designations/>""")).Reason.ShouldContain("DTD");
        var error = await ListReading.FailsAsync(_reader, "date.xml", text.Replace("<DOB>14/02/1983</DOB>", "<DOB>31/02/1983</DOB>", StringComparison.Ordinal));
        error.Reason.ShouldContain("DOB is '31/02/1983'");
        error.Line.ShouldBe(8);
        (await ListReading.FailsAsync(_reader, "other.xml", "<CONSOLIDATED_LIST/>")).Reason.ShouldContain("<Designations>");
    }

    [Fact]
    public void Sniff_accepts_only_the_Designations_root()
    {
        ListReading.Sniffs(_reader, Fixture).ShouldBeTrue();
        ListReading.Sniffs(_reader, RepoPaths.Fixture("lists", "un", "consolidated_fictional.xml")).ShouldBeFalse();
        ListReading.Sniffs(_reader, RepoPaths.Fixture("lists", "eu", "fsf_fictional.xml")).ShouldBeFalse();
        ListReading.SniffsText(_reader, "Last Updated,01/01/2030\n").ShouldBeFalse();
    }
}
