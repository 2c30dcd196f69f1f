using System.Globalization;
using System.Net;
using System.Text;
using Unmask.WebsiteAnalysis.Similarity;

namespace Unmask.WebsiteAnalysis.Reports;

/// <summary>A self-contained HTML page (inline CSS, no scripts, no external resources): clones with copied passages side by side,
/// words that differ highlighted; swapped brand strings; fingerprints; pivots; findings.</summary>
public static class SiteReportHtml
{
    public static string Render(SiteReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unmask site report: ").Append(E(report.Target)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}")
            .Append("td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}th{background:#f3f3f3}")
            .Append("ins{background:#ffd5d5;text-decoration:none}del{background:#d5e8ff;text-decoration:none}.sev-high,.sev-critical{color:#b00020;font-weight:bold}")
            .Append(".sev-medium{color:#b35c00}.same{color:#2e7d32}.small{color:#666;font-size:.85em}</style></head><body>");
        html.Append("<h1>Site report: ").Append(E(report.Target)).Append("</h1><p>").Append(report.Pages).Append(" page(s) analysed.</p>");

        html.Append("<h2>Findings</h2>");
        if (report.Findings.Count == 0)
        {
            html.Append("<p>No findings.</p>");
        }
        else
        {
            html.Append("<table><tr><th>Code</th><th>Severity</th><th>Evidence</th></tr>");
            foreach (var f in report.Findings)
            {
                html.Append("<tr><td>").Append(E(f.Code)).Append("</td><td class=\"sev-").Append(E(f.Severity)).Append("\">").Append(E(f.Severity))
                    .Append("</td><td>").Append(E(f.Evidence)).Append("</td></tr>");
            }
            html.Append("</table>");
        }

        html.Append("<h2>Copied sites</h2>");
        if (report.Clones.Count == 0)
        {
            html.Append("<p>The site copies no indexed site.</p>");
        }
        foreach (var clone in report.Clones)
        {
            var same = clone.Relation == CloneMatch.SameSiteRelation;
            html.Append("<h3").Append(same ? " class=\"same\"" : "").Append('>').Append(same ? "Same site as " : "Copies ").Append(E(clone.Reference)).Append("</h3>")
                .Append("<p>similarity ").Append(F(clone.Similarity)).Append(", copied fraction ").Append(F(clone.CopiedFraction))
                .Append(", share of this site's text ").Append(F(clone.SuspectShare)).Append(", ").Append(clone.CopiedWords).Append(" words; template similarity ")
                .Append(F(clone.TemplateSimilarity)).Append("</p>");
            if (clone.SameSiteEvidence.Count > 0)
            {
                html.Append("<p class=\"small\">Same-site evidence: ").Append(E(string.Join("; ", clone.SameSiteEvidence))).Append("</p>");
            }
            if (clone.BrandSubstitutions.Count > 0)
            {
                html.Append("<table><tr><th>Original</th><th>Replacement</th><th>Type</th><th>Count</th></tr>");
                foreach (var s in clone.BrandSubstitutions)
                {
                    html.Append("<tr><td><del>").Append(E(s.Original)).Append("</del></td><td><ins>").Append(E(s.Replacement)).Append("</ins></td><td>")
                        .Append(E(s.Type)).Append("</td><td>").Append(s.Count).Append("</td></tr>");
                }
                html.Append("</table>");
            }
            CopiedArtefacts(html, clone.CopiedArtefacts);
            PageMap(html, clone.PageMap);
            html.Append("<table><tr><th>Target</th><th>Reference</th></tr>");
            foreach (var p in clone.Passages)
            {
                var (left, right) = Diff(p.Text, p.ReferenceText);
                html.Append("<tr><td><div class=\"small\">").Append(E(p.TargetPage)).Append("</div>").Append(left)
                    .Append("</td><td><div class=\"small\">").Append(E(p.ReferencePage)).Append("</div>").Append(right).Append("</td></tr>");
            }
            html.Append("</table>");
        }

