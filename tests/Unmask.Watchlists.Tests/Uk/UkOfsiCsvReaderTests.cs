using System.Text;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Tests.Un;
using Unmask.Watchlists.Uk;

namespace Unmask.Watchlists.Tests.Uk;

public sealed class UkOfsiCsvReaderTests
{
    internal static readonly string OldLayout = RepoPaths.Fixture("lists", "uk", "sanctionsconlist_fictional.csv");
    internal static readonly string NewLayout = RepoPaths.Fixture("lists", "uk", "ConList_fictional.csv");
    private readonly UkOfsiCsvReader _reader = new();

    [Fact]
    public async Task Old_29_column_layout_folds_spread_rows_into_one_target_per_group()
    {
        var (entities, context) = await ListReading.ReadFileAsync(_reader, OldLayout);

        context.Dataset.ShouldBe(new Dataset("gb_hmt_sanctions", "UK OFSI Consolidated List of Financial Sanctions Targets",
            "HM Treasury OFSI", new DateOnly(2030, 6, 1), DatasetKind.Sanctions));
        entities.Select(e => e.Id).ShouldBe(["gb_hmt_sanctions-90001", "gb_hmt_sanctions-90002"]);

        var kang = entities.ById("gb_hmt_sanctions-90001");
        kang.Schema.ShouldBe(Schemas.Person);
        kang.Get("name").ShouldBe(["Myong Su KANG"]); // " KANG": leading space in Name 6 trimmed
        kang.Get("firstName").ShouldBe(["Myong"]);
        kang.Get("lastName").ShouldBe(["KANG"]);
        kang.Get("alias").ShouldBe(["Myong-Su GANG"]);
        kang.Get("birthDate").ShouldBe(["1980", "1981-07-15"]); // 00/00/1980 = year only
        kang.Get("birthPlace").ShouldBe(["Hamhung, North Korea"]);
        kang.Get("nationality").ShouldBe(["kp"]);
        kang.Get("notes").ShouldContain("Nationality: Chinese"); // a demonym is no country code
        kang.Get("passportNumber").ShouldBe(["745100222"]);
        kang.Get("idNumber").ShouldBe(["5550001112"]);
        kang.Get("position").ShouldBe(["Representative of a fictional trading office"]);
        kang.Get("title").ShouldBe(["Mr"]);
        kang.Get("address").ShouldBe(["Dandong, China"]);
        kang.Get("programId").ShouldBe(["KPi.990"]);
        kang.Get("program").ShouldBe(["North Korea (Democratic People's Republic of Korea)"]);
        kang.Get("notes").ShouldContain("UN Ref KPi.990. Fictional ’test’ target."); // 0x92 decoded as Windows-1252
        kang.Get("createdAt").ShouldBe(["2029-03-12"]);
        kang.Get("modifiedAt").ShouldBe(["2030-04-20"]);

        var company = entities.ById("gb_hmt_sanctions-90002");
        company.Schema.ShouldBe(Schemas.Organization);
        company.Get("name").ShouldBe(["EXAMPLE SOFT LLC"]);
        company.Get("previousName").ShouldBe(["EXSOFT TRADING"]);
        company.Get("address").ShouldBe(["Room 5, 1 Example Road, Shenyang, 110000, China", "Shenyang, China"]);
        company.Get("programId").ShouldBe(["KPe.990"]);
    }

    [Fact]
    public async Task New_36_column_layout_maps_quality_non_latin_names_tags_and_ships()
    {
        var (entities, context) = await ListReading.ReadFileAsync(_reader, NewLayout);

        AssertNewLayout(entities);
        context.Dataset!.PublishedOn.ShouldBe(new DateOnly(2030, 6, 1));
        context.Warnings.ShouldBeEmpty();
    }

    internal static void AssertNewLayout(List<Entity> entities)
    {
        entities.Select(e => e.Id).ShouldBe(["gb_hmt_sanctions-95001", "gb_hmt_sanctions-95002", "gb_hmt_sanctions-95003"]);
        var ryu = entities[0];
        ryu.Schema.ShouldBe(Schemas.Person);
        ryu.Get("name").ShouldBe(["Sol Mi RYU"]);
        ryu.Get("alias").ShouldBe(["류솔미", "Sol-mi RYU", "Sol Mi RIU"]);
        ryu.Get("weakAlias").ShouldBe(["Sollie RYU"]);
        ryu.NameCount.ShouldBe(5);
        ryu.Get("birthDate").ShouldBe(["1983-07", "1984", "1985-03"]);
        ryu.Get("nationality").ShouldBe(["kp"]);
        ryu.Get("notes").ShouldContain("Nationality: Atlantis");
        ryu.Get("passportNumber").ShouldBe(["836000111", "927000222"]);
        ryu.Get("idNumber").ShouldBe(["K-1234567"]);
        ryu.Get("programId").ShouldBe(["DPR9901", "KPi.991"]);
        ryu.Get("gender").ShouldBe(["female"]);
        ryu.Get("email").ShouldBe(["solmi@example.test", "ryu.sm@example.org"]);
        ryu.Get("phone").ShouldBe(["+70000000001"]);
        ryu.Get("address").ShouldBe(["Room 7, Vladivostok, Russia"]);
        ryu.Get("country").ShouldBe(["ru"]);
        ryu.Get("createdAt").ShouldBe(["2029-03-02"]);

        var shipping = entities[1];
        shipping.Schema.ShouldBe(Schemas.Organization);
        shipping.Get("previousName").ShouldBe(["KOREA SAMPLE SHIPPING"]);
        shipping.Get("website").ShouldBe(["www.example-shipping.test"]);
        shipping.Get("registrationNumber").ShouldBe(["55-0001"]);
        shipping.Get("legalForm").ShouldBe(["State-owned"]);

        var ship = entities[2];
        ship.Schema.ShouldBe(Schemas.Vessel);
        ship.Get("imoNumber").ShouldBe(["9990001"]);
        ship.Get("flag").ShouldBe(["kp"]);
        ship.Get("pastFlags").ShouldBe(["pa"]);
        ship.Get("type").ShouldBe(["Oil tanker"]);
        ship.Get("tonnage").ShouldBe(["1500"]);
        ship.Get("buildDate").ShouldBe(["1990"]);
        ship.Get("programId").ShouldBe(["DPR9903"]);
    }

