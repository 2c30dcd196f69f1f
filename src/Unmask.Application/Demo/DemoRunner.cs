using System.Globalization;
using System.Net;
using System.Text;
using Unmask.Application.Lists;
using Unmask.Storage;
using Unmask.Watchlists;

namespace Unmask.Application.Demo;

/// <summary>What <c>unmask demo</c> did, for the summary it prints.</summary>
public sealed record DemoSummary(IReadOnlyList<ImportResult> Imports, IReadOnlyList<DatasetSummary> Datasets, IReadOnlyList<string> Sections, string ReportPath);

/// <summary>
/// The main job on the bundled samples (samples/): imports the sample lists and writes an HTML report.
/// Works offline; every sample is fictional and written by the project in the real published formats.
/// </summary>
public sealed class DemoRunner(IUnmaskStore store, ListReaders readers, TimeProvider time)
{
    public async Task<DemoSummary> RunAsync(string samplesFolder, string reportPath, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var listsFolder = Path.Combine(samplesFolder, "lists");
        if (!Directory.Exists(listsFolder))
        {
            throw new Domain.InputException(listsFolder, null, "bundled samples not found (expected samples/lists beside the program)");
        }
        var importer = new ListImporter(store, readers);
        var imports = await importer.ImportAsync([listsFolder], new ImportOptions(ReplaceNewer: true), progress, cancellationToken);
        var datasets = await store.Lists.GetDatasetsAsync(cancellationToken);
        var sections = new List<string> { "lists" };
        await File.WriteAllTextAsync(reportPath, RenderReport(datasets, time.GetUtcNow()), cancellationToken);
        return new DemoSummary(imports, datasets, sections, Path.GetFullPath(reportPath));
    }

    private static string RenderReport(IReadOnlyList<DatasetSummary> datasets, DateTimeOffset now)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unmask demo report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
            .Append("th{background:#f3f3f3}.note{color:#555}</style></head><body>")
            .Append("<h1>Unmask demo report</h1><p class=\"note\">Generated ").Append(now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" from the bundled, fictional samples. Findings are indicators for review, never verdicts.</p>")
            .Append("<h2>Lists</h2><table><tr><th>dataset</th><th>publisher</th><th>published</th><th>entities</th><th>names</th><th>identifiers</th></tr>");
        foreach (var d in datasets)
        {
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(d.Dataset)).Append("</td><td>").Append(WebUtility.HtmlEncode(d.Publisher))
                .Append("</td><td>").Append(d.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-")
                .Append("</td><td>").Append(d.Entities).Append("</td><td>").Append(d.Names).Append("</td><td>").Append(d.Identifiers).Append("</td></tr>");
        }
        html.Append("</table></body></html>");
        return html.ToString();
    }
}
