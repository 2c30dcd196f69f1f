using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Unmask.Application.Io;
using Unmask.Application.Vetting;
using Unmask.Domain;
using Unmask.Vetting.Output;
using Unmask.Vetting.Scoring;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask vet FILE</c>: applicants, contractors and vendors against the DPRK IT-worker red flags (INDICATORS.md).</summary>
public static class VetCommand
{
    private static readonly string[] Levels = ["clear", "low", "medium", "high", "critical"];

    public static Command Build(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "Records to vet: CSV with a header row or JSON lines, columns as in INDICATORS.md §5" };
        var signIns = new Option<string?>("--signins") { Description = "Sign-in log CSV: timestamp,user_id,ip,user_agent,remote_tool[,country]" };
        var output = new Option<string?>("--output") { Description = "Write the results (or the HTML report) to this file" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when any record's level is at least this (low, medium, high, critical); for routing to an analyst, never to reject" };
        var skipBadRows = new Option<bool>("--skip-bad-rows") { Description = "Report malformed rows and go on instead of stopping with exit 2" };
        var command = new Command("vet", "Vet applicants, contractors or vendors: a risk, a level and findings with evidence for each record (indicators for review)")
        {
            file, signIns, output, failOn, skipBadRows,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json", "csv", "html");
            var failLevel = parsed.GetValue(failOn) is { } level
                ? (Array.IndexOf(Levels, level.ToLowerInvariant()) is var rank and >= 0 ? rank : throw new InputException("--fail-on", null, $"'{level}' is not a level ({string.Join(", ", Levels)})"))
                : (int?)null;
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var outcome = await new VettingService(store, console.Time).VetWithNetworkAsync(parsed.GetValue(file)!, parsed.GetValue(signIns), new VetOptions(parsed.GetValue(skipBadRows)), cancellationToken);
            var (run, batch) = (outcome.Run, outcome.Batch);
            foreach (var skipped in batch.Skipped)
            {
                await console.Error.WriteLineAsync($"warning: skipped {skipped}");
            }
            foreach (var notRun in run.NotRun)
            {
                await console.Error.WriteLineAsync($"not run: {notRun.Code}: {notRun.Reason}");
            }
            var target = parsed.GetValue(output);
            await using var outputFile = target is null ? null : AtomicFile.Create(target);
            var writer = outputFile?.Text ?? console.Out;
            switch (format)
            {
                case "json":
                    await writer.WriteLineAsync(JsonWithNetwork(run.Results, outcome.Network));
                    break;
                case "csv":
                    VetCsv.Write(writer, run.Results);
                    break;
                case "html":
                    VetHtmlReport.Write(writer, run, $"Vetting report: {Path.GetFileName(batch.File)}", console.Time.GetUtcNow());
                    break;
                default:
                    WriteTable(console, run.Results);
                    break;
            }
            if (outputFile is not null)
            {
                await outputFile.CommitAsync(cancellationToken);
                await console.Error.WriteLineAsync($"written to {outputFile.Path}");
            }
            await console.Error.WriteLineAsync($"vetted {run.Stats.Records:N0} records, {run.Stats.SignIns:N0} sign-ins: "
                + string.Join(", ", run.Results.GroupBy(r => r.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {VetJson.Name(g.Key)}"))
                + " (indicators for review, not verdicts)");
            return failLevel is not null && run.Results.Any(r => (int)r.Level >= failLevel) ? ExitCodes.Flagged : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The CONTRACT.md vet JSON, plus per record the risk its network carries when that is higher than its own
    /// (a cluster reaching a designated entry or IOC raises every member, with the path as evidence).</summary>
    private static string JsonWithNetwork(IReadOnlyList<VetResult> results, IReadOnlyDictionary<string, Unmask.LinkGraph.Queries.PropagatedRisk> network)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var result in results)
            {
                using var one = new MemoryStream();
                using (var w = new Utf8JsonWriter(one))
                {
                    VetJson.WriteOne(w, result);
                }
                var node = System.Text.Json.Nodes.JsonNode.Parse(one.ToArray())!.AsObject();
                if (network.TryGetValue($"{result.Kind}:{result.Id}", out var propagated) && propagated.Risk > result.Risk && propagated.Path is { } path)
                {
                    node["network"] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["risk"] = propagated.Risk,
                        ["level"] = propagated.Level,
                        ["reaches"] = path.Hops.Count > 0 ? path.Hops[^1].To : null,
                        ["explanation"] = path.Explanation,
                        ["path"] = new System.Text.Json.Nodes.JsonArray([.. path.Hops.Select(h => (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonObject
                        {
                            ["from"] = h.From, ["to"] = h.To, ["relation"] = h.Relation, ["evidence"] = h.Evidence,
                        })]),
                    };
                }
                node.WriteTo(json);
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTable(CliConsole console, IReadOnlyList<VetResult> results)
    {
        var table = new Table().AddColumns("id", "kind", "risk", "level", "findings", "links");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Id), Markup.Escape(r.Kind), r.Risk.ToString(CultureInfo.InvariantCulture), VetJson.Name(r.Level),
                Markup.Escape(string.Join("\n", r.Findings.Select(f => $"{f.Code} ({VetJson.Name(f.Severity)}): {f.Evidence}"))),
                Markup.Escape(string.Join("\n", r.Links.Select(l => $"{l.Entity} via {l.Via}"))));
        }
        console.Tables.Write(table);
    }
}
