using Microsoft.Data.Sqlite;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>A store holding the real OFAC, UN and IOC lists plus the demo's sites, vetting and a decided case, built once
/// for the tests of <see cref="ExportRealListsTests"/>.</summary>
public sealed class RealListsStore : IAsyncLifetime
{
    public TempFolder Folder { get; } = new();

    public string Db => Folder.File("real.db");

    public async ValueTask InitializeAsync()
    {
        (await CliProcess.RunAsync(Folder.Path, "demo", "--db", Db)).ExitCode.ShouldBe(0);
        var import = await CliProcess.RunAsync(Folder.Path, "lists", "import", SharedData.Path("sanctions/us_ofac"), SharedData.Path("sanctions/un"),
            SharedData.Path("ioc"), "--db", Db);
        import.ExitCode.ShouldBe(0, import.Stderr);
        (await CliProcess.RunAsync(Folder.Path, "case", "open", "vendor:V-2", "--by", "analyst-1", "--db", Db)).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(Folder.Path, "case", "decide", "case-1", "--decision", "escalated", "--reason", "shares a phone with a copied front site",
            "--by", "analyst-1", "--db", Db)).ExitCode.ShouldBe(0);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The issue 14 targets on the real lists: 0 schema and range errors in STIX and FtM, round trips that keep the
/// entities, names, identifiers, datasets and relationships (counts in the test output), no applicant, vendor or reference
/// firm screened as a list hit after a round trip, and byte-identical re-exports.</summary>
public sealed class ExportRealListsTests(RealListsStore store, ITestOutputHelper output) : IClassFixture<RealListsStore>
{
    private string Folder => store.Folder.Path;

    [Theory]
    [InlineData("stix")]
    [InlineData("ftm")]
    public Task Exports_of_the_real_lists_have_no_schema_or_range_errors_RealFile(string format) =>
        // Every FtM entity; up to 3,000 STIX objects of each type with what they refer to (all 190,000: bench 'exports').
        ExportTargets.ShouldMeetTheSpecificationAsync(Folder, store.Db, format, null, output, stixPerType: 3000);

    [Theory]
    [InlineData("ftm")]
    [InlineData("stix")]
    public Task A_round_trip_of_the_real_lists_keeps_what_was_exported_and_makes_no_new_list_hit_RealFile(string format) =>
        ExportTargets.ShouldRoundTripAsync(Folder, store.Db, format, output);

    [Theory]
    [InlineData("stix")]
    [InlineData("ftm")]
    public Task Re_exporting_the_unchanged_real_store_gives_identical_bytes_RealFile(string format) =>
        ExportTargets.ShouldRepeatByteForByteAsync(Folder, store.Db, format, null);
}