    [Fact]
    public async Task A_row_with_the_wrong_field_count_is_bad_input_with_its_line()
    {
        var lines = File.ReadAllLines(NewLayout).ToList();
        lines[4] += ",extra";

        var error = await ListReading.FailsAsync(_reader, "ConList.csv", string.Join('\n', lines));

        error.Line.ShouldBe(5);
        error.Reason.ShouldBe("expected 36 fields, found 37");
    }

    [Fact]
    public async Task An_impossible_listing_date_is_bad_input_but_an_impossible_birth_day_is_kept_to_the_month()
    {
        var text = File.ReadAllText(NewLayout);

        var error = await ListReading.FailsAsync(_reader, "ConList.csv", text.Replace(",02/03/2029,01/03/2029,15/05/2030,95001", ",31/02/2029,01/03/2029,15/05/2030,95001", StringComparison.Ordinal));
        error.Reason.ShouldContain("column 'Listed On' is '31/02/2029'");
        error.Line.ShouldBe(3);

        var (entities, context) = await ListReading.ReadTextAsync(_reader, "ConList.csv", text.Replace("00/07/1983", "29/02/1983", StringComparison.Ordinal));
        entities[0].Get("birthDate").ShouldContain("1983-02");
        context.Warnings.ShouldHaveSingleItem().ShouldContain("2 DOB value(s)"); // two rows of the group carry it

        (await ListReading.FailsAsync(_reader, "ConList.csv", text.Replace("00/07/1983", "1983-07-00", StringComparison.Ordinal))).Reason.ShouldContain("'DOB'");
    }

    [Fact]
    public async Task Empty_files_unclosed_quotes_and_foreign_headers_are_bad_input()
    {
        (await ListReading.FailsAsync(_reader, "empty.csv", "")).Reason.ShouldBe("empty file");
        (await ListReading.FailsAsync(_reader, "q.csv", File.ReadAllText(NewLayout) + "\"open quote,")).Reason.ShouldContain("not closed");
        (await ListReading.FailsAsync(_reader, "x.csv", "Last Updated,01/01/2030\nname,dob\nx,y\n")).Reason.ShouldContain("'Name 6'");
        (await Should.ThrowAsync<InputException>(() => ListReading.ReadBytesAsync(_reader, "utf16.csv", Encoding.Unicode.GetBytes(File.ReadAllText(NewLayout)))))
            .Reason.ShouldContain("NUL byte");
    }

    [Fact]
    public void Sniff_accepts_OFSI_csv_files_and_rejects_others()
    {
        ListReading.Sniffs(_reader, OldLayout).ShouldBeTrue();
        ListReading.Sniffs(_reader, NewLayout).ShouldBeTrue();
        ListReading.Sniffs(_reader, SharedData.Path("sanctions/uk/hmt_2014-04-02/sanctionsconlist.csv")).ShouldBeTrue();
        ListReading.Sniffs(_reader, SharedData.Path("sanctions/uk/ofsi_2018-04-13/sanctionsconlist.csv")).ShouldBeTrue();
        ListReading.Sniffs(_reader, SharedData.Path("sanctions/uk/ofsi_2025-04-14/ConList.xlsx")).ShouldBeFalse();
        ListReading.Sniffs(_reader, SharedData.Path("sanctions/us_ofac/sdn.csv")).ShouldBeFalse();
        ListReading.Sniffs(_reader, RepoPaths.Fixture("lists", "un", "consolidated_fictional.xml")).ShouldBeFalse();
        ListReading.SniffsText(_reader, "fileGenerationDate;Entity_LogicalId;NameAlias_WholeName\n").ShouldBeFalse();
        ListReading.SniffsText(_reader, "{\"schema\": \"Person\"}").ShouldBeFalse();
    }
}
