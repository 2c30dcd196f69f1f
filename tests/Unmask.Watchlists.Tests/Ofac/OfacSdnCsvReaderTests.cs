using System.Globalization;
using System.Text;
using Microsoft.VisualBasic.FileIO;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Ofac;
using static Unmask.Watchlists.Tests.Ofac.OfacTestSupport;

namespace Unmask.Watchlists.Tests.Ofac;

public sealed class OfacSdnCsvReaderTests
{
    private readonly OfacSdnCsvReader _reader = new();

    private static Task<(List<Entity> Entities, ReadContext Context)> ReadFixture() =>
        ReadAll(new OfacSdnCsvReader(), ListInput.FromFile(Fixture("csv", "sdn.csv")));

    [Fact]
    public async Task Reads_every_row_with_its_schema_and_dataset()
    {
        var (entities, context) = await ReadFixture();

        entities.Count.ShouldBe(6);
        context.Dataset!.Name.ShouldBe("us_ofac_sdn");
        context.Dataset.Title.ShouldBe("OFAC Specially Designated Nationals (SDN) List");
        context.Dataset.Publisher.ShouldBe("US Treasury OFAC");
        context.Dataset.PublishedOn.ShouldBeNull();
        context.Warnings.ShouldBeEmpty();
        entities.Select(e => e.Schema.Name).ShouldBe(["Organization", "Person", "Vessel", "Airplane", "Person", "Person"]);
        entities[0].Id.ShouldBe("us_ofac_sdn-90001");
        entities.ShouldAllBe(e => e.Get("topics").Contains("sanction"));
    }

    [Fact]
    public async Task Splits_multi_programme_fields()
    {
        var (entities, _) = await ReadFixture();

        entities.ById("us_ofac_sdn-90001").Get("program").ShouldBe(["DPRK3", "CYBER2"]);
        entities.ById("us_ofac_sdn-90006").Get("program").ShouldBe(["DPRK2", "DPRK3"]);
    }

    [Fact]
    public async Task Joins_remarks_continued_in_sdn_comments_before_parsing()
    {
        var (entities, _) = await ReadFixture();
        var company = entities.ById("us_ofac_sdn-90001");

        // "Linked To: SEA PEARL SHI" + "PPING CO." is one item once joined.
        company.Get("notes").ShouldContain("Linked To: SEA PEARL SHIPPING CO.");
        company.Get("weakAlias").ShouldBe(["PDT", "P.D.T. \"PYONGHWA\""]);
        company.Get("website").ShouldBe(["www.pyonghwa-digital.example"]);
        company.Get("email").ShouldBe(["sales@pyonghwa-digital.example"]);
        company.Get("phone").ShouldBe(["8613000000001"]);
        company.Get("registrationNumber").ShouldBe(["91990000EXAMPLE01X"]);
        company.Get("incorporationDate").ShouldBe(["2016-05-12"]);
        company.Get("cryptoWallet").ShouldBe(["1ExampLeWa11etAddre55xxxxxxxxxxxx", "0x00000000000000000000000000000000000beef1"]);
        company.Get("notes").ShouldContain("Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210");
    }

    [Fact]
    public async Task Maps_companion_aliases_and_addresses()
    {
        var (entities, _) = await ReadFixture();
        var company = entities.ById("us_ofac_sdn-90001");

        company.Get("name").ShouldBe(["PYONGHWA DIGITAL TRADING CO., LTD."]);
        company.Get("alias").ShouldBe(["PYONGHWA DIGITAL"]);
        company.Get("previousName").ShouldBe(["PYONGHWA TRADING CORPORATION"]);
        company.Get("address").ShouldBe(["Room 1201, Example Tower, 8 Sample Road, Shenyang, Liaoning, China", "Pyongyang, Korea, North"]);
        company.Get("country").ShouldBe(["cn", "kp"]);
        entities.ById("us_ofac_sdn-90003").Get("alias").ShouldContain("SEA PEARL SEVEN"); // nka
    }