        html.Append("<h2>Fingerprints</h2><table>");
        Row(html, "Trackers", report.Fingerprints.Trackers);
        Row(html, "Favicon (mmh3)", report.Fingerprints.FaviconMmh3.Select(h => h.ToString(CultureInfo.InvariantCulture)));
        Row(html, "E-mails", report.Fingerprints.Emails);
        Row(html, "Phones", report.Fingerprints.Phones);
        Row(html, "Addresses", report.Fingerprints.Addresses);
        Row(html, "Messengers", report.Fingerprints.Messengers);
        Row(html, "Template", [report.Fingerprints.Template]);
        html.Append("</table><h2>Pivots</h2>");
        if (report.Pivots.Count == 0)
        {
            html.Append("<p>No indexed site shares an identifier with this one.</p>");
        }
        else
        {
            html.Append("<table><tr><th>Site</th><th>Operator link</th><th>Shared (indexed sites carrying it, weight)</th></tr>");
            foreach (var pivot in report.Pivots)
            {
                var shared = pivot.Values.Count > 0
                    ? pivot.Values.Select(v => $"{v.Value} ({v.Sites}, {F(v.Weight)})")
                    : pivot.Shared;
                html.Append("<tr><td>").Append(E(pivot.Site)).Append("</td><td").Append(pivot.Operator ? " class=\"sev-high\">yes" : ">no")
                    .Append("</td><td>").Append(E(string.Join(", ", shared))).Append("</td></tr>");
            }
            html.Append("</table>");
        }
        if (report.Warnings.Count > 0)
        {
            html.Append("<h2>Warnings</h2><ul>");
            foreach (var warning in report.Warnings)
            {
                html.Append("<li>").Append(E(warning)).Append("</li>");
            }
            html.Append("</ul>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static void CopiedArtefacts(StringBuilder html, IReadOnlyList<CopiedArtefact> artefacts)
    {
        if (artefacts.Count == 0)
        {
            return;
        }
        html.Append("<table><tr><th>Copied file</th><th>Kind</th><th>Reference file</th><th>SHA-256</th><th>Indexed sites loading it</th></tr>");
        foreach (var a in artefacts)
        {
            html.Append("<tr><td>").Append(E(a.TargetPath)).Append("</td><td>").Append(E(a.Kind)).Append("</td><td>").Append(E(a.ReferencePath))
                .Append("</td><td class=\"small\">").Append(E(a.Sha256)).Append("</td><td>").Append(a.SharedBySites)
                .Append(a.Common ? " (common)" : "").Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void PageMap(StringBuilder html, IReadOnlyList<PageSource> map)
    {
        if (map.Count == 0)
        {
            return;
        }
        html.Append("<table><tr><th>Page</th><th>Copied from</th><th>Copied words</th><th>Share of the page</th></tr>");
        foreach (var m in map)
        {
            html.Append("<tr><td>").Append(E(m.TargetPage)).Append("</td><td>").Append(E(m.ReferencePage)).Append("</td><td>").Append(m.CopiedWords)
                .Append("</td><td>").Append(F(m.Share)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    /// <summary>Word-level LCS diff: words only in the target are wrapped in &lt;ins&gt;, words only in the reference in &lt;del&gt;.</summary>
    public static (string Target, string Reference) Diff(string target, string reference)
    {
        var a = target.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var b = reference.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if ((long)a.Length * b.Length > 4_000_000)
        {
            return (E(target), E(reference));
        }
        var na = a.Select(Norm).ToArray();
        var nb = b.Select(Norm).ToArray();
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = na[i] == nb[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var left = new StringBuilder();
        var right = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && na[x] == nb[y])
            {
                left.Append(E(a[x++])).Append(' ');
                right.Append(E(b[y++])).Append(' ');
            }
            else if (y >= b.Length || (x < a.Length && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                left.Append("<ins>").Append(E(a[x++])).Append("</ins> ");
            }
            else
            {
                right.Append("<del>").Append(E(b[y++])).Append("</del> ");
            }
        }
        return (left.ToString().TrimEnd(), right.ToString().TrimEnd());
    }

    private static string Norm(string word) => Tokenizer.Tokenize(word) is { Count: > 0 } tokens ? string.Join(' ', tokens.Select(t => t.Norm)) : word;

    private static void Row(StringBuilder html, string name, IEnumerable<string> values) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(string.Join(", ", values))).Append("</td></tr>");

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
