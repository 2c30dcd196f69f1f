using System.Globalization;
using System.Net;
using System.Text;
using Unmask.Application.Io;
using Unmask.Application.Lists;
using Unmask.Application.Screening;
using Unmask.Application.Sites;
using Unmask.Application.Vetting;
using Unmask.LinkGraph.Export;
using Unmask.Screening;
using Unmask.Storage;
using Unmask.Vetting;
using Unmask.Vetting.Output;
using Unmask.Vetting.Scoring;
using Unmask.Watchlists;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;

namespace Unmask.Application.Demo;

/// <summary>What <c>unmask demo</c> did, for the summary it prints.</summary>
public sealed record DemoSummary(
    IReadOnlyList<DatasetSummary> Datasets,
    IReadOnlyList<ScreeningResponse> Screening,
    IReadOnlyList<SiteReport> Sites,
    VetRun Vetting,
    IReadOnlyList<Unmask.LinkGraph.Queries.Cluster> Clusters,
    string ReportPath);

/// <summary>
/// The main job on the bundled samples (samples/): imports the sample lists, indexes the reference sites and analyses the
/// suspect ones, screens the sample queries, vets the sample applicants and vendors with their sign-in log, and writes one
/// HTML report. Works offline; every sample is fictional and written by the project in the real published formats, and
/// every sample dataset is named <c>sample_…</c>.
/// </summary>
public sealed class DemoRunner(IUnmaskStore store, ListReaders readers, TimeProvider time)
{
    public async Task<DemoSummary> RunAsync(string samplesFolder, string reportPath, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        string Sample(params string[] parts) => Path.Combine([samplesFolder, .. parts]);
        if (!Directory.Exists(Sample("lists")))
        {
            throw new Domain.InputException(Sample("lists"), null, "bundled samples not found (expected samples/ beside the program)");
        }
        // Sample datasets carry their own names, so even in a store the user chose they never stand in for a publisher's list.
        await new ListImporter(store, readers).ImportAsync(
            [Sample("lists")], new ImportOptions(ReplaceNewer: true, DatasetPrefix: ImportOptions.SamplePrefix), progress, cancellationToken);
        var datasets = (await store.Lists.GetDatasetsAsync(cancellationToken))
            .Where(d => d.Dataset.StartsWith(ImportOptions.SamplePrefix, StringComparison.Ordinal)).ToList();

        var sites = new SiteService(store, time);
        await sites.IndexAsync([.. Directory.GetDirectories(Sample("sites", "reference")).Order(StringComparer.Ordinal)], SiteRole.Reference, cancellationToken);
        var siteReports = new List<SiteReport>();
        foreach (var suspect in Directory.GetDirectories(Sample("sites", "suspect")).Order(StringComparer.Ordinal))
        {
            siteReports.Add((await sites.AnalyzeAsync(suspect, null, cancellationToken)).Report);
        }

        var screening = await ScreeningService.LoadAsync(store, cancellationToken);
        var answers = new List<ScreeningResponse>();
        await foreach (var answer in screening.ScreenBatchAsync(BatchInput.Read(Sample("screening", "queries.csv"), skipBadRows: true), new ScreeningOptions(), cancellationToken))
        {
            if (answer.Response is not null)
            {
                answers.Add(answer.Response);
            }
        }

        var (vetting, _) = await new VettingService(store, time).VetAsync(Sample("vetting.csv"), Sample("signins.csv"), new VetOptions(), cancellationToken);
        var (graph, _) = await new Graph.GraphService(store).BuildAsync(cancellationToken);
        var clusters = graph.Clusters();
        var summary = new DemoSummary(datasets, answers, siteReports, vetting, clusters, Path.GetFullPath(reportPath));
        // Cases analysts opened in this store (the demo opens none itself): the report shows their decisions and audit trail.
        var cases = await new Export.ExportService(store, time).CasesAsync(await new Cases.CaseService(store, time).ListAsync(cancellationToken), cancellationToken);
        var graphReport = Path.ChangeExtension(reportPath, null) + "-network.html";
        if (clusters.Count > 0)
        {
            var content = new ExportContent(GraphSelection.OfCluster(graph, clusters[0]), new Dictionary<string, Domain.Entity>(),
                datasets.ToDictionary(d => d.Dataset, d => new Domain.Dataset(d.Dataset, d.Title, d.Publisher, d.Published, d.Kind), StringComparer.Ordinal),
                [.. cases.Where(c => c.Members.Any(m => clusters[0].Members.Any(member => member.Node == m)))], time.GetUtcNow());
            await AtomicFile.WriteAsync(graphReport, (output, _) =>
            {
                HtmlReportWriter.Write(content, output, new HtmlReportOptions($"Unmask demo: {clusters[0].Id}"));
                return Task.CompletedTask;
            }, cancellationToken, "--report");
        }
        await AtomicFile.WriteAllTextAsync(reportPath, RenderReport(summary, cases, time.GetUtcNow()), cancellationToken, "--report");
        return summary;
    }

