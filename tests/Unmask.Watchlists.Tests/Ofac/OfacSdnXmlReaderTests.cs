using System.Text;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Ofac;
using static Unmask.Watchlists.Tests.Ofac.OfacTestSupport;

namespace Unmask.Watchlists.Tests.Ofac;

public sealed class OfacSdnXmlReaderTests
{
    private readonly OfacSdnXmlReader _reader = new();

    private Task<(List<Entity> Entities, ReadContext Context)> ReadFixture(string name = "sdn.xml") =>
        ReadAll(_reader, ListInput.FromFile(Fixture("xml", name)));

    [Fact]
    public async Task Reads_entries_with_publish_date_and_dataset()
    {
        var (entities, context) = await ReadFixture();

        entities.Count.ShouldBe(4);
        context.Dataset!.Name.ShouldBe("us_ofac_sdn");
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(2025, 3, 14));
        context.Warnings.ShouldBeEmpty();
        entities.Select(e => e.Schema.Name).ShouldBe(["Person", "Organization", "Vessel", "Airplane"]);
        entities.ShouldAllBe(e => e.Get("topics").Contains("sanction"));
    }

    [Fact]
    public async Task Maps_an_individual()
    {
        var (entities, _) = await ReadFixture();
        var person = entities.ById("us_ofac_sdn-90002");

        person.Get("name").ShouldBe(["RI, Chol Su"]);
        person.Get("firstName").ShouldBe(["Chol Su"]);
        person.Get("lastName").ShouldBe(["RI"]);
        person.Get("alias").ShouldBe(["RI, Cholsu"]);
        person.Get("weakAlias").ShouldBe(["SONNY"]);
        person.Get("program").ShouldBe(["DPRK3", "CYBER2"]);
        person.Get("passportNumber").ShouldBe(["927000001"]);
        person.Get("notes").ShouldContain("Passport 927000001 (Korea, North) issued 01 Jan 2018 expires 01 Jan 2023");
        person.Get("notes").ShouldContain("Additional Sanctions Information - Subject to Secondary Sanctions");
        person.Get("cryptoWallet").ShouldBe(["1ExampLeWa11etAddre55xxxxxxxxxxxx"]);
        person.Get("email").ShouldBe(["chol.su@example.org"]);
        person.Get("gender").ShouldBe(["male"]);
        person.Get("address").ShouldBe(["Room 5, Example Building, Shenyang, Liaoning, 110000, China"]);
        person.Get("country").ShouldBe(["cn"]);
        person.Get("nationality").ShouldBe(["kp"]);
        person.Get("citizenship").ShouldBe(["kp"]);
        person.Get("birthDate").ShouldBe(["1980-03-12", "1981-01-01", "1982-12-31"]);
        person.Get("birthPlace").ShouldBe(["Pyongyang, North Korea"]);
    }

    [Fact]
    public async Task Maps_entity_vessel_and_aircraft_details()
    {
        var (entities, _) = await ReadFixture();
        var company = entities.ById("us_ofac_sdn-90001");
        var vessel = entities.ById("us_ofac_sdn-90003");
        var aircraft = entities.ById("us_ofac_sdn-90004");

        company.Get("previousName").ShouldBe(["PYONGHWA TRADING CORPORATION"]);
        company.Get("registrationNumber").ShouldBe(["91990000EXAMPLE01X"]);
        company.Get("notes").ShouldContain("Unified Social Credit Code (USCC) 91990000EXAMPLE01X (China)");
        company.Get("website").ShouldBe(["www.pyonghwa-digital.example"]);
        company.Get("notes").ShouldContain("(Linked To: SEA PEARL SHIPPING CO.)");
        vessel.Get("imoNumber").ShouldBe(["IMO9000007"]);
        vessel.Get("callSign").ShouldBe(["HMZZ9"]);
        vessel.Get("type").ShouldBe(["General Cargo"]);
        vessel.Get("flag").ShouldBe(["kp"]);
        vessel.Get("tonnage").ShouldBe(["2380"]);
        vessel.Get("grossRegisteredTonnage").ShouldBe(["1500"]);
        vessel.Get("notes").ShouldContain("Vessel owner: SEA PEARL SHIPPING CO.");
        aircraft.Get("model").ShouldBe(["IL-62M"]);
    }

    [Fact]
    public async Task Reads_the_old_namespace_and_warns_on_a_wrong_record_count()
    {
        var (entities, context) = await ReadFixture("consolidated_2018.xml");

        context.Dataset!.Name.ShouldBe("us_ofac_cons");
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(2018, 4, 6));
        entities.Count.ShouldBe(2);
        context.Warnings.ShouldHaveSingleItem().ShouldContain("Record_Count says 3 entries but the file has 2");
        entities.ById("us_ofac_cons-80001").Get("taxNumber").ShouldBe(["7700000001"]);
        var person = entities.ById("us_ofac_cons-80002");
        person.Get("title").ShouldBe(["Chairman"]);
        person.Get("birthDate").ShouldBe(["1962"]);
    }

    [Fact]
    public async Task Truncated_xml_is_refused_with_a_line()
    {
        var text = await File.ReadAllTextAsync(Fixture("xml", "sdn.xml"), TestContext.Current.CancellationToken);
        var truncated = Encoding.UTF8.GetBytes(text[..(text.Length / 2)]);

        var error = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.xml", truncated)));

        error.File.ShouldBe("sdn.xml");
        error.Line.ShouldNotBeNull();
        error.Reason.ShouldContain("not well-formed XML");
    }

    [Fact]
    public async Task Dtd_is_refused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE sdnList [<!ENTITY x "boom">]>
            <sdnList><sdnEntry><uid>1</uid><lastName>&x;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>
            """u8.ToArray();

        var error = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.xml", xml)));

        error.Reason.ShouldContain("DTD");
    }

    [Fact]
    public async Task Invalid_dates_are_refused_naming_the_field()
    {
        var badBirth = """
            <sdnList xmlns="http://tempuri.org/sdnList.xsd">
              <sdnEntry><uid>1</uid><lastName>DOE</lastName><firstName>John</firstName><sdnType>Individual</sdnType>
                <dateOfBirthList><dateOfBirthItem><uid>2</uid><dateOfBirth>31 Feb 1980</dateOfBirth></dateOfBirthItem></dateOfBirthList>
              </sdnEntry>
            </sdnList>
            """u8.ToArray();
        var badPublish = """
            <sdnList xmlns="http://tempuri.org/sdnList.xsd">
              <publshInformation><Publish_Date>14/03/2025</Publish_Date><Record_Count>1</Record_Count></publshInformation>
              <sdnEntry><uid>1</uid><lastName>DOE</lastName><sdnType>Entity</sdnType></sdnEntry>
            </sdnList>
            """u8.ToArray();

        var birth = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.xml", badBirth)));
        var publish = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.xml", badPublish)));

        birth.Line.ShouldBe(2);
        birth.Reason.ShouldContain("dateOfBirth '31 Feb 1980' is not a date");
        publish.Line.ShouldBe(2);
        publish.Reason.ShouldContain("Publish_Date '14/03/2025'");
    }

    [Fact]
    public async Task Other_roots_and_empty_files_are_refused()
    {
        var other = "<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>"u8.ToArray();

        (await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("x.xml", other)))).Reason.ShouldContain("expected <sdnList>");
        (await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("x.xml", [])))).File.ShouldBe("x.xml");
        (await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("x.xml", "<sdnList/>"u8.ToArray())))).Reason.ShouldContain("no sdnEntry");
    }

    [Fact]
    public void Sniff_accepts_sdnList_only()
    {
        _reader.Sniff(Head(Fixture("xml", "sdn.xml"))).ShouldBeTrue();
        _reader.Sniff(Head(Fixture("xml", "consolidated_2018.xml"))).ShouldBeTrue();
        _reader.Sniff(Head(Fixture("xml", "enhanced.xml"))).ShouldBeFalse();
        _reader.Sniff(Head(Fixture("csv", "sdn.csv"))).ShouldBeFalse();
        _reader.Sniff("<?xml version=\"1.0\"?><CONSOLIDATED_LIST dateGenerated=\"2026-02-27\">"u8).ShouldBeFalse();
        _reader.Sniff("<Sanctions xmlns=\"http://www.un.org/sanctions/1.0\">"u8).ShouldBeFalse();
        _reader.Sniff("{\"id\": 1}"u8).ShouldBeFalse();
        _reader.Sniff("plain text"u8).ShouldBeFalse();
    }

    [Theory]
    [InlineData("sanctions/us_ofac/sdn_xml/consolidated_2018-04-06/consolidated.xml", 2018, 4, 6)]
    [InlineData("sanctions/us_ofac/sdn_xml/consolidated_2024-05-06/consolidated.xml", 2024, 5, 6)]
    public async Task Consolidated_classic_xml_RealFile(string relative, int year, int month, int day)
    {
        var path = SharedData.Path(relative);
        var (expectedEntities, expectedNames, expectedTypes) = ExpectedFromRawFile(path);

        var (entities, context) = await ReadAll(_reader, ListInput.FromFile(path));

        context.Dataset!.Name.ShouldBe("us_ofac_cons");
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(year, month, day));
        context.Warnings.ShouldBeEmpty(); // Record_Count agrees in both copies
        entities.Count.ShouldBe(expectedEntities);
        entities.Sum(e => e.NameCount).ShouldBe(expectedNames);
        entities.GroupBy(e => e.Schema.Name).ToDictionary(g => g.Key, g => g.Count()).ShouldBe(expectedTypes, ignoreOrder: true);
        entities.Where(e => e.Schema == Schemas.Vessel).ShouldAllBe(v => v.Has("flag") || v.Has("notes"));
        entities.ShouldAllBe(e => e.Has("program"));
    }

    /// <summary>Entries, distinct names per entry and schema counts from a plain XDocument load of the raw file.</summary>
    private static (int Entities, int Names, Dictionary<string, int> Types) ExpectedFromRawFile(string path)
    {
        var root = XDocument.Load(path).Root!;
        var ns = root.Name.Namespace;
        var entries = root.Elements(ns + "sdnEntry").ToList();
        var names = 0;
        foreach (var entry in entries)
        {
            var all = new HashSet<string>(StringComparer.Ordinal) { Name(entry) };
            foreach (var aka in entry.Descendants(ns + "aka"))
            {
                all.Add(Name(aka));
            }
            names += all.Count;
        }
        var types = entries.GroupBy(e => (string)e.Element(ns + "sdnType")! switch
        {
            "Individual" => "Person",
            "Vessel" => "Vessel",
            "Aircraft" => "Airplane",
            _ => "Organization",
        }).ToDictionary(g => g.Key, g => g.Count());
        return (entries.Count, names, types);

        string Name(XElement e)
        {
            var last = ((string?)e.Element(ns + "lastName"))?.Trim();
            var first = ((string?)e.Element(ns + "firstName"))?.Trim();
            return string.Join(' ', (string.IsNullOrEmpty(first) ? last! : $"{last}, {first}").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
