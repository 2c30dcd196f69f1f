using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
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
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var (run, batch) = await new VettingService(store, console.Time).VetAsync(parsed.GetValue(file)!, parsed.GetValue(signIns), new VetOptions(parsed.GetValue(skipBadRows)), cancellationToken);
            foreach (var skipped in batch.Skipped)
            {
                await console.Error.WriteLineAsync($"warning: skipped {skipped}");
            }
            foreach (var notRun in run.NotRun)
            {
                await console.Error.WriteLineAsync($"not run: {notRun.Code}: {notRun.Reason}");
            }
            var target = parsed.GetValue(output);
            await using var fileWriter = target is null ? null : new StreamWriter(target);
            var writer = (TextWriter?)fileWriter ?? console.Out;
            switch (format)
            {
                case "json":
                    await using (var stream = new MemoryStream())
                    {
                        await using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                        {
                            VetJson.Write(json, run.Results);
                        }
                        await writer.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                    }
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
            if (target is not null)
            {
                await console.Error.WriteLineAsync($"written to {Path.GetFullPath(target)}");
            }
            await console.Error.WriteLineAsync($"vetted {run.Stats.Records:N0} records, {run.Stats.SignIns:N0} sign-ins: "
                + string.Join(", ", run.Results.GroupBy(r => r.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {VetJson.Name(g.Key)}"))
                + " (indicators for review, not verdicts)");
            return failLevel is not null && run.Results.Any(r => (int)r.Level >= failLevel) ? ExitCodes.Flagged : ExitCodes.Success;
        });
        return command;
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