    [Fact]
    public async Task Maps_an_individuals_remarks()
    {
        var (entities, _) = await ReadFixture();
        var person = entities.ById("us_ofac_sdn-90002");

        person.Get("name").ShouldBe(["RI, Chol Su"]);
        person.Get("lastName").ShouldBe(["RI"]);
        person.Get("firstName").ShouldBe(["Chol Su"]);
        person.Get("alias").ShouldBe(["RI, Cholsu"]);
        person.Get("birthDate").ShouldBe(["1980-03-12", "1981"]);
        person.Get("birthPlace").ShouldBe(["Pyongyang, North Korea"]);
        person.Get("nationality").ShouldBe(["kp"]);
        person.Get("citizenship").ShouldBe(["kp"]);
        person.Get("gender").ShouldBe(["male"]);
        person.Get("passportNumber").ShouldBe(["927000001", "927000002"]);
        person.Get("notes").ShouldContain("Passport 927000001 (Korea, North) issued 01 Jan 2018 expires 01 Jan 2023");
        person.Get("cryptoWallet").ShouldBe(["0x00000000000000000000000000000000000cafe2", "TExampleTronAddressxxxxxxxxxxxxxxx"]);
        person.Get("country").ShouldBe(["ru"]);
        person.NameCount.ShouldBe(2);
    }

    [Fact]
    public async Task Maps_vessel_and_aircraft_fields()
    {
        var (entities, _) = await ReadFixture();
        var vessel = entities.ById("us_ofac_sdn-90003");
        var aircraft = entities.ById("us_ofac_sdn-90004");

        vessel.Get("callSign").ShouldBe(["HMZZ9"]);
        vessel.Get("type").ShouldBe(["General Cargo"]);
        vessel.Get("tonnage").ShouldBe(["2380"]);
        vessel.Get("grossRegisteredTonnage").ShouldBe(["1500"]);
        vessel.Get("flag").ShouldBe(["kp"]);
        vessel.Get("pastFlags").ShouldBe(["sl"]);
        vessel.Get("imoNumber").ShouldBe(["IMO9000007"]);
        vessel.Get("mmsi").ShouldBe(["445000007"]);
        vessel.Get("previousName").ShouldBe(["OCEAN PEARL"]);
        vessel.Get("notes").ShouldContain("Vessel owner: SEA PEARL SHIPPING CO.");
        aircraft.Get("model").ShouldBe(["IL-62M"]);
        aircraft.Get("buildDate").ShouldBe(["1985"]);
        aircraft.Get("serialNumber").ShouldBe(["4000001"]);
        aircraft.Get("notes").ShouldContain("Aircraft Operator EXAMPLE AIR");
    }

    [Fact]
    public async Task Handles_circa_and_range_dates_titles_ids_and_unknown_countries()
    {
        var (entities, _) = await ReadFixture();
        var choe = entities.ById("us_ofac_sdn-90005");
        var kang = entities.ById("us_ofac_sdn-90006");

        choe.Get("birthDate").ShouldBe(["1960"]);
        choe.Get("title").ShouldBe(["Director of Example Bureau"]);
        kang.Get("birthDate").ShouldBe(["1953", "1954"]);
        kang.Get("nationality").ShouldBeEmpty();
        kang.Get("notes").ShouldContain("Nationality Atlantis");
        kang.Get("taxNumber").ShouldBe(["110000123"]);
        kang.Get("idNumber").ShouldBe(["555-0001"]);
        kang.Get("registrationNumber").ShouldBe(["777000"]);
    }

