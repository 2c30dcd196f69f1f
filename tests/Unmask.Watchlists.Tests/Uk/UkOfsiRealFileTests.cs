using Unmask.TestKit;
using Unmask.Watchlists.Tests.Un;
using Unmask.Watchlists.Uk;

namespace Unmask.Watchlists.Tests.Uk;

public sealed class UkOfsiRealFileTests
{
    [Fact]
    public async Task ConList2025_RealFile_matches_independent_counts_and_maps_DPRK_targets()
    {
        var path = SharedData.Path("sanctions/uk/ofsi_2025-04-14/ConList.xlsx");
        var raw = UkRawRows.Xlsx(path);

        var (entities, context) = await ListReading.ReadFileAsync(new UkOfsiXlsxReader(), path);

        entities.Count.ShouldBe(raw.Select(r => r["Group ID"]).Distinct().Count());
        entities.Count(e => e.Schema.Name == "Vessel").ShouldBe(raw.Where(r => r["Group Type"] == "Ship").Select(r => r["Group ID"]).Distinct().Count());
        entities.Sum(e => e.NameCount).ShouldBe(UkRawRows.NameCount(raw));
        context.Dataset!.Name.ShouldBe("gb_hmt_sanctions");
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(2025, 4, 14));
        context.Warnings.ShouldBeEmpty();

        var academy = entities.ById("gb_hmt_sanctions-12871");
        academy.Schema.Name.ShouldBe("Organization");
        academy.First("name").ShouldBe("SECOND ACADEMY OF NATURAL SCIENCES");
        academy.Get("alias").ShouldContain("2ND ACADEMY OF NATURAL SCIENCES");
        academy.Get("programId").ShouldBe(["DPR0189", "KPe.018"], ignoreOrder: true);
        academy.Get("program").ShouldBe(["Democratic People's Republic of Korea"]);
        academy.Get("country").ShouldBe(["kp"]);
        academy.Get("createdAt").ShouldBe(["2013-04-23"]);
        academy.Get("modifiedAt").ShouldBe(["2020-12-31"]);

        var so = entities.ById("gb_hmt_sanctions-11039");
        so.Schema.Name.ShouldBe("Person");
        so.Get("alias").ShouldContain("Sang Kuk SO");
        so.Get("birthDate").ShouldBe(["1932", "1933", "1934", "1935", "1936", "1937", "1938"], ignoreOrder: true);

        var ship = entities.ById("gb_hmt_sanctions-13651");
        ship.Schema.Name.ShouldBe("Vessel");
        ship.Get("imoNumber").ShouldBe(["7408873"]);
        ship.Get("flag").ShouldBe(["kp"]);
        ship.Get("buildDate").ShouldBe(["1975"]);

        var dprkGroups = raw.Where(r => r["Regime"] == "Democratic People's Republic of Korea").Select(r => r["Group ID"]).Distinct().Count();
        entities.Count(e => e.Get("program").Contains("Democratic People's Republic of Korea")).ShouldBe(dprkGroups);
    }

    [Fact]
    public async Task Sanctionsconlist2018_RealFile_matches_independent_counts_and_maps_DPRK_targets()
    {
        var path = SharedData.Path("sanctions/uk/ofsi_2018-04-13/sanctionsconlist.csv");
        var raw = UkRawRows.Csv(path);

        var (entities, context) = await ListReading.ReadFileAsync(new UkOfsiCsvReader(), path);

        entities.Count.ShouldBe(raw.Select(r => r["Group ID"]).Distinct().Count());
        entities.Count(e => e.Schema.Name == "Person").ShouldBe(raw.Where(r => r["Group Type"] == "Individual").Select(r => r["Group ID"]).Distinct().Count());
        entities.Sum(e => e.NameCount).ShouldBe(UkRawRows.NameCount(raw));
        context.Dataset!.PublishedOn.ShouldBe(new DateOnly(2018, 4, 13));

        var chang = entities.ById("gb_hmt_sanctions-12844");
        chang.First("name").ShouldBe("Myong-Chin CHANG");
        chang.Get("alias").ShouldContain("Myong-Jin JANG");
        chang.Get("birthDate").ShouldBe(["1968-02-19", "1965", "1966"], ignoreOrder: true);
        chang.Get("programId").ShouldBe(["KPi.007"]);
        entities.ById("gb_hmt_sanctions-12871").Get("programId").ShouldBe(["KPe.018"]);
    }

    [Fact]
    public async Task Sanctionsconlist2014_RealFile_matches_independent_counts_and_maps_DPRK_targets()
    {
        var path = SharedData.Path("sanctions/uk/hmt_2014-04-02/sanctionsconlist.csv");
        var raw = UkRawRows.Csv(path);

        var (entities, context) = await ListReading.ReadFileAsync(new UkOfsiCsvReader(), path);

        entities.Count.ShouldBe(raw.Select(r => r["Group ID"]).Distinct().Count());
        entities.Sum(e => e.NameCount).ShouldBe(UkRawRows.NameCount(raw));
        context.Dataset!.PublishedOn.ShouldBe(new DateOnly(2014, 4, 2));
        context.Warnings.ShouldContain(w => w.Contains("does not exist", StringComparison.Ordinal)); // the file lists 29/02/1969

        var academy = entities.ById("gb_hmt_sanctions-12871");
        academy.First("name").ShouldBe("SECOND ACADEMY OF NATURAL SCIENCES");
        academy.Get("alias").ShouldContain("2ND ACADEMY OF NATURAL SCIENCES");
        academy.Get("program").ShouldBe(["North Korea (Democratic People's Republic of Korea)"]);
        academy.Get("notes").ShouldContain(n => n.Contains("DPRK’s advanced weapons", StringComparison.Ordinal));

        var chu = entities.ById("gb_hmt_sanctions-11029");
        chu.First("name").ShouldBe("Chu KYU-CHANG");
        chu.Get("alias").ShouldContain("Ju KYU-CHANG");
        chu.Get("birthDate").ShouldContain("1928");
        chu.Get("birthDate").ShouldContain("1933");
    }
}
