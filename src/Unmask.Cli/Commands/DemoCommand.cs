using System.CommandLine;
using Unmask.Application.Demo;
using Unmask.Watchlists;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask demo</c>: the main job on the bundled samples, offline.</summary>
public static class DemoCommand
{
    public static Command Build(CliConsole console)
    {
        var report = new Option<string>("--report") { Description = "Where to write the HTML report", DefaultValueFactory = _ => "unmask-demo-report.html" };
        var samples = new Option<string?>("--samples") { Description = "Samples folder (default: the samples bundled with the program)" };
        var command = new Command("demo", "Run the main job on the bundled fictional samples in a fresh temporary store (or --db): import lists, screen, vet, analyse sites; print a summary and write an HTML report")
        {
            report, samples,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var folder = parsed.GetValue(samples) ?? Path.Combine(AppContext.BaseDirectory, "samples");
            // Never the user's store ($UNMASK_DB or the default): fictional sample lists must not mix with real ones.
            var chosen = parsed.GetValue(GlobalOptions.Db);
            var location = chosen ?? Path.Combine(Directory.CreateTempSubdirectory("unmask-demo-").FullName, "unmask.db");
            await using var store = StoreLocator.Open(location, console.Time, repairSiteIds: true);
            await console.Error.WriteLineAsync(chosen is null
                ? $"store: {store.Description} (a fresh store for the demo; your own store is not touched)"
                : $"store: {store.Description} (sample lists are named sample_…)");
            var runner = new DemoRunner(store, ListReaders.Default, console.Time);
            var progress = new Progress<Application.Lists.ImportProgress>(p =>
            {
                if (p.Done)
                {
                    console.Error.WriteLine($"read {Path.GetFileName(p.File)}: {p.Entities:N0} entities");
                }
            });
            var summary = await runner.RunAsync(folder, parsed.GetValue(report)!, progress, cancellationToken);
            var o = console.Out;
            await o.WriteLineAsync("Unmask demo (fictional samples; every finding is an indicator for review, not a verdict)");
            await o.WriteLineAsync($"Lists: {summary.Datasets.Count} datasets, {summary.Datasets.Sum(d => d.Entities):N0} entities, {summary.Datasets.Sum(d => d.Names):N0} names");
            foreach (var d in summary.Datasets)
            {
                await o.WriteLineAsync($"  {d.Dataset,-34} {d.Entities,6:N0} entities {d.Names,6:N0} names  ({d.Publisher})");
            }
            await o.WriteLineAsync($"Screening: {summary.Screening.Count} queries, {summary.Screening.Count(r => r.Results.Any(x => x.Match))} with a match");
            foreach (var r in summary.Screening.Where(r => r.Results.Any(x => x.Match)))
            {
                var best = r.Results[0];
                await o.WriteLineAsync($"  {r.Id}: '{string.Join(" ", r.Query.Get("name"))}' -> {best.Caption} ({best.Id}) {best.Score:0.00}");
            }
            await o.WriteLineAsync($"Websites: {summary.Sites.Count} suspect sites analysed");
            foreach (var site in summary.Sites)
            {
                foreach (var clone in site.Clones)
                {
                    await o.WriteLineAsync($"  {site.Target} is a {clone.Relation} of {clone.Reference} ({Math.Round(clone.CopiedFraction * 100)}% copied; {string.Join(", ", clone.BrandSubstitutions.Take(3).Select(b => $"'{b.Original}'->'{b.Replacement}'"))})");
                }
                foreach (var pivot in site.Pivots.Where(p => p.Shared.Any(s => !s.StartsWith("template", StringComparison.Ordinal))))
                {
                    await o.WriteLineAsync($"  {site.Target} shares {string.Join(", ", pivot.Shared)} with {pivot.Site}");
                }
            }
            await o.WriteLineAsync($"Vetting: {summary.Vetting.Results.Count} records");
            foreach (var r in summary.Vetting.Results.OrderByDescending(r => r.Risk))
            {
                await o.WriteLineAsync($"  {r.Kind} {r.Id,-5} risk {r.Risk,3} {Unmask.Vetting.Output.VetJson.Name(r.Level),-8} {string.Join(", ", r.Findings.Select(f => f.Code).Take(6))}{(r.Findings.Count > 6 ? ", ..." : "")}");
            }
            await o.WriteLineAsync($"Networks: {summary.Clusters.Count} clusters");
            foreach (var c in summary.Clusters.Take(3))
            {
                var people = c.Members.Where(m => m.Node.StartsWith("applicant:", StringComparison.Ordinal) || m.Node.StartsWith("contractor:", StringComparison.Ordinal) || m.Node.StartsWith("vendor:", StringComparison.Ordinal) || m.Node.StartsWith("site:", StringComparison.Ordinal)).Select(m => m.Node);
                await o.WriteLineAsync($"  {c.Id}: risk {c.Risk} {c.Level}, {c.Members.Count} members, reaches a designated entry: {(c.ReachesDesignated ? "yes" : "no")}; {string.Join(", ", people.Take(8))}");
            }
            await o.WriteLineAsync($"Report: {summary.ReportPath}");
            await o.WriteLineAsync($"Store: {location} (look around with: unmask lists show --db {location})");
            return ExitCodes.Success;
        });
        return command;
    }
}
