using System.Globalization;
using System.Text.Json.Nodes;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>A store written by the release before the typed schema (tests/fixtures/legacy-store: its documents table,
/// audit key and checkpoint, and what that release printed) keeps working: the first open moves its documents into the
/// typed tables and says so once, and the same commands print the same.</summary>
public sealed class LegacyStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("store-v6.db");

    public LegacyStoreTests()
    {
        foreach (var file in new[] { "store-v6.db", "store-v6.db.audit-key", "store-v6.db.audit-checkpoint" })
        {
            File.Copy(RepoPaths.Fixture("legacy-store", file), _folder.File(file));
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder.File("store-v6.db.audit-key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task The_first_open_says_once_what_moved_and_lists_cases_and_clusters_print_what_the_old_release_printed()
    {
        var lists = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db);
        lists.ExitCode.ShouldBe(0, lists.Stderr);
        lists.Stderr.ShouldContain("moved the documents of an older store into typed tables: 3 sites, 3 site reports, 11 vetted records, 1 case, 383 STIX object times");
        var shown = await CliProcess.RunAsync(_folder.Path, "case", "show", "case-1", "--db", Db);
        shown.ExitCode.ShouldBe(0, shown.Stderr);
        shown.Stderr.ShouldNotContain("moved");
        var clusters = await CliProcess.RunAsync(_folder.Path, "graph", "clusters", "--db", Db);
        clusters.ExitCode.ShouldBe(0, clusters.Stderr);

        JsonNode.DeepEquals(JsonNode.Parse(lists.Stdout), Expected("lists.json")).ShouldBeTrue(lists.Stdout);
        // The old release knew the two suspect sites by the domains their pages declare; the first command that works with sites
        // or cases (not `lists show`, which only reads lists) re-derives their ids from their folders (migration 014) and says
        // so once, and the clusters are the old release's with those ids.
        lists.Stderr.ShouldNotContain("renamed");
        shown.Stderr.ShouldContain("unmask: site novalinktech.example is now novalink-techlab: its id was novalinktech.example, a domain its pages declare but it does not own");
        shown.Stderr.ShouldContain("unmask: re-derived the ids of the indexed sites from where they were read: 2 renamed");
        clusters.Stderr.ShouldNotContain("renamed");
        JsonNode.DeepEquals(JsonNode.Parse(clusters.Stdout), WithSourceIds(Expected("clusters.json")!)).ShouldBeTrue(clusters.Stdout);
        var movedCase = JsonNode.Parse(shown.Stdout)!.AsObject();
        movedCase["version"]!.GetValue<int>().ShouldBe(2, "opened, then one decision");
        movedCase.Remove("version");
        JsonNode.DeepEquals(ToTheMicrosecond(movedCase), ToTheMicrosecond(Expected("case.json")!)).ShouldBeTrue(shown.Stdout);
    }

    [Fact]
    public async Task After_the_move_the_audit_chain_is_intact_and_the_old_documents_table_is_gone()
    {
        (await CliProcess.RunAsync(_folder.Path, "db", "migrate", "--db", Db)).ExitCode.ShouldBe(0);

        var verify = await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db);
        verify.ExitCode.ShouldBe(0, verify.Stdout + verify.Stderr);
        verify.Stdout.ShouldContain("1 case matches the log");
        var info = JsonNode.Parse((await CliProcess.RunAsync(_folder.Path, "db", "info", "--db", Db)).Stdout)!;
        var tables = info["tables"]!.AsArray().ToDictionary(t => t!["table"]!.GetValue<string>(), t => t!["rows"]!.GetValue<long>());
        tables.ShouldNotContainKey("documents");
        tables.ShouldNotContainKey("legacy_documents");
        tables["sites"].ShouldBe(3);
        tables["vet_records"].ShouldBe(11);
        tables["cases"].ShouldBe(1);
        tables["case_decisions"].ShouldBe(1);
        info["schema_version"]!.GetValue<int>().ShouldBe(info["known_schema_version"]!.GetValue<int>());
    }

    private static JsonNode WithSourceIds(JsonNode expected)
    {
        var text = expected.ToJsonString();
        foreach (var (declared, source) in new[] { ("kwangsoft-solutions.example", "kwangsoft-solutions"), ("novalinktech.example", "novalink-techlab") })
        {
            text = text.Replace($"site:{declared}", $"site:{source}", StringComparison.Ordinal).Replace($"({declared})", $"({source})", StringComparison.Ordinal);
        }
        return JsonNode.Parse(text)!;
    }

    private static JsonNode? Expected(string file) => JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("legacy-store", file)));

    /// <summary>The case with its times as both backends keep them now (UTC, to the microsecond; the old release kept a
    /// tenth of one).</summary>
    private static JsonNode ToTheMicrosecond(JsonNode item)
    {
        var copy = item.DeepClone().AsObject();
        copy["opened_at"] = Microseconds(copy["opened_at"]!);
        foreach (var decision in copy["decisions"]!.AsArray())
        {
            decision!["at"] = Microseconds(decision["at"]!);
        }
        return copy;
    }

    private static string Microseconds(JsonNode time)
    {
        var value = DateTimeOffset.Parse(time.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();
        return new DateTimeOffset(value.Ticks - value.Ticks % 10, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
    }

    public void Dispose() => _folder.Dispose();
}