    [Fact]
    public async Task Reads_without_companions()
    {
        var sdn = await File.ReadAllBytesAsync(Fixture("csv", "sdn.csv"), TestContext.Current.CancellationToken);

        var (entities, context) = await ReadAll(_reader, ListInput.FromBytes("sdn.csv", sdn));

        entities.Count.ShouldBe(6);
        entities.ById("us_ofac_sdn-90001").Get("alias").ShouldBeEmpty();
        context.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Non_sdn_primary_uses_cons_companions_and_dataset()
    {
        var primary = Crlf("7001,\"EXAMPLE OIL COMPANY\",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ", "\u001a");
        var alt = Crlf("7001,1,\"aka\",\"EXOIL\",-0- ");
        var comments = Crlf("7001,\"Tax ID No. 7700000001 (Russia).\"");
        var input = ListInput.FromBytes("cons_prim.csv", primary, new Dictionary<string, byte[]>
        {
            ["cons_alt.csv"] = alt, ["cons_comments.csv"] = comments, ["alt.csv"] = Crlf("7001,2,\"aka\",\"WRONG FILE\",-0- "),
        });

        var (entities, context) = await ReadAll(_reader, input);

        context.Dataset!.Name.ShouldBe("us_ofac_cons");
        var entity = entities.ShouldHaveSingleItem();
        entity.Id.ShouldBe("us_ofac_cons-7001");
        entity.Get("alias").ShouldBe(["EXOIL"]);
        entity.Get("taxNumber").ShouldBe(["7700000001"]);
    }

    [Fact]
    public async Task Orphan_companion_rows_are_counted_in_one_warning()
    {
        var primary = Crlf("1,\"ONE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ");
        var input = ListInput.FromBytes("sdn.csv", primary, new Dictionary<string, byte[]>
        {
            ["add.csv"] = Crlf("1,10,-0- ,\"Paris\",\"France\",-0- ", "2,11,-0- ,\"Rome\",\"Italy\",-0- ", "2,12,-0- ,\"Milan\",\"Italy\",-0- ", "3,13,-0- ,-0- ,\"Spain\",-0- "),
            ["alt.csv"] = Crlf("4,20,\"aka\",\"FOUR\",-0- "),
        });

        var (entities, context) = await ReadAll(_reader, input);

        entities.ShouldHaveSingleItem().Get("address").ShouldBe(["Paris, France"]);
        var warning = context.Warnings.ShouldHaveSingleItem();
        warning.ShouldContain("add.csv: 3 rows for 2 ent_nums");
        warning.ShouldContain("alt.csv: 1 rows for 1 ent_nums");
    }

    [Fact]
    public async Task Tolerates_latin1_bytes_and_a_missing_ctrl_z()
    {
        var line = "5,\"CAF\u00c9 EXAMPLE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ";
        var primary = Encoding.Latin1.GetBytes(line);

        var (entities, _) = await ReadAll(_reader, ListInput.FromBytes("sdn.csv", primary));

        entities.ShouldHaveSingleItem().Get("name").ShouldBe(["CAF\u00c9 EXAMPLE"]);
    }

    [Fact]
    public async Task Wrong_field_count_names_file_and_line()
    {
        var primary = Crlf(
            "1,\"ONE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ",
            "2,\"TWO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ");

        var error = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.csv", primary)));

        error.File.ShouldBe("sdn.csv");
        error.Line.ShouldBe(2);
        error.Reason.ShouldContain("expected 12 fields, found 11");
    }

    [Fact]
    public async Task Wrong_field_count_in_a_companion_names_the_companion()
    {
        var primary = Crlf("1,\"ONE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ");
        var input = ListInput.FromBytes("sdn.csv", primary, new Dictionary<string, byte[]> { ["alt.csv"] = Crlf("1,20,\"aka\",\"X\",-0- ", "1,21,\"aka\"") });

        var error = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, input));

