using System.Text.Json;
using System.Text.RegularExpressions;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>Every published list and IOC file in ../shared/data imports through the CLI in one command, and <c>lists show</c>
/// agrees with counts taken straight from the raw files (each reader's own *_RealFile tests check every field in detail).</summary>
public sealed partial class RealListsImportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task All_published_lists_import_and_lists_show_agrees_with_the_files_RealFile()
    {
        var db = _folder.File("all.db");
        var import = await CliProcess.RunAsync(_folder.Path, "lists", "import", SharedData.Path("sanctions"), SharedData.Path("ioc"), "--db", db, "--format", "json");
        import.ExitCode.ShouldBe(0, import.Stderr);

        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", db, "--format", "json");
        var rows = JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("dataset").GetString()!);

        var un = await File.ReadAllTextAsync(SharedData.Path("sanctions/un/consolidated.xml"));
        rows["un_sc_sanctions"].GetProperty("entities").GetInt64().ShouldBe(Individual().Count(un) + Entity().Count(un));
        rows["un_sc_sanctions"].GetProperty("published").GetString().ShouldBe("2026-02-27");

        // The newest file of a dataset wins: the 2024 sdn.csv (more entries) over the 2021 set; ConList.xlsx (2025) over the UK CSVs.
        var sdnLines = File.ReadLines(SharedData.Path("sanctions/us_ofac/sdn.csv")).Count(l => l.Length > 0 && char.IsAsciiDigit(l[0]));
        var legacyLines = File.ReadLines(SharedData.Path("sanctions/us_ofac/legacy_csv_2021/sdn.csv")).Count(l => l.Length > 0 && char.IsAsciiDigit(l[0]));
        // OpenSanctions' FtM excerpt (yente_zala) names us_ofac_sdn too: its entities are a part of their own beside the list.
        var sdnList = rows["us_ofac_sdn"].GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("part").GetString() == "list");
        sdnList.GetProperty("entities").GetInt64().ShouldBeOneOf(sdnLines, legacyLines);
        rows["gb_hmt_sanctions"].GetProperty("published").GetString().ShouldBe("2025-04-14");

        var astrill = File.ReadLines(SharedData.Path("ioc/astrill_vpn/spur_astrill_2024.txt")).Count(l => l.Trim().Length > 0);
        rows["ioc_spur_astrill_2024"].GetProperty("entities").GetInt64().ShouldBe(astrill);

        var wallets = Directory.EnumerateFiles(SharedData.Path("sanctions/us_ofac/digital_currency_addresses"), "*.txt")
            .Sum(f => File.ReadLines(f).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().Count());
        rows["us_ofac_wallets"].GetProperty("entities").GetInt64().ShouldBe(wallets);
    }

    [GeneratedRegex("<INDIVIDUAL>")]
    private static partial Regex Individual();

    [GeneratedRegex("<ENTITY>")]
    private static partial Regex Entity();

    public void Dispose() => _folder.Dispose();
}
