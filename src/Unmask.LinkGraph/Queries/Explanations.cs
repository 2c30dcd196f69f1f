using System.Globalization;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Queries;

/// <summary>Turns a path into one sentence: "applicant A-17 gave the same phone +13125550123 as vendor V-3, which has
/// the website site inditechlab.com, which copies site legit.example."</summary>
internal static class Explanations
{
    public static string Sentence(LinkGraph graph, int[] path, IReadOnlyList<PathHop> hops)
    {
        if (path.Length < 2)
        {
            return "";
        }
        var parts = new List<string>();
        var i = 0;
        while (i < path.Length - 1)
        {
            var here = path[i];
            var next = path[i + 1];
            var nextKind = graph.NodeData[next].Kind;
            if (nextKind.IsIdentifier() && i + 2 < path.Length && graph.IsHolder(path[i + 2]))
            {
                var verb = graph.NodeData[here].Kind.IsRecord() && hops[i].Relation == hops[i + 1].Relation && !hops[i].Backward
                    ? "gave the same" : "shares the";
                var joiner = verb == "gave the same" ? "as" : "with";
                parts.Add($"{verb} {nextKind.Label()} {graph.NodeData[next].Caption} {joiner} {Name(graph, path[i + 2])}");
                i += 2;
            }
            else
            {
                var (forward, backward) = Relations.Phrases(hops[i].Relation);
                var phrase = hops[i].Backward ? backward : forward;
                if (hops[i].Relation == Relations.Matches)
                {
                    phrase += $" (score {graph.EdgeData[BestEdgeIndex(graph, here, next)].Weight.ToString("0.00", CultureInfo.InvariantCulture)})";
                }
                parts.Add($"{phrase} {Name(graph, next)}");
                i += 1;
            }
        }
        return Name(graph, path[0]) + " " + string.Join(", which ", parts) + ".";
    }

    /// <summary>How a node is named in sentences: records by kind and id only (never the person's name, INDICATORS.md
    /// ethics rule 7), list entries by caption and dataset, sites and identifiers by value.</summary>
    public static string Name(LinkGraph graph, int node)
    {
        ref readonly var n = ref graph.NodeData[node];
        return n.Kind switch
        {
            NodeKind.Applicant or NodeKind.Contractor or NodeKind.Vendor => $"{n.Kind.Prefix()} {NodeIds.ValueOf(n.Id)}",
            NodeKind.Entity => n.Dataset is null ? $"list entry '{n.Caption}'" : $"list entry '{n.Caption}' ({n.Dataset})",
            NodeKind.Site => $"site {NodeIds.ValueOf(n.Id)}",
            _ => $"{n.Kind.Label()} {n.Caption}",
        };
    }

    private static int BestEdgeIndex(LinkGraph graph, int a, int b) => PathFinder.BestEdge(graph, a, b);
}
