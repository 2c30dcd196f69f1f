using System.CommandLine;
using System.Text.Json;
using Unmask.Application.Cases;
using Unmask.Application.Export;
using Unmask.Storage;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask case ...</c>, <c>unmask audit verify</c> and <c>unmask export</c>.</summary>
public static class CaseCommands
{
    private static readonly Option<string?> By = new("--by") { Description = "Who is acting (default: $USER)" };

    private static string Actor(ParseResult parsed) =>
        parsed.GetValue(By) ?? Environment.GetEnvironmentVariable("USER") ?? Environment.UserName;

    public static Command Case(CliConsole console)
    {
        var command = new Command("case", "Cases: open one on an entity or cluster, list, show, record decisions (every action is audited)");
        var subject = new Argument<string>("ENTITY|CLUSTER") { Description = "A graph node (vendor:V-3, entity:…, a name or identifier) or a cluster id (cluster-1)" };
        var open = new Command("open", "Open a case on an entity or cluster; its members and their findings are attached") { subject, By };
        open.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var opened = await new CaseService(store, console.Time).OpenAsync(parsed.GetValue(subject)!, Actor(parsed), cancellationToken);
            await Write(console, parsed, opened);
            return ExitCodes.Success;
        });
        var list = new Command("list", "All cases with their status");
        list.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var cases = await new CaseService(store, console.Time).ListAsync(cancellationToken);
            if (console.Format(parsed, "table", "json") == "json")
            {
                await ListsCommands.WriteJson(console.Out, cases.Select(c => new { id = c.Id, subject = c.Subject, status = c.Status, members = c.Members.Count, opened_at = c.OpenedAt }));
            }
            else
            {
                foreach (var c in cases)
                {
                    await console.Out.WriteLineAsync($"{c.Id}  {c.Status,-9}  {c.Subject}  ({c.Members.Count} members, opened {c.OpenedAt:yyyy-MM-dd} by {c.OpenedBy})");
                }
            }
            return ExitCodes.Success;
        });
        var id = new Argument<string>("ID") { Description = "Case id, e.g. case-1" };
        var show = new Command("show", "A case with its members, findings and decisions") { id };
        show.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            await Write(console, parsed, await new CaseService(store, console.Time).GetAsync(parsed.GetValue(id)!, cancellationToken));
            return ExitCodes.Success;
        });
        var decideId = new Argument<string>("ID") { Description = "Case id" };
        var decision = new Option<string>("--decision") { Description = "cleared, escalated or reported", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the audit log)", Required = true };
        var expectVersion = new Option<int?>("--expect-version")
        {
            Description = "The case version the decision was made on (see 'case show'); default: the version read when the command starts. "
                + "If the case has changed since, nothing is recorded, the attempt is audited and the command exits 1 naming the decision that won",
        };
        var decide = new Command("decide", "Record a decision on a case") { decideId, decision, reason, By, expectVersion };
        decide.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var decided = await new CaseService(store, console.Time).DecideAsync(parsed.GetValue(decideId)!, parsed.GetValue(decision)!, parsed.GetValue(reason)!,
                Actor(parsed), parsed.GetValue(expectVersion), cancellationToken);
            await Write(console, parsed, decided);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(open);
        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(decide);
        return command;
    }

    public static Command Audit(CliConsole console)
    {
        var command = new Command("audit", "The append-only audit log of analyst actions");
        var verify = new Command("verify", "Check the audit log: its keyed chain, the checkpoint beside the store, and the cases against the log: exit 0 intact, 1 tampered (naming the first bad entry and why)");
        verify.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var result = await new CaseService(store, console.Time).VerifyAuditAsync(cancellationToken);
            if (result.Problem is { } problem)
            {
                await console.Out.WriteLineAsync($"tampered: {problem.Where}: {problem.Reason}");
                return ExitCodes.Flagged;
            }
            var legacy = result.LegacyEntries == 0 ? "" : $" ({result.LegacyEntries} legacy plain SHA-256 entries from before the log was keyed)";
            await console.Out.WriteLineAsync($"intact: {result.Entries} entries, keyed chain verified up to the checkpoint at entry {result.CheckpointSequence}{legacy}; {result.AuditedDocuments} {(result.AuditedDocuments == 1 ? "case matches" : "cases match")} the log");
            return ExitCodes.Success;
        });
        var show = new Command("show", "The audit log entries");
        show.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            await foreach (var e in store.Audit.ReadAsync(cancellationToken))
            {
                await console.Out.WriteLineAsync($"{e.Sequence}\t{e.At:O}\t{e.Actor}\t{e.Action}\t{e.Subject}\t{e.Details}");
            }
            return ExitCodes.Success;
        });
        command.Subcommands.Add(verify);
        command.Subcommands.Add(show);
        return command;
    }

    public static Command Export(CliConsole console)
    {
        var format = new Option<string>("--format") { Description = "stix, ftm, graphml, csv (edges) or html", Required = true };
        var caseId = new Option<string?>("--case") { Description = "Export only this case's members (default: the whole graph)" };
        var output = new Option<string>("--output") { Description = "File to write", Required = true };
        var command = new Command("export", "Export the graph or one case: STIX 2.1 bundle, FollowTheMoney JSON lines, GraphML, CSV edges or an HTML report") { format, caseId, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var kind = ExportService.ParseFormat(parsed.GetValue(format)!);
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var id = parsed.GetValue(caseId);
            var summary = await new ExportService(store, console.Time).ExportAsync(kind, id, parsed.GetValue(output)!,
                Environment.GetEnvironmentVariable("USER") ?? Environment.UserName, cancellationToken);
            await console.Error.WriteLineAsync($"exported {(id ?? "the graph")} as {kind.ToString().ToLowerInvariant()} to {summary.Path} "
                + $"({summary.Nodes} nodes, {summary.Entities} list entities, {summary.Cases} cases)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task Write(CliConsole console, ParseResult parsed, Case item)
    {
        if (console.Format(parsed, "table", "json") == "json")
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(item, ListsCommands.JsonOptions));
            return;
        }
        await console.Out.WriteLineAsync($"{item.Id}: {item.Status} (version {item.Version}), subject {item.Subject}, opened {item.OpenedAt:yyyy-MM-dd HH:mm} by {item.OpenedBy}");
        await console.Out.WriteLineAsync($"members: {string.Join(", ", item.Members)}");
        foreach (var finding in item.Findings)
        {
            await console.Out.WriteLineAsync($"  finding: {finding}");
        }
        foreach (var d in item.Decisions)
        {
            await console.Out.WriteLineAsync($"  decision: {d.Decision} by {d.By} at {d.At:yyyy-MM-dd HH:mm}: {d.Reason}");
        }
    }
}
