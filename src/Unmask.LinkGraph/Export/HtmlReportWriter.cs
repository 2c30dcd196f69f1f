using System.Globalization;
using System.Net;
using System.Text;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <param name="Title">Heading, e.g. "Case 12: cluster-1".</param>
/// <param name="Summary">A paragraph under the heading (decision, reason…).</param>
/// <param name="MaxDrawnNodes">The drawing shows at most this many nodes (riskiest holders first, then their identifiers);
/// the tables always list everything. Default 400.</param>
public sealed record HtmlReportOptions(string Title, string? Summary = null, int MaxDrawnNodes = 400);

/// <summary>
/// One self-contained HTML page for a case or cluster: a deterministic circular drawing of the network as inline SVG
/// (holders on the outer ring, identifiers on the inner ring, both in id order), then the nodes and the edges with their
/// evidence. No scripts, no external fonts or styles. Streams the tables, so a 100,000-member case needs memory only for
/// the drawn part.
/// </summary>
public static class HtmlReportWriter
{
    public static void Write(GraphSelection selection, Stream output, HtmlReportOptions options) =>
        Write(selection, null, output, options);

    /// <summary>The report with the cases of the export (status, decisions with analyst, time and reason, findings with
    /// evidence, audit entries) and the list datasets named by their publishers.</summary>
    public static void Write(ExportContent content, Stream output, HtmlReportOptions options) =>
        Write(content.Selection, content, output, options);