        error.File.ShouldBe("alt.csv");
        error.Line.ShouldBe(2);
    }

    [Fact]
    public async Task Unterminated_quote_names_the_line_it_starts_on()
    {
        var primary = Crlf(
            "1,\"ONE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ",
            "2,\"TWO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"remarks that never end");

        var error = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.csv", primary)));

        error.Line.ShouldBe(2);
        error.Reason.ShouldContain("unterminated");
    }

    [Fact]
    public async Task Invalid_birth_date_names_the_field_and_line()
    {
        var primary = Crlf(
            "1,\"ONE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ",
            "2,\"DOE, John\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 31 Feb 1980; nationality Iran.\"");

        var error = await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.csv", primary)));

        error.Line.ShouldBe(2);
        error.Reason.ShouldContain("DOB '31 Feb 1980' is not a date");
    }

    [Fact]
    public async Task Unknown_sdn_type_and_empty_file_are_refused()
    {
        var badType = Crlf("1,\"ONE\",\"spaceship\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ");

        (await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.csv", badType)))).Line.ShouldBe(1);
        (await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.csv", [])))).Reason.ShouldBe("empty file");
        (await Should.ThrowAsync<InputException>(() => ReadAll(_reader, ListInput.FromBytes("sdn.csv", [0x1A])))).Reason.ShouldBe("no records");
    }

    [Fact]
    public void Sniff_accepts_primary_files_and_rejects_companions_and_other_formats()
    {
        _reader.Sniff(Head(Fixture("csv", "sdn.csv"))).ShouldBeTrue();
        _reader.Sniff(Head(Fixture("csv", "add.csv"))).ShouldBeFalse();
        _reader.Sniff(Head(Fixture("csv", "alt.csv"))).ShouldBeFalse();
        _reader.Sniff(Head(Fixture("csv", "sdn_comments.csv"))).ShouldBeFalse();
        _reader.Sniff(Head(Fixture("xml", "sdn.xml"))).ShouldBeFalse();
        _reader.Sniff(Head(Fixture("xml", "enhanced.xml"))).ShouldBeFalse();
        _reader.Sniff("{\"id\": \"x\", \"schema\": \"Person\"}"u8).ShouldBeFalse();
        _reader.Sniff("indicator,type\nexample.com,domain\n"u8).ShouldBeFalse();
        _reader.Sniff("just some words\n"u8).ShouldBeFalse();
        _reader.Sniff([]).ShouldBeFalse();
    }

    [Fact]
    public void SniffCompanion_recognises_add_alt_and_comments_only()
    {
        OfacSdnCsvReader.SniffCompanion(Head(Fixture("csv", "add.csv"))).ShouldBeTrue();
        OfacSdnCsvReader.SniffCompanion(Head(Fixture("csv", "alt.csv"))).ShouldBeTrue();
        OfacSdnCsvReader.SniffCompanion(Head(Fixture("csv", "sdn_comments.csv"))).ShouldBeTrue();
        OfacSdnCsvReader.SniffCompanion(Head(Fixture("csv", "sdn.csv"))).ShouldBeFalse();
        OfacSdnCsvReader.SniffCompanion(Head(Fixture("xml", "sdn.xml"))).ShouldBeFalse();
        OfacSdnCsvReader.SniffCompanion("indicator,type\nexample.com,domain\n"u8).ShouldBeFalse();
    }

    [Fact]
    public async Task Sdn_csv_with_newer_companions_RealFile()
    {
        var path = SharedData.Path("sanctions/us_ofac/sdn.csv");
        var expected = ExpectedFromRawFiles(path, "add.csv", "alt.csv", "sdn_comments.csv");

        var (entities, context) = await ReadAll(_reader, ListInput.FromFile(path));

        entities.Count.ShouldBe(expected.Entities);
        entities.Sum(e => e.NameCount).ShouldBe(expected.Names);
        context.Dataset!.Name.ShouldBe("us_ofac_sdn");
        var warning = context.Warnings.ShouldHaveSingleItem();
        warning.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"add.csv: {expected.OrphanAddRows:N0} rows for {expected.OrphanAddEntNums:N0} ent_nums"));
        expected.OrphanAddEntNums.ShouldBe(2111); // as documented in shared/data/README.md
        warning.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"alt.csv: {expected.OrphanAltRows:N0} rows for {expected.OrphanAltEntNums:N0} ent_nums"));

        var dprkWallets = entities.Where(e => e.Get("program").Any(p => p.StartsWith("DPRK", StringComparison.Ordinal))).Sum(e => e.Get("cryptoWallet").Count);
        dprkWallets.ShouldBe(expected.DprkWallets);

        var silverstar = entities.ById("us_ofac_sdn-24977");
        silverstar.Schema.ShouldBe(Schemas.Organization);
        silverstar.Get("name").ShouldBe(["YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."]);
        silverstar.Get("alias").ShouldContain("CHINA SILVER STAR INTERNET TECHNOLOGY COMPANY");
        silverstar.Get("alias").ShouldContain("YANJI SILVER STAR NETWORK TECHNOLOGY CO. LTD.");
        silverstar.Get("program").ShouldBe(["DPRK3", "DPRK4"]);
        silverstar.Get("registrationNumber").ShouldBe(["91222401MA0Y31E659"]);
        silverstar.Get("country").ShouldBe(["cn"]);
        silverstar.Get("address").ShouldContain("20998B-26 Changbaishan East Road, Yanji, Jilin, China");

        var kim = entities.ById("us_ofac_sdn-43377");
        kim.Schema.ShouldBe(Schemas.Person);
        kim.Get("lastName").ShouldBe(["KIM"]);
        kim.Get("birthDate").ShouldBe(["1965-04-25"]);
        kim.Get("nationality").ShouldBe(["kp"]);
        kim.Get("gender").ShouldBe(["male"]);
        kim.Get("passportNumber").ShouldBe(["109420132", "827220538", "563220082"]);
        kim.Get("cryptoWallet").ShouldBe([
            "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "1FCNgfZWpYMeYhy9t18AAkTBu8AsdoAc1Z",
            "0x97b1043abd9e6fc31681635166d430a458d14f9c", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40",
        ]);
        kim.Get("alias").ShouldBe(["KIM, Sangman"]);

        var sim = entities.ById("us_ofac_sdn-42498");
        sim.Get("program").ShouldBe(["NPWMD"]);
        sim.Get("birthDate").ShouldBe(["1983-11-25"]);
        sim.Get("cryptoWallet").ShouldBe(["0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c"]);
        sim.Get("notes").ShouldContain("Linked To: KOREA KWANGSON BANKING CORP");
    }

    [Fact]
    public async Task Legacy_2021_consistent_set_RealFile()
    {
        var path = SharedData.Path("sanctions/us_ofac/legacy_csv_2021/sdn.csv");
        var expected = ExpectedFromRawFiles(path, "add.csv", "alt.csv", "sdn_comments.csv");

        var (entities, context) = await ReadAll(_reader, ListInput.FromFile(path));

        entities.Count.ShouldBe(expected.Entities);
        entities.Sum(e => e.NameCount).ShouldBe(expected.Names);
        expected.OrphanAddEntNums.ShouldBe(0);
        context.Warnings.ShouldBeEmpty();
        entities.ById("us_ofac_sdn-24977").Get("alias").ShouldContain("YANBIAN SILVER STAR");
    }

    [Fact]
    public async Task Consolidated_non_sdn_RealFile()
    {
        var path = SharedData.Path("sanctions/us_ofac/consolidated_non_sdn/cons_prim.csv");
        var expected = ExpectedFromRawFiles(path, "cons_add.csv", "cons_alt.csv", "cons_comments.csv");

        var (entities, context) = await ReadAll(_reader, ListInput.FromFile(path));

        context.Dataset!.Name.ShouldBe("us_ofac_cons");
        entities.Count.ShouldBe(expected.Entities);
        entities.Sum(e => e.NameCount).ShouldBe(expected.Names);
        entities.ShouldAllBe(e => e.Id.StartsWith("us_ofac_cons-", StringComparison.Ordinal));
        entities.Count(e => e.Has("address")).ShouldBeGreaterThan(0);
    }

    private sealed record Expected(int Entities, int Names, int OrphanAddRows, int OrphanAddEntNums, int OrphanAltRows, int OrphanAltEntNums, int DprkWallets);

    /// <summary>Counts computed straight from the raw files with the framework's own CSV parser (TextFieldParser),
    /// independently of the reader.</summary>
    private static Expected ExpectedFromRawFiles(string primaryPath, string addName, string altName, string commentsName)
    {
        var folder = Path.GetDirectoryName(primaryPath)!;
        var primary = ParseRaw(primaryPath);
        var adds = ParseRaw(Path.Combine(folder, addName));
        var alts = ParseRaw(Path.Combine(folder, altName));
        var comments = ParseRaw(Path.Combine(folder, commentsName)).ToLookup(r => r[0], r => r[1]);
        var altNames = alts.ToLookup(r => r[0], r => r[3]);
        var entNums = primary.Select(r => r[0]).ToHashSet();

        var names = 0;
        var dprkWallets = 0;
        foreach (var row in primary)
        {
            var remarks = (Null(row[11]) ? "" : row[11]) + string.Concat(comments[row[0]]);
            var all = new HashSet<string>(StringComparer.Ordinal) { Collapse(row[1]) };
            foreach (var alt in altNames[row[0]])
            {
                all.Add(Collapse(alt));
            }
            var wallets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in remarks.Split(';'))
            {
                var item = part.Trim();
                if (item.StartsWith("alt. ", StringComparison.Ordinal))
                {
                    item = item[5..];
                }
                if (item.StartsWith("a.k.a. ", StringComparison.Ordinal) || item.StartsWith("f.k.a. ", StringComparison.Ordinal) || item.StartsWith("n.k.a. ", StringComparison.Ordinal))
                {
                    var first = item.IndexOf('\'', StringComparison.Ordinal);
                    var last = item.LastIndexOf('\'');
                    all.Add(Collapse(last > first ? item[(first + 1)..last] : item[(first + 1)..]));
                }
                var words = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (item.StartsWith("Digital Currency Address - ", StringComparison.Ordinal) && words.Length > 5)
                {
                    wallets.Add(words[5].TrimEnd('.'));
                }
            }
            names += all.Count(n => n.Length > 0);
            if (row[3].Contains("DPRK", StringComparison.Ordinal))
            {
                dprkWallets += wallets.Count;
            }
        }
        var orphanAdds = adds.Where(r => !entNums.Contains(r[0])).ToList();
        var orphanAlts = alts.Where(r => !entNums.Contains(r[0])).ToList();
        return new Expected(primary.Count, names, orphanAdds.Count, orphanAdds.Select(r => r[0]).Distinct().Count(),
            orphanAlts.Count, orphanAlts.Select(r => r[0]).Distinct().Count(), dprkWallets);
    }

    private static List<string[]> ParseRaw(string path)
    {
        using var parser = new TextFieldParser(path, Encoding.UTF8) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = true };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields();
            if (fields is { Length: > 1 })
            {
                rows.Add(fields);
            }
        }
        return rows;
    }

    private static bool Null(string value) => value.Trim() is "" or "-0-";

    private static string Collapse(string value) => string.Join(' ', value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
