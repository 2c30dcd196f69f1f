using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Unmask.Application.Io;
using Unmask.Application.Sites;
using Unmask.Domain;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask site index|analyze</c>: front-company website analysis.</summary>
public static class SiteCommands
{
    private static readonly Option<int> MaxPages = new("--max-pages") { Description = "Most pages fetched when a target is a URL", DefaultValueFactory = _ => 100 };

    private static async Task<CrawlSettings> CrawlAsync(ParseResult parsed, CliConsole console) =>
        new(await NetworkOptions.AllowsPrivateAsync(parsed, console), Math.Max(1, parsed.GetValue(MaxPages)));

    public static Command Build(CliConsole console)
    {
        var site = new Command("site", "Index saved websites and find which legitimate site a suspect site copied");
        site.Subcommands.Add(Index(console));
        site.Subcommands.Add(Analyze(console));
        return site;
    }

    private static Command Index(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Sites: a folder of saved HTML files, a single HTML file, a WARC file or a URL (crawled)", Arity = ArgumentArity.OneOrMore };
        var role = new Option<string>("--as") { Description = "reference (a legitimate firm's site) or suspect", DefaultValueFactory = _ => "reference" };
        var command = new Command("index", "Add saved sites to the site index as references (legitimate firms) or suspects") { paths, role, NetworkOptions.AllowPrivate, MaxPages };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json");
            var asRole = parsed.GetValue(role)?.ToLowerInvariant() switch
            {
                "reference" => SiteRole.Reference,
                "suspect" => SiteRole.Suspect,
                var other => throw new InputException("--as", null, $"'{other}' is neither 'reference' nor 'suspect'"),
            };
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var indexed = await Service(store, console, await CrawlAsync(parsed, console)).IndexAsync(parsed.GetValue(paths)!, asRole, cancellationToken);
            foreach (var warning in indexed.SelectMany(s => s.Warnings.Select(w => $"{s.Source}: {w}")))
            {
                await console.Error.WriteLineAsync($"warning: {warning}");
            }
            if (format == "json")
            {
                await ListsCommands.WriteJson(console.Out, indexed.Select(s => new
                {
                    site = s.Key,
                    source = s.Source,
                    role = s.Role.ToString().ToLowerInvariant(),
                    declared = s.Declared,
                    pages = s.Pages,
                    warnings = s.Warnings,
                }));
            }
            else
            {
                var table = new Table().AddColumns("site", "role", "pages", "source", "declared", "warnings");
                foreach (var s in indexed)
                {
                    table.AddRow(Markup.Escape(s.Key), s.Role.ToString().ToLowerInvariant(), s.Pages.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Source),
                        Markup.Escape(string.Join(", ", s.Declared.Take(3)) + (s.Declared.Count > 3 ? ", …" : "")), s.Warnings.Count.ToString(CultureInfo.InvariantCulture));
                }
                console.Tables.Write(table);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Analyze(CliConsole console)
    {
        var target = new Argument<string>("TARGET") { Description = "The site to analyse: a folder of saved HTML, an HTML file, a WARC file or a URL (crawled: same-site links, robots.txt, page and size limits)" };
        var registeredOn = new Option<string?>("--registered-on") { Description = "Domain registration date (YYYY-MM-DD), when known, for the domain-age finding" };
        var output = new Option<string?>("--output") { Description = "Write the report to this file (HTML with --format html)" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding has at least this severity (info, low, medium, high, critical)" };
        var command = new Command("analyze", "Analyse a site against the index: clones, copied passages, swapped brand names, fingerprints, pivots, domain findings")
        {
            target, registeredOn, output, failOn, NetworkOptions.AllowPrivate, MaxPages,
        };
        command.Aliases.Add("analyse");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json", "html");
            DateOnly? registered = null;
            if (parsed.GetValue(registeredOn) is { } text)
            {
                registered = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new InputException("--registered-on", null, $"'{text}' is not a date (YYYY-MM-DD)");
            }
            var failSeverity = Severity.Parse(parsed.GetValue(failOn));
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var (report, _) = await Service(store, console, await CrawlAsync(parsed, console)).AnalyzeAsync(parsed.GetValue(target)!, registered, cancellationToken);
            foreach (var warning in report.Warnings)
            {
                await console.Error.WriteLineAsync($"warning: {warning}");
            }
            var rendered = format switch
            {
                "json" => SiteReportJson.ToJson(report, indented: true),
                "html" => SiteReportHtml.Render(report),
                _ => null,
            };
            var file = parsed.GetValue(output);
            if (rendered is null)
            {
                WriteTable(console, report);
            }
            else if (file is not null)
            {
                await AtomicFile.WriteAllTextAsync(file, rendered, cancellationToken);
                await console.Error.WriteLineAsync($"report written to {Path.GetFullPath(file)}");
            }
            else
            {
                await console.Out.WriteLineAsync(rendered);
            }
            return failSeverity is not null && report.Findings.Any(f => Severity.Rank(f.Severity) >= failSeverity) ? ExitCodes.Flagged : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The site service, saying on stderr which sites it gives a new id (a store from before site ids came from sources).</summary>
    private static SiteService Service(Storage.IUnmaskStore store, CliConsole console, CrawlSettings crawl) =>
        new(store, console.Time, crawl) { Renamed = rename => console.Error.WriteLine($"unmask: site {rename.From} is now {rename.To}: {rename.Reason}") };

    private static void WriteTable(CliConsole console, SiteReport report)
    {
        var tables = console.Tables;
        tables.MarkupLine($"[bold]{Markup.Escape(report.Target)}[/]: {report.Pages} pages");
        if (report.Clones.Count == 0)
        {
            tables.MarkupLine("no copied site found in the index");
        }
        foreach (var clone in report.Clones)
        {
            tables.MarkupLine($"{Markup.Escape(clone.Relation)} of [bold]{Markup.Escape(clone.Reference)}[/]: similarity {clone.Similarity:0.00}, copied fraction {clone.CopiedFraction:0.00}");
            foreach (var swap in clone.BrandSubstitutions)
            {
                tables.MarkupLine($"  swapped '{Markup.Escape(swap.Original)}' -> '{Markup.Escape(swap.Replacement)}'");
            }
        }
        foreach (var pivot in report.Pivots)
        {
            tables.MarkupLine($"pivot: {Markup.Escape(pivot.Site)} shares {Markup.Escape(string.Join(", ", pivot.Shared))}");
        }
        var findings = new Table().AddColumns("code", "severity", "evidence");
        foreach (var finding in report.Findings)
        {
            findings.AddRow(Markup.Escape(finding.Code), Markup.Escape(finding.Severity), Markup.Escape(finding.Evidence));
        }
        tables.Write(findings);
    }
}

/// <summary>Severity names of INDICATORS.md and their order.</summary>
public static class Severity
{
    private static readonly string[] Order = ["info", "low", "medium", "high", "critical"];

    public static int Rank(string severity) => Array.IndexOf(Order, severity.ToLowerInvariant());

    public static int? Parse(string? text) =>
        text is null ? null
        : Rank(text) is var rank and >= 0 ? rank
        : throw new InputException("--fail-on", null, $"'{text}' is not a severity ({string.Join(", ", Order)})");
}
