using System.Globalization;
using System.Net;
using Unmask.Vetting.Scoring;

namespace Unmask.Vetting.Output;

/// <summary>
/// A self-contained HTML report for HR reviewers: one card per record (riskiest first) with its findings, evidence, sources and
/// links, and the indicators that could not run. No scripts, no external fonts or styles; all text is HTML-encoded.
/// </summary>
public static class VetHtmlReport
{
    public static void Write(TextWriter writer, VetRun run, string title, DateTimeOffset generatedAt)
    {
        var results = run.Results.OrderByDescending(r => r.Risk).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        writer.Write($"<title>{E(title)}</title>");
        writer.Write("""
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1d2430;background:#f6f7f9}
h1{font-size:1.5rem;margin:0 0 .3rem}.note{background:#fff8e1;border:1px solid #f0d98c;padding:.8rem 1rem;border-radius:6px;margin:1rem 0}
.card{background:#fff;border:1px solid #d9dde3;border-left:6px solid #9aa5b1;border-radius:6px;padding:1rem 1.2rem;margin:1rem 0}
.card.critical{border-left-color:#8b0000}.card.high{border-left-color:#d9480f}.card.medium{border-left-color:#e8a400}.card.low{border-left-color:#4c6ef5}.card.clear{border-left-color:#2b8a3e}
.lvl{display:inline-block;padding:.1rem .5rem;border-radius:4px;font-weight:600;font-size:.85rem;background:#e9ecef}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eceff3;vertical-align:top;font-size:.92rem}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}.muted{color:#5c6773;font-size:.85rem}
</style></head><body>
""");
        writer.Write($"<h1>{E(title)}</h1>");
        writer.Write($"<p class=\"muted\">Generated {E(generatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))} · {run.Stats.Records} records · {run.Stats.SignIns} sign-ins · weights {E(results.FirstOrDefault()?.Algorithm ?? "")}</p>");
        writer.Write("<div class=\"note\"><strong>These are indicators for review, not verdicts.</strong> Each finding is a reason for a person to look, "
            + "with its evidence and public source. Nothing here is based on name origin, nationality, language or appearance. "
            + "Do not reject, block or decline anyone on the strength of this report alone; verify with the person and your policies.</div>");
        var counts = Enum.GetValues<RiskLevel>().Reverse().Select(l => $"{l.ToString().ToLowerInvariant()}: {results.Count(r => r.Level == l)}");
        writer.Write($"<p>{E(string.Join(" · ", counts))}</p>");
        if (run.NotRun.Count > 0)
        {
            writer.Write("<details><summary>Indicators that could not run for this batch</summary><table><tr><th>code</th><th>why</th></tr>");
            foreach (var n in run.NotRun)
            {
                writer.Write($"<tr><td><code>{E(n.Code)}</code></td><td>{E(n.Reason)}</td></tr>");
            }
            writer.Write("</table></details>");
        }
        foreach (var r in results)
        {
            var level = r.Level.ToString().ToLowerInvariant();
            writer.Write($"<section class=\"card {level}\" id=\"{E(r.Kind)}-{E(r.Id)}\"><h2>{E(r.Kind)} {E(r.Id)} <span class=\"lvl\">{E(level)} · risk {r.Risk}</span></h2>");
            if (r.Findings.Count == 0)
            {
                writer.Write("<p class=\"muted\">No indicators.</p>");
            }
            else
            {
                writer.Write("<table><tr><th>indicator</th><th>severity</th><th>evidence</th><th>source</th></tr>");
                foreach (var f in r.Findings)
                {
                    writer.Write($"<tr><td><code>{E(f.Code)}</code></td><td>{E(f.Severity.ToString().ToLowerInvariant())}</td><td>{E(f.Evidence)}</td><td>{E(f.Source)}</td></tr>");
                }
                writer.Write("</table>");
            }
            if (r.Links.Count > 0)
            {
                writer.Write("<p class=\"muted\">Linked: ");
                writer.Write(string.Join(", ", r.Links.Take(20).Select(l => $"<code>{E(l.Entity)}</code> via <code>{E(l.Via)}</code>")));
                writer.Write(r.Links.Count > 20 ? $" and {r.Links.Count - 20} more" : "");
                writer.Write("</p>");
            }
            if (r.NotRun.Count > 0)
            {
                writer.Write($"<p class=\"muted\">Could not run: {E(string.Join("; ", r.NotRun.Select(n => $"{n.Code} ({n.Reason})")))}</p>");
            }
            writer.Write("</section>");
        }
        writer.Write("</body></html>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
