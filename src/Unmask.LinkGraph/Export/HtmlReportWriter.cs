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
    public static void Write(GraphSelection selection, Stream output, HtmlReportOptions options)
    {
        var graph = selection.Graph;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(options.Title)}</title>\n<style>");
        writer.Write("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px;text-align:left}");
        writer.Write(".note{background:#fff7d6;padding:.5em 1em;border-left:4px solid #e0b000}svg{border:1px solid #ddd;background:#fcfcfc}</style></head><body>\n");
        writer.Write($"<h1>{E(options.Title)}</h1>\n");
        writer.Write("<p class=\"note\">Indicators for review, not a verdict: every link below is a reason for a person to look, with its evidence and source.</p>\n");
        if (options.Summary is not null)
        {
            writer.Write($"<p>{E(options.Summary)}</p>\n");
        }
        WriteDrawing(writer, graph, selection, Math.Max(1, options.MaxDrawnNodes));
        writer.Write("<h2>Nodes</h2>\n<table><tr><th>id</th><th>kind</th><th>caption</th><th>risk</th><th>note</th></tr>\n");
        foreach (var node in selection.NodeIndices())
        {
            var data = graph.NodeAt(node);
            var note = data.IsDesignated ? "designated list entry" : data.IsHub ? $"hub (shared by {data.HolderDegree}), not traversed" : "";
            writer.Write($"<tr><td>{E(data.Id)}</td><td>{data.Kind.Prefix()}</td><td>{E(data.Caption)}</td><td>{data.Risk}</td><td>{note}</td></tr>\n");
        }
        writer.Write("</table>\n<h2>Links and evidence</h2>\n<table><tr><th>from</th><th>relation</th><th>to</th><th>evidence</th><th>source</th></tr>\n");
        foreach (var e in selection.EdgeIndices())
        {
            var edge = graph.EdgeAt(e);
            writer.Write($"<tr><td>{E(edge.From)}</td><td>{E(edge.Relation)}</td><td>{E(edge.To)}</td><td>{E(edge.Evidence)}</td><td>{E(edge.Source)}</td></tr>\n");
        }
        writer.Write("</table>\n</body></html>\n");
    }

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
