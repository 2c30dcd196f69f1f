using System.Text.Json;
using Microsoft.Data.Sqlite;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>The demo store with case-1 opened on vendor V-2 and escalated with a reason full of characters HTML and JSON
/// must escape; built once for <see cref="ExportCommandTests"/> (exports only add audit entries and STIX object times).</summary>
public sealed class DemoCaseStore : ExportStore
{
    public const string Reason = "shares a phone <b>+1 302</b> & a bank account with a copied \"front\" site";

    public override string Db => Folder.File("demo.db");

    public override async ValueTask InitializeAsync()
    {
        (await CliProcess.RunAsync(Folder.Path, "demo", "--db", Db)).ExitCode.ShouldBe(0);
        var open = await CliProcess.RunAsync(Folder.Path, "case", "open", "vendor:V-2", "--by", "analyst-1", "--db", Db, "--format", "json");
        open.ExitCode.ShouldBe(0, open.Stderr);
        JsonDocument.Parse(open.Stdout).RootElement.GetProperty("id").GetString().ShouldBe("case-1");
        var decide = await CliProcess.RunAsync(Folder.Path, "case", "decide", "case-1", "--decision", "escalated", "--reason", Reason, "--by", "analyst-1", "--db", Db);
        decide.ExitCode.ShouldBe(0, decide.Stderr);
    }
}

/// <summary><c>unmask export</c> on the demo store with a decided case: the exports meet the STIX 2.1 and FtM
/// specifications, carry the case, survive a round trip through <c>lists import</c> without turning applicants or vendors
/// into list hits, and repeat byte for byte.</summary>
public sealed class ExportCommandTests(DemoCaseStore store, ITestOutputHelper output) : IClassFixture<DemoCaseStore>
{
    private const string Reason = DemoCaseStore.Reason;

    private string Folder => store.Folder.Path;

    private string Db => store.Db;

    [Theory]
    [InlineData("stix", null)]
    [InlineData("stix", "case-1")]
    [InlineData("ftm", null)]
    [InlineData("ftm", "case-1")]
    public Task Exports_of_the_graph_and_of_a_case_have_no_schema_or_range_errors(string format, string? caseId) =>
        ExportTargets.ShouldMeetTheSpecificationAsync(Folder, Db, format, caseId, output);

    [Fact]
    public async Task The_html_report_of_a_case_shows_its_decision_findings_and_audit_trail_escaped()
    {
        var html = await File.ReadAllTextAsync(await ExportTargets.ExportAsync(Folder, Db, "html", "case-1.html", "case-1"));
        html.ShouldContain("<h2>Case case-1: vendor:V-2</h2>");
        html.ShouldContain("<td>escalated</td><td>analyst-1</td>");
        html.ShouldContain("shares a phone &lt;b&gt;+1 302&lt;/b&gt; &amp; a bank account with a copied &quot;front&quot; site");
        html.ShouldNotContain("<b>+1 302</b>");
        html.ShouldContain("<td>vendor:V-2</td><td>SITE_COPIED</td><td>high</td>");
        html.ShouldContain("<td>case.open</td>");
        html.ShouldContain("<td>case.decide</td>");
        // Sources name the publisher of the list, not only the dataset.
        html.ShouldContain("<td>sample_ioc_astrill_exits_sample (Spur (spur.us))</td>");
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldContain("overflow-wrap:anywhere");
    }

    [Fact]
    public async Task Stix_and_ftm_exports_of_a_case_carry_its_decision_and_findings()
    {
        foreach (var format in new[] { "stix", "ftm" })
        {
            var text = await File.ReadAllTextAsync(await ExportTargets.ExportAsync(Folder, Db, format, $"case-1.{format}", "case-1"));
            var strings = format == "stix"
                ? Strings(JsonDocument.Parse(text).RootElement).ToList()
                : text.Split('\n').Where(l => l.Length > 0).SelectMany(l => Strings(JsonDocument.Parse(l).RootElement)).ToList();
            strings.ShouldContain(s => s.Contains(Reason, StringComparison.Ordinal), $"{format}: the decision's reason");
            strings.ShouldContain(s => s.Contains("analyst-1", StringComparison.Ordinal), $"{format}: the analyst");
            strings.ShouldContain(s => s.Contains("SITE_COPIED", StringComparison.Ordinal), $"{format}: the findings");
        }
    }

    [Theory]
    [InlineData("stix", null)]
    [InlineData("stix", "case-1")]
    [InlineData("ftm", null)]
    [InlineData("ftm", "case-1")]
    [InlineData("html", "case-1")]
    public Task Re_exporting_an_unchanged_store_gives_identical_bytes(string format, string? caseId) =>
        ExportTargets.ShouldRepeatByteForByteAsync(Folder, Db, format, caseId);

    [Fact]
    public async Task A_stix_export_keeps_the_object_times_in_the_store()
    {
        await ExportTargets.ExportAsync(Folder, Db, "stix", "times.stix.json");
        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM stix_objects";
        ((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ShouldBeGreaterThan(100);
    }

    [Theory]
    [InlineData("ftm")]
    [InlineData("stix")]
    public Task A_round_trip_keeps_entities_names_identifiers_datasets_and_links(string format) =>
        ExportTargets.ShouldKeepEverythingThroughARoundTripAsync(store, format, output);

    [Theory]
    [InlineData("ftm")]
    [InlineData("stix")]
    public Task After_a_round_trip_no_applicant_vendor_or_reference_firm_is_a_list_hit(string format) =>
        ExportTargets.ShouldMakeNoNewListHitThroughARoundTripAsync(store, format);

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
