using System.Text;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Ofac;
using static Unmask.Watchlists.Tests.Ofac.OfacTestSupport;

namespace Unmask.Watchlists.Tests.Ofac;

public sealed class OfacAdvancedXmlReaderTests
{
    private readonly OfacAdvancedXmlReader _reader = new();

    private Task<(List<Entity> Entities, ReadContext Context)> ReadFixture() =>
        ReadAll(_reader, ListInput.FromFile(Fixture("xml", "enhanced.xml")));

    [Fact]
    public async Task Reads_entities_with_dataset_and_data_as_of()
    {
        var (entities, context) = await ReadFixture();

        context.Dataset!.Name.ShouldBe("us_ofac_enhanced");
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(2025, 3, 14));
        entities.Select(e => e.Id).ShouldBe(["us_ofac_enhanced-90002", "us_ofac_enhanced-90001", "us_ofac_enhanced-90003"]);
        entities.Select(e => e.Schema.Name).ShouldBe(["Person", "Organization", "Vessel"]);
        entities.ShouldAllBe(e => e.Get("topics").Contains("sanction"));
    }

    [Fact]
    public async Task Maps_an_individual_with_a_hangul_name()
    {
        var (entities, _) = await ReadFixture();
        var person = entities.ById("us_ofac_enhanced-90002");

        person.Get("name").ShouldBe(["RI, Chol Su"]);
        person.Get("alias").ShouldBe(["리철수"]);
        person.Get("weakAlias").ShouldBe(["SONNY"]);
        person.Get("firstName").ShouldBe(["Chol Su"]);
        person.Get("lastName").ShouldBe(["RI"]);
        person.Get("program").ShouldBe(["DPRK3", "CYBER2"]);
        person.Get("birthDate").ShouldBe(["1980-03-12", "1981", "1982"]);
        person.Get("birthPlace").ShouldBe(["Pyongyang, North Korea"]);
        person.Get("nationality").ShouldBe(["kp"]);
        person.Get("gender").ShouldBe(["male"]);
        person.Get("cryptoWallet").ShouldBe(["0x00000000000000000000000000000000000beef1"]);
        person.Get("email").ShouldBe(["chol.su@example.org"]);
        person.Get("passportNumber").ShouldBe(["927000001"]);
        person.Get("notes").ShouldContain("Passport 927000001 (Korea, North) issued 2018-01-01");
        person.Get("address").ShouldBe(["Room 5, Example Building, Shenyang, China"]);
        person.Get("country").ShouldBe(["cn"]);
        person.Get("createdAt").ShouldBe(["2023-05-23"]);
        person.Get("notes").ShouldContain("Acting for or on behalf of: PYONGHWA DIGITAL TRADING CO., LTD. (OFAC 90001)");
        person.Get("notes").ShouldContain("Legal authority: Executive Order 13722");
    }

    [Fact]
    public async Task Maps_an_organisation_and_a_vessel()
    {
        var (entities, _) = await ReadFixture();
        var company = entities.ById("us_ofac_enhanced-90001");
        var vessel = entities.ById("us_ofac_enhanced-90003");

        company.Get("alias").ShouldBe(["شركة بيونغهوا"]); // bidi embedding marks removed
        company.Get("previousName").ShouldBe(["PYONGHWA TRADING CORPORATION"]);
        company.Get("country").ShouldBe(["bs"]); // "Bahamas, The" through the reference value's ISO code
        company.Get("incorporationDate").ShouldBe(["2016-05-12"]);
        company.Get("registrationNumber").ShouldBe(["91990000EXAMPLE01X"]);
        company.Get("notes").ShouldContain("All offices worldwide");
        company.Get("notes").ShouldContain("Additional Sanctions Information - Subject to Secondary Sanctions");
        vessel.Get("callSign").ShouldBe(["HMZZ9"]);
        vessel.Get("flag").ShouldBe(["kp"]);
        vessel.Get("type").ShouldBe(["General Cargo"]);
        vessel.Get("buildDate").ShouldBe(["1999"]);
        vessel.Get("imoNumber").ShouldBe(["IMO9000007"]);
    }

    [Fact]
    public async Task Truncated_xml_is_refused_with_a_line()
    {
        var text = await File.ReadAllTextAsync(Fixture("xml", "enhanced.xml"), TestContext.Current.CancellationToken);
        var truncated = Encoding.UTF8.GetBytes(text[..(text.Length * 2 / 3)]);

        var error = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("enhanced.xml", truncated)));

        error.Line.ShouldNotBeNull();
        error.Reason.ShouldContain("not well-formed XML");
    }

    [Fact]
    public async Task Dtd_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE sanctionsData [<!ENTITY x \"y\">]><sanctionsData/>"u8.ToArray();

        (await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("e.xml", xml)))).Reason.ShouldContain("DTD");
    }

    [Fact]
    public async Task Invalid_dates_are_refused_naming_the_field()
    {
        var xml = """
            <sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
              <entities>
                <entity id="5">
                  <generalInfo><entityType>Individual</entityType></generalInfo>
                  <names><name><isPrimary>true</isPrimary><translations><translation><isPrimary>true</isPrimary>
                    <formattedFullName>DOE, John</formattedFullName></translation></translations></name></names>
                  <features><feature><type featureTypeId="8">Birthdate</type><value>31 Feb 1980</value>
                    <valueDate><fromDateBegin>1980-02-31</fromDateBegin><fromDateEnd>1980-02-31</fromDateEnd>
                    <toDateBegin>1980-02-31</toDateBegin><toDateEnd>1980-02-31</toDateEnd><isDateRange>false</isDateRange></valueDate>
                  </feature></features>
                </entity>
              </entities>
            </sanctionsData>
            """u8.ToArray();
        var badAsOf = """
            <sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
              <publicationInfo><dataAsOf>yesterday</dataAsOf></publicationInfo>
            </sanctionsData>
            """u8.ToArray();

        var birth = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("e.xml", xml)));
        var asOf = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("e.xml", badAsOf)));

        birth.Line.ShouldBe(3);
        birth.Reason.ShouldContain("entity 5: Birthdate/fromDateBegin '1980-02-31' is not a date");
        asOf.Line.ShouldBe(2);
        asOf.Reason.ShouldContain("dataAsOf 'yesterday'");
    }

    [Fact]
    public void Sniff_accepts_sanctionsData_only()
    {
        _reader.Sniff(Head(Fixture("xml", "enhanced.xml"))).ShouldBeTrue();
        _reader.Sniff(Head(Fixture("xml", "sdn.xml"))).ShouldBeFalse();
        _reader.Sniff(Head(Fixture("csv", "sdn.csv"))).ShouldBeFalse();
        _reader.Sniff("<CONSOLIDATED_LIST/>"u8).ShouldBeFalse();
        _reader.Sniff("{\"sanctionsData\": 1}"u8).ShouldBeFalse();
        _reader.Sniff("sanctionsData"u8).ShouldBeFalse();
    }

    [Fact]
    public async Task Irgc_enhanced_sample_RealFile()
    {
        var path = SharedData.Path("sanctions/us_ofac/enhanced_xml_sample/IRGC_sanctions.xml");
        var expected = ExpectedFromRawFile(path);

        var (entities, context) = await ReadAll(_reader, ListInput.FromFile(path));

        context.Dataset!.PublishedOn.ShouldBe(new DateOnly(2024, 8, 28));
        entities.Count.ShouldBe(expected.Entities);
        entities.Sum(e => e.NameCount).ShouldBe(expected.Names);
        entities.GroupBy(e => e.Schema.Name).ToDictionary(g => g.Key, g => g.Count()).ShouldBe(expected.Types, ignoreOrder: true);
        entities.Sum(e => e.Get("cryptoWallet").Count).ShouldBe(expected.Wallets);
        entities.ShouldAllBe(e => e.Get("program").Contains("IRGC"));
        // Original-script names (Arabic, Cyrillic, Chinese) are aliases.
        entities.SelectMany(e => e.Get("alias")).Count(a => a.Any(c => c is >= '\u0600' and <= '\u06FF')).ShouldBeGreaterThan(0);
        entities.SelectMany(e => e.AllNames()).ShouldAllBe(n => !n.Contains('\u202B'));
        entities.ById("us_ofac_enhanced-26719").Get("name").ShouldBe(["IRGC GROUND FORCES"]);
        entities.ById("us_ofac_enhanced-24475").Get("model").ShouldBe(["IL-76"]);
    }

    /// <summary>Counts from a plain XDocument load of the raw file.</summary>
    private static (int Entities, int Names, Dictionary<string, int> Types, int Wallets) ExpectedFromRawFile(string path)
    {
        var root = XDocument.Load(path).Root!;
        var ns = root.Name.Namespace;
        var entities = root.Element(ns + "entities")!.Elements(ns + "entity").ToList();
        var names = entities.Sum(e => e.Descendants(ns + "formattedFullName")
            .Select(n => new string([.. n.Value.Where(c => c is not ('\u202B' or '\u202C' or '\u202A' or '\u200E' or '\u200F'))]).Trim())
            .Select(n => string.Join(' ', n.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Count());
        var types = entities.GroupBy(e => e.Element(ns + "generalInfo")!.Element(ns + "entityType")!.Value switch
        {
            "Individual" => "Person",
            "Aircraft" => "Airplane",
            "Vessel" => "Vessel",
            _ => "Organization",
        }).ToDictionary(g => g.Key, g => g.Count());
        var wallets = entities.Sum(e => e.Descendants(ns + "feature")
            .Where(f => f.Element(ns + "type")!.Value.StartsWith("Digital Currency Address", StringComparison.Ordinal))
            .Select(f => f.Element(ns + "value")!.Value.Trim())
            .Distinct(StringComparer.Ordinal)
            .Count());
        return (entities.Count, names, types, wallets);
    }
}