    private static void Write(GraphSelection selection, ExportContent? content, Stream output, HtmlReportOptions options)
    {
        var graph = selection.Graph;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(options.Title)}</title>\n<style>");
        // Long ids, hashes and evidence have no spaces to break at: without overflow-wrap the tables run off the page.
        writer.Write("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0;max-width:100%}td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px;text-align:left;vertical-align:top;overflow-wrap:anywhere}");
        writer.Write(".note{background:#fff7d6;padding:.5em 1em;border-left:4px solid #e0b000}svg{border:1px solid #ddd;background:#fcfcfc;max-width:100%;height:auto}</style></head><body>\n");
        writer.Write($"<h1>{E(options.Title)}</h1>\n");
        writer.Write("<p class=\"note\">Indicators for review, not a verdict: every link below is a reason for a person to look, with its evidence and source.</p>\n");
        if (options.Summary is not null)
        {
            writer.Write($"<p>{E(options.Summary)}</p>\n");
        }
        foreach (var item in content?.Cases ?? [])
        {
            WriteCase(writer, item);
        }
        WriteDrawing(writer, graph, selection, Math.Max(1, options.MaxDrawnNodes));
        writer.Write("<h2>Nodes</h2>\n<table><tr><th>id</th><th>kind</th><th>caption</th><th>risk</th><th>note</th></tr>\n");
        foreach (var node in selection.NodeIndices())
        {
            var data = graph.NodeAt(node);
            var note = data.IsDesignated ? "designated list entry" + (data.Dataset is null ? "" : $" ({Listed(content, data.Dataset)})") : data.IsHub ? $"hub (shared by {data.HolderDegree}), not traversed" : "";
            writer.Write($"<tr><td>{E(data.Id)}</td><td>{data.Kind.Prefix()}</td><td>{E(data.Caption)}</td><td>{data.Risk}</td><td>{E(note)}</td></tr>\n");
        }
        writer.Write("</table>\n<h2>Links and evidence</h2>\n<table><tr><th>from</th><th>relation</th><th>to</th><th>evidence</th><th>source</th></tr>\n");
        foreach (var e in selection.EdgeIndices())
        {
            var edge = graph.EdgeAt(e);
            var source = Listed(content, edge.Source);
            writer.Write($"<tr><td>{E(edge.From)}</td><td>{E(edge.Relation)}</td><td>{E(edge.To)}</td><td>{E(edge.Evidence)}</td><td>{E(source)}</td></tr>\n");
        }
        writer.Write("</table>\n");
        if (content is { Datasets.Count: > 0 })
        {
            writer.Write("<h2>Lists</h2>\n<table><tr><th>dataset</th><th>title</th><th>publisher</th><th>published</th></tr>\n");
            foreach (var dataset in content.Datasets.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                writer.Write($"<tr><td>{E(dataset.Name)}</td><td>{E(dataset.Title)}</td><td>{E(dataset.Publisher)}</td><td>{dataset.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}</td></tr>\n");
            }
            writer.Write("</table>\n");
        }
        writer.Write("</body></html>\n");
    }

    /// <summary>A list dataset with its publisher, "us_ofac_sdn (US Treasury OFAC)", when the export knows the dataset;
    /// any other source (<c>unmask vet</c>) as it is.</summary>
    private static string Listed(ExportContent? content, string source) =>
        content is not null && content.Datasets.TryGetValue(source, out var dataset) ? $"{source} ({dataset.Publisher})" : source;

    /// <summary>One case as HTML: status, decisions (analyst, time, reason), findings with evidence and source, audit
    /// entries. Every value is HTML-escaped.</summary>
    public static void WriteCase(TextWriter writer, CaseExport item)
    {
        writer.Write($"<h2>Case {E(item.Id)}: {E(item.Subject)}</h2>\n<p>Status <b>{E(item.Status)}</b>; opened {Time(item.OpenedAt)} by {E(item.OpenedBy)}; {item.Members.Count} members: {E(string.Join(", ", item.Members))}.</p>\n");
        writer.Write("<h3>Decisions</h3>\n");
        if (item.Decisions.Count == 0)
        {
            writer.Write("<p>No decision yet.</p>\n");
        }
        else
        {
            writer.Write("<table><tr><th>decision</th><th>analyst</th><th>time</th><th>reason</th></tr>\n");
            foreach (var d in item.Decisions)
            {
                writer.Write($"<tr><td>{E(d.Decision)}</td><td>{E(d.By)}</td><td>{Time(d.At)}</td><td>{E(d.Reason)}</td></tr>\n");
            }
            writer.Write("</table>\n");
        }
        writer.Write($"<h3>Findings ({item.Findings.Count})</h3>\n<table><tr><th>member</th><th>code</th><th>severity</th><th>evidence</th><th>source</th></tr>\n");
        foreach (var f in item.Findings)
        {
            writer.Write($"<tr><td>{E(f.Subject)}</td><td>{E(f.Code)}</td><td>{E(f.Severity)}</td><td>{E(f.Evidence)}</td><td>{E(f.Source)}</td></tr>\n");
        }
        writer.Write("</table>\n<h3>Audit trail</h3>\n<table><tr><th>entry</th><th>time</th><th>actor</th><th>action</th><th>details</th><th>chain hash</th></tr>\n");
        foreach (var a in item.Audit)
        {
            writer.Write($"<tr><td>{a.Sequence}</td><td>{Time(a.At)}</td><td>{E(a.Actor)}</td><td>{E(a.Action)}</td><td>{E(a.Details)}</td><td><code>{E(a.Hash)}</code></td></tr>\n");
        }
        writer.Write("</table>\n");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static void WriteDrawing(StreamWriter writer, LinkGraph graph, GraphSelection selection, int maxNodes)
    {
        var holders = selection.NodeIndices().Where(graph.IsHolder)
            .OrderByDescending(n => graph.NodeData[n].Risk).ThenBy(n => graph.NodeData[n].Id, StringComparer.Ordinal)
            .Take(maxNodes).ToList();
        var drawn = new HashSet<int>(holders);
        var identifiers = new SortedSet<int>(Comparer<int>.Create((a, b) => string.CompareOrdinal(graph.NodeData[a].Id, graph.NodeData[b].Id)));
        foreach (var h in holders)
        {
            foreach (var e in graph.Adjacent(h))
            {
                var other = graph.Other(e, h);
                if (drawn.Count + identifiers.Count >= maxNodes)
                {
                    break;
                }
                if (!graph.IsHolder(other) && selection.Contains(other))
                {
                    identifiers.Add(other);
                }
            }
        }
        holders.Sort((a, b) => string.CompareOrdinal(graph.NodeData[a].Id, graph.NodeData[b].Id));
        const double size = 900;
        const double centre = size / 2;
        var position = new Dictionary<int, (double X, double Y)>();
        void Ring(IReadOnlyList<int> nodes, double radius)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                var angle = (2 * Math.PI * i / Math.Max(1, nodes.Count)) - (Math.PI / 2);
                position[nodes[i]] = (centre + (radius * Math.Cos(angle)), centre + (radius * Math.Sin(angle)));
            }
        }
        Ring(holders, identifiers.Count == 0 ? 360 : 380);
        Ring([.. identifiers], 220);
        var total = selection.CountNodes();
        writer.Write($"<h2>Network</h2>\n<p>{position.Count} of {total} nodes drawn.</p>\n");
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" role=\"img\">\n"));
        foreach (var (node, from) in position)
        {
            foreach (var e in graph.Adjacent(node))
            {
                var other = graph.Other(e, node);
                if (graph.EdgeData[e].From == node && position.TryGetValue(other, out var to))
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture,
                        $"<line x1=\"{from.X:0.#}\" y1=\"{from.Y:0.#}\" x2=\"{to.X:0.#}\" y2=\"{to.Y:0.#}\" stroke=\"#999\" stroke-width=\"1\"><title>{E(graph.RelationNames[graph.EdgeData[e].Relation])}</title></line>\n"));
                }
            }
        }
        foreach (var (node, at) in position)
        {
            var data = graph.NodeAt(node);
            var colour = data.IsDesignated ? "#c0392b" : data.Kind.IsRecord() ? "#2c7fb8" : data.Kind == NodeKind.Site ? "#8e44ad" : data.IsHub ? "#bbb" : "#27ae60";
            var radius = data.Kind.IsIdentifier() ? 4 : 7;
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"<circle cx=\"{at.X:0.#}\" cy=\"{at.Y:0.#}\" r=\"{radius}\" fill=\"{colour}\"><title>{E(data.Id)} ({E(data.Caption)})</title></circle>\n"));
            if (!data.Kind.IsIdentifier() || position.Count <= 60)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"<text x=\"{at.X + 9:0.#}\" y=\"{at.Y + 4:0.#}\" font-size=\"10\" font-family=\"sans-serif\">{E(Short(data.Id))}</text>\n"));
            }
        }
        writer.Write("</svg>\n");
    }

    private static string Short(string id) => id.Length <= 40 ? id : id[..39] + "…";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