    private static string RenderReport(DemoSummary summary, IReadOnlyList<CaseExport> cases, DateTimeOffset now)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Unmask demo report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}table{border-collapse:collapse;margin:0.5em 0}")
            // Long ids and evidence have no spaces to break at: without overflow-wrap the links column runs off the page.
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f3f3f3}.note{color:#555}")
            .Append("table{max-width:100%}td ul{margin:0;padding-left:1.2em}")
            .Append(".critical{background:#f8d0d0}.high{background:#fde2c8}.medium{background:#fff3c4}.low{background:#eef6e0}")
            .Append("</style></head><body><h1>Unmask demo report</h1><p class=\"note\">Generated ")
            .Append(now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" from the bundled, fictional samples. Every finding is one of the indicators for review, never a verdict: ")
            .Append("a person decides.</p>");

        html.Append("<h2>Lists</h2><table><tr><th>dataset</th><th>publisher</th><th>published</th><th>entities</th><th>names</th><th>identifiers</th></tr>");
        foreach (var d in summary.Datasets)
        {
            html.Append($"<tr><td>{E(d.Dataset)}</td><td>{E(d.Publisher)}</td><td>{d.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}</td>")
                .Append($"<td>{d.Entities}</td><td>{d.Names}</td><td>{d.Identifiers}</td></tr>");
        }
        html.Append("</table>");

        html.Append("<h2>Screening</h2><table><tr><th>query</th><th>best result</th><th>score</th><th>match</th><th>explanation</th></tr>");
        foreach (var response in summary.Screening)
        {
            var best = response.Results.Count > 0 ? response.Results[0] : null;
            html.Append($"<tr><td>{E(response.Id)}: {E(string.Join(" ", response.Query.Get("name")))}</td><td>{E(best?.Caption)} {E(best is null ? "" : $"({best.Id})")}</td>")
                .Append($"<td>{best?.Score.ToString("0.00", CultureInfo.InvariantCulture)}</td><td>{(best?.Match == true ? "yes" : "no")}</td>")
                .Append($"<td>{E(best is null ? "" : string.Join("; ", best.Explanation))}</td></tr>");
        }
        html.Append("</table>");

        html.Append("<h2>Websites</h2>");
        foreach (var report in summary.Sites)
        {
            html.Append($"<h3>{E(report.Target)}</h3><ul>");
            foreach (var clone in report.Clones)
            {
                html.Append($"<li>{E(clone.Relation)} of <b>{E(clone.Reference)}</b>: {Math.Round(clone.CopiedFraction * 100)}% of its text copied; swapped ")
                    .Append(E(string.Join(", ", clone.BrandSubstitutions.Select(b => $"'{b.Original}' → '{b.Replacement}'")))).Append("</li>");
            }
            foreach (var pivot in report.Pivots)
            {
                html.Append($"<li>shares {E(string.Join(", ", pivot.Shared))} with {E(pivot.Site)}</li>");
            }
            html.Append("</ul>");
        }

        html.Append("<h2>Applicants, contractors and vendors</h2><table><tr><th>record</th><th>risk</th><th>level</th><th>indicators for review</th><th>links</th></tr>");
        foreach (var r in summary.Vetting.Results)
        {
            var level = VetJson.Name(r.Level);
            html.Append($"<tr class=\"{level}\"><td>{E(r.Kind)} {E(r.Id)}</td><td>{r.Risk}</td><td>{level}</td><td><ul>");
            foreach (var f in r.Findings)
            {
                html.Append($"<li><b>{E(f.Code)}</b> ({VetJson.Name(f.Severity)}): {E(f.Evidence)} <span class=\"note\">[{E(f.Source)}]</span></li>");
            }
            html.Append("</ul></td><td><ul>");
            foreach (var link in r.Links)
            {
                html.Append($"<li>{E(link.Entity)} via {E(link.Via)}</li>");
            }
            html.Append("</ul></td></tr>");
        }
        html.Append("</table>");
        html.Append("<h2>Networks</h2><table><tr><th>cluster</th><th>risk</th><th>level</th><th>reaches a designated entry</th><th>members</th></tr>");
        foreach (var c in summary.Clusters.Take(10))
        {
            html.Append($"<tr class=\"{E(c.Level)}\"><td>{E(c.Id)}</td><td>{c.Risk}</td><td>{E(c.Level)}</td><td>{(c.ReachesDesignated ? "yes" : "no")}</td><td><ul>");
            foreach (var m in c.Members)
            {
                html.Append($"<li>{E(m.Node)} ({E(m.Caption)}): {E(m.Reason)}</li>");
            }
            html.Append("</ul></td></tr>");
        }
        html.Append("</table><h2>Cases</h2>");
        if (cases.Count == 0)
        {
            html.Append("<p class=\"note\">No case opened yet: <code>unmask case open cluster-1</code> opens one on the riskiest network; its decisions and audit trail then appear here.</p>");
        }
        using (var writer = new StringWriter(html, CultureInfo.InvariantCulture))
        {
            foreach (var item in cases)
            {
                HtmlReportWriter.WriteCase(writer, item);
            }
        }
        html.Append("</body></html>");
        return html.ToString();
    }
}
