using System.Globalization;
using Spectre.Console;
using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Queries;

namespace Unmask.Cli.Commands;

/// <summary>The <c>--format table</c> views of <c>graph show|path|clusters</c>: the same facts as the JSON, for a person.</summary>
internal static class GraphTables
{
    public static void WriteShow(CliConsole console, NeighbourhoodResult result)
    {
        var nodes = new Table().Title(Markup.Escape($"{result.Node.Id}: {result.Node.Caption} (depth {result.Depth}{(result.Truncated ? ", truncated" : "")})"))
            .AddColumns("node", "kind", "caption", "risk", "note");
        foreach (var node in result.Nodes)
        {
            nodes.AddRow(Markup.Escape(node.Id), node.Kind.Prefix(), Markup.Escape(node.Caption), Number(node.Risk), Markup.Escape(Note(node)));
        }
        console.Tables.Write(nodes);
        var edges = new Table().Title("edges").AddColumns("from", "relation", "to", "evidence", "source");
        foreach (var edge in result.Edges)
        {
            edges.AddRow(Markup.Escape(edge.From), Markup.Escape(edge.Relation), Markup.Escape(edge.To), Markup.Escape(edge.Evidence), Markup.Escape(edge.Source));
        }
        console.Tables.Write(edges);
    }

    public static async Task WritePathsAsync(CliConsole console, PathResult result)
    {
        if (result.Paths.Count == 0)
        {
            await console.Out.WriteLineAsync($"no path from {result.From.Node.Id} to {result.To.Node.Id} within {result.MaxLength} hops");
            return;
        }
        var number = 0;
        foreach (var path in result.Paths)
        {
            number++;
            var table = new Table().Title(Markup.Escape($"path {number}: {path.Length} hops. {path.Explanation}"))
                .AddColumns("from", "relation", "to", "evidence", "source");
            foreach (var hop in path.Hops)
            {
                table.AddRow(Markup.Escape(hop.From), Markup.Escape(hop.Backward ? $"{hop.Relation} (reversed)" : hop.Relation),
                    Markup.Escape(hop.To), Markup.Escape(hop.Evidence), Markup.Escape(hop.Source));
            }
            console.Tables.Write(table);
        }
    }

    public static async Task WriteClustersAsync(CliConsole console, IReadOnlyList<Cluster> clusters)
    {
        if (clusters.Count == 0)
        {
            await console.Out.WriteLineAsync("no clusters with an applicant, contractor, vendor or suspect site");
            return;
        }
        var table = new Table().AddColumns("cluster", "risk", "level", "designated", "members", "shared");
        foreach (var cluster in clusters)
        {
            table.AddRow(
                Markup.Escape(cluster.Id), Number(cluster.Risk), cluster.Level, cluster.ReachesDesignated ? "[bold red]yes[/]" : "no",
                Markup.Escape(string.Join("\n", cluster.Members.Select(m => $"{m.Node} ({m.Caption}): {m.Reason}"))),
                Markup.Escape(string.Join("\n", cluster.Shared)));
        }
        console.Tables.Write(table);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Note(GraphNode node) =>
        string.Join(", ", new[]
        {
            node.IsDesignated ? "designated" : null,
            node.IsHub ? $"hub shared by {node.HolderDegree}: never joins" : null,
        }.OfType<string>());
}
