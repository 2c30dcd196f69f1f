using System.Globalization;
using System.Net;

namespace Unmask.Screening;

/// <summary>
/// A self-contained HTML page of screening answers (no scripts, no outside resources), written as the answers come so
/// that a batch streams: <see cref="WriteStart"/>, one <see cref="WriteAnswer"/> per query, <see cref="WriteEnd"/>.
/// Every value from the query or the lists is escaped.
/// </summary>
public static class ScreeningHtml
{
    public static void WriteStart(TextWriter writer, string title, DateTimeOffset generated)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
        writer.Write(E(title));
        writer.Write("</title><style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
            + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f2f2f2}"
            + ".match{color:#b00;font-weight:bold}.error{color:#b00}.note{color:#666}</style></head><body>\n<h1>");
        writer.Write(E(title));
        writer.Write($"</h1><p class=\"note\">Generated {generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. "
            + "Scores are indicators for review, not verdicts.</p>\n");
    }

    /// <summary>One query: its results, or the reason it could not be screened (<paramref name="response"/> null).</summary>
    public static void WriteAnswer(TextWriter writer, string? id, string name, ScreeningResponse? response, string? error)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write($"<section><h2>{(string.IsNullOrEmpty(id) ? "" : E(id) + ": ")}{E(name)}</h2>\n");
        if (response is null)
        {
            writer.Write($"<p class=\"error\">not screened: {E(error ?? "unreadable")}</p></section>\n");
            return;
        }
        if (response.Results.Count == 0)
        {
            writer.Write("<p>no candidates scored above the reporting floor</p></section>\n");
            return;
        }
        writer.Write("<table><tr><th>score</th><th>match</th><th>entity</th><th>caption</th><th>matched name</th><th>datasets</th>"
            + "<th>programs</th><th>explanation</th></tr>\n");
        foreach (var r in response.Results)
        {
            writer.Write($"<tr><td>{r.Score.ToString("0.00", CultureInfo.InvariantCulture)}</td>"
                + (r.Match ? "<td class=\"match\">yes</td>" : "<td>no</td>")
                + $"<td>{E(r.Id)}</td><td>{E(r.Caption)}</td><td>{E(r.MatchedName)}</td><td>{E(string.Join(", ", r.Datasets))}</td>"
                + $"<td>{E(string.Join(", ", r.Programs))}</td><td>{string.Join("<br>", r.Explanation.Select(E))}</td></tr>\n");
        }
        writer.Write("</table></section>\n");
    }

    public static void WriteEnd(TextWriter writer, long screened, long matched, long bad)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"<p class=\"note\">{screened:N0} screened, {matched:N0} with a match, {bad:N0} bad rows not screened.</p>\n</body></html>\n"));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
