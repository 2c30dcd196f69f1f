using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Unmask.TestKit;
using Unmask.TestKit.Databases;

namespace Unmask.EndToEnd.Tests;

/// <summary>Issue 15's parity target: the same flow on a fresh SQLite file and on a fresh PostgreSQL database prints the same
/// lists, screening results, site analyses, vetting results, graph and case, and exports the same STIX and FtM files.</summary>
public sealed partial class BackendParityTests(PostgresBackend backend) : IClassFixture<PostgresBackend>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string[][] Flow(string exportPrefix) =>
    [
        ["lists", "import", RepoPaths.Sample("lists"), "--format", "json"],
        ["lists", "show", "--format", "json"],
        ["screen", "--input", RepoPaths.Sample("screening", "queries.csv"), "--format", "json"],
        ["site", "index", RepoPaths.Sample("sites", "reference", "brightpath-consulting"), "--format", "json"],
        ["site", "analyze", RepoPaths.Sample("sites", "suspect", "kwangsoft-solutions"), "--format", "json"],
        ["site", "analyze", RepoPaths.Sample("sites", "suspect", "novalink-techlab"), "--format", "json"],
        ["vet", RepoPaths.Sample("vetting.csv"), "--signins", RepoPaths.Sample("signins.csv"), "--format", "json"],
        ["graph", "build", "--format", "json"],
        ["graph", "clusters", "--format", "json"],
        ["case", "open", "cluster-1", "--by", "alice", "--format", "json"],
        ["case", "decide", "case-1", "--decision", "escalated", "--reason", "shared phone with a clone site", "--by", "alice", "--format", "json"],
        ["case", "show", "case-1", "--format", "json"],
        ["export", "--format", "stix", "--output", exportPrefix + ".stix.json"],
        ["export", "--format", "ftm", "--output", exportPrefix + ".ftm.json"],
        ["audit", "verify"],
    ];

    [Fact]
    public async Task The_demo_flow_prints_and_exports_the_same_on_sqlite_and_postgresql()
    {
        var started = TimeProvider.System.GetUtcNow();
        var postgres = await backend.NewDatabaseAsync();
        var sqliteRun = RunFlowAsync(_folder.File("parity.db"), _folder.File("sqlite"));
        var postgresRun = RunFlowAsync(postgres, _folder.File("postgres"));
        var outputs = await Task.WhenAll(sqliteRun, postgresRun);
        var window = (From: started.AddSeconds(-2), To: TimeProvider.System.GetUtcNow().AddSeconds(2));

        var flow = Flow("");
        for (var i = 0; i < flow.Length; i++)
        {
            AssertSame(string.Join(' ', flow[i].Take(2)), outputs[0][i], outputs[1][i], window);
        }
        foreach (var export in new[] { ".stix.json", ".ftm.json" })
        {
            AssertSame("export file " + export, await File.ReadAllTextAsync(_folder.File("sqlite") + export),
                await File.ReadAllTextAsync(_folder.File("postgres") + export), window);
        }
    }

    [Fact]
    public void A_difference_between_backends_fails_naming_the_first_differing_line()
    {
        var now = new DateTimeOffset(2026, 12, 7, 21, 45, 19, 461, TimeSpan.Zero);
        var window = (From: now.AddSeconds(-2), To: now.AddSeconds(2));
        var stamp = now.ToString("O", CultureInfo.InvariantCulture);
        var sqlite = $$"""{"id":"case-1","opened_at":"{{stamp}}","members":["a","b"]}""";
        var postgres = $$"""{"id":"case-1","opened_at":"{{now.AddMilliseconds(5):O}}","members":["a","c"]}""";

        AssertSame("same but for the run's own clock", sqlite, sqlite.Replace(stamp, now.AddMilliseconds(5).ToString("O", CultureInfo.InvariantCulture), StringComparison.Ordinal), window);
        var failure = Should.Throw<ShouldAssertException>(() => AssertSame("case show", sqlite, postgres, window));
        failure.Message.ShouldContain("case show differs at line 6");
        failure.Message.ShouldContain("\"b\"");
        failure.Message.ShouldContain("\"c\"");
        Should.Throw<ShouldAssertException>(() => AssertSame("published", """{"published":"2026-11-20T00:00:00Z"}""", """{"published":"2026-11-21T00:00:00Z"}""", window));
    }

    private async Task<string[]> RunFlowAsync(string store, string exportPrefix)
    {
        var outputs = new List<string>();
        foreach (var step in Flow(exportPrefix))
        {
            var run = await CliProcess.RunAsync(_folder.Path, [.. step, "--db", store]);
            run.ExitCode.ShouldBe(0, $"{string.Join(' ', step)} on {store}: {run.Stderr}");
            outputs.Add(run.Stdout);
        }
        return [.. outputs];
    }

    private static void AssertSame(string what, string sqlite, string postgres, (DateTimeOffset From, DateTimeOffset To) window)
    {
        var expected = Comparable(sqlite, window);
        var actual = Comparable(postgres, window);
        for (var line = 0; line < Math.Max(expected.Length, actual.Length); line++)
        {
            var left = line < expected.Length ? expected[line] : "(end of output)";
            var right = line < actual.Length ? actual[line] : "(end of output)";
            if (left != right)
            {
                throw new ShouldAssertException($"{what} differs at line {line + 1}:\n  sqlite:   {left}\n  postgres: {right}");
            }
        }
    }

    /// <summary>The output indented one value per line (a JSON document, or JSON lines, else the text as it is), with the run's
    /// own wall-clock times replaced by a marker. The CLI has no fixed clock, so times of this run (imported_at, opened_at,
    /// a decision's at, the export's created/modified) differ between the two runs; only a time inside the test's own time
    /// window is replaced, so every time that comes from the data (publication dates, first/last seen) is still compared.</summary>
    private static string[] Comparable(string output, (DateTimeOffset From, DateTimeOffset To) window)
    {
        var readable = Indented(output.Trim()) ?? string.Join('\n', output.Trim().Split('\n').Select(line => Indented(line) ?? line));
        var normalised = Timestamp().Replace(readable, match =>
            DateTimeOffset.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && time >= window.From && time <= window.To
                ? "<time of this run>"
                : match.Value);
        // The FtM export writes an audit entry's hash into its text (see MaskHashesOfThisRunsTimes for why it differs) and
        // names a decision's Note by a hash over the decision's time.
        var withoutAuditHashes = AuditHashInText().Replace(normalised, "audit sequence $1, hash <hash over a time of this run>");
        return FtmDecisionId().Replace(withoutAuditHashes, "unmask-decision-<hash over a time of this run>").Split('\n');
    }

    private static string? Indented(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            MaskHashesOfThisRunsTimes(node);
            return node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Two values are hashes over times of this run, so they differ between any two runs: an audit entry's hash
    /// (it chains over the entry's time) and a STIX bundle's id (it names each object version by its export-time
    /// <c>modified</c>). The audit entry's action and sequence and every object of the bundle are still compared.</summary>
    private static void MaskHashesOfThisRunsTimes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject entry:
                if (entry.ContainsKey("at") && entry.ContainsKey("action") && entry.ContainsKey("hash"))
                {
                    entry["hash"] = "<hash over a time of this run>";
                }
                if (entry["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && (string?)type == "bundle")
                {
                    entry["id"] = "<bundle id over times of this run>";
                }
                foreach (var (_, value) in entry)
                {
                    MaskHashesOfThisRunsTimes(value);
                }
                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    MaskHashesOfThisRunsTimes(item);
                }
                break;
        }
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Timestamp();

    [GeneratedRegex("audit sequence (\\d+), hash [0-9a-f]{64}")]
    private static partial Regex AuditHashInText();

    [GeneratedRegex("unmask-decision-[0-9a-f]+")]
    private static partial Regex FtmDecisionId();
}
