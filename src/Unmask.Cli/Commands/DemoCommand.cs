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
        var command = new Command("demo", "Run the main job on the bundled fictional samples: import lists, screen, vet, analyse sites; print a summary and write an HTML report")
        {
            report, samples,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var folder = parsed.GetValue(samples) ?? Path.Combine(AppContext.BaseDirectory, "samples");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            await console.Error.WriteLineAsync($"store: {store.Description}");
            var runner = new DemoRunner(store, ListReaders.Default, console.Time);
            var progress = new Progress<Application.Lists.ImportProgress>(p =>
            {
                if (p.Done)
                {
                    console.Error.WriteLine($"read {Path.GetFileName(p.File)}: {p.Entities:N0} entities");
                }
            });
            var summary = await runner.RunAsync(folder, parsed.GetValue(report)!, progress, cancellationToken);
            await console.Out.WriteLineAsync("Unmask demo (fictional samples; findings are indicators for review)");
            await console.Out.WriteLineAsync($"Lists: {summary.Datasets.Count} datasets, {summary.Datasets.Sum(d => d.Entities):N0} entities, {summary.Datasets.Sum(d => d.Names):N0} names");
            foreach (var d in summary.Datasets)
            {
                await console.Out.WriteLineAsync($"  {d.Dataset,-32} {d.Entities,6:N0} entities  {d.Names,6:N0} names  ({d.Publisher})");
            }
            await console.Out.WriteLineAsync($"Report: {summary.ReportPath}");
            return ExitCodes.Success;
        });
        return command;
    }
}
