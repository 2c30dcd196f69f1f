using System.CommandLine;
using System.Text;
using System.Text.Json;
using Unmask.Application.Graph;
using Unmask.Domain;
using Unmask.LinkGraph;
using Unmask.LinkGraph.Model;
using Unmask.LinkGraph.Serialisation;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask graph build|show|path|clusters</c> (CONTRACT.md, link graph).</summary>
public static class GraphCommands
{
    public static Command Build(CliConsole console)
    {
        var graph = new Command("graph", "Build and query the link graph: records, list entities and sites joined by the identifiers they share");
        graph.Subcommands.Add(BuildCommand(console));
        graph.Subcommands.Add(Show(console));
        graph.Subcommands.Add(Path(console));
        graph.Subcommands.Add(Clusters(console));
        return graph;
    }

    private static Command BuildCommand(CliConsole console)
    {
        var command = new Command("build", "(Re)build the graph from everything in the store: list entities, vetted records, indexed and analysed sites, screening hits");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var (_, summary) = await new GraphService(store).BuildAsync(cancellationToken);
            if (format == "json")
            {
                await ListsCommands.WriteJson(console.Out, new { nodes = summary.Nodes, edges = summary.Edges, list_entities = summary.ListEntities, sites = summary.Sites, records = summary.Records });
            }
            else
            {
                await console.Out.WriteLineAsync($"graph: {summary.Nodes:N0} nodes, {summary.Edges:N0} edges from {summary.ListEntities:N0} list entities, {summary.Sites:N0} sites, {summary.Records:N0} vetted records");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var node = new Argument<string>("NODE") { Description = "A node id (applicant:A-17, entity:us_ofac_sdn-24977, site:…, phone:+1…), a name or an identifier value" };
        var depth = new Option<int>("--depth") { Description = "How many hops around the node", DefaultValueFactory = _ => 1 };
        var command = new Command("show", "A node and its neighbourhood, with the evidence on every edge") { node, depth };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "json", "table");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var graph = await new GraphService(store).LoadAsync(cancellationToken);
            var resolved = Resolve(graph, parsed.GetValue(node)!);
            await Note(console, resolved);
            var result = graph.Neighbourhood(resolved.Node.Id, Math.Clamp(parsed.GetValue(depth), 0, 6));
            if (format == "table")
            {
                GraphTables.WriteShow(console, result);
            }
            else
            {
                await console.Out.WriteLineAsync(Json(w => GraphJson.WriteShow(w, result)));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Path(CliConsole console)
    {
        var from = new Argument<string>("A") { Description = "Start: a node id, a name or an identifier value" };
        var to = new Argument<string>("B") { Description = "End: a node id, a name or an identifier value" };
        var maxLength = new Option<int>("--max-length") { Description = "Longest path, in hops", DefaultValueFactory = _ => 6 };
        var limit = new Option<int>("--limit") { Description = "Most paths", DefaultValueFactory = _ => 3 };
        var command = new Command("path", "The shortest evidence paths between two nodes, explained in words") { from, to, maxLength, limit };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "json", "table");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var graph = await new GraphService(store).LoadAsync(cancellationToken);
            var a = Resolve(graph, parsed.GetValue(from)!);
            var b = Resolve(graph, parsed.GetValue(to)!);
            await Note(console, a);
            await Note(console, b);
            var result = graph.Paths(a.Node.Id, b.Node.Id, Math.Clamp(parsed.GetValue(maxLength), 1, 12), Math.Clamp(parsed.GetValue(limit), 1, 20));
            if (format == "table")
            {
                await GraphTables.WritePathsAsync(console, result);
            }
            else
            {
                await console.Out.WriteLineAsync(Json(w => GraphJson.WritePaths(w, result)));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Clusters(CliConsole console)
    {
        var minSize = new Option<int>("--min-size") { Description = "Smallest cluster listed", DefaultValueFactory = _ => 2 };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a cluster's level is at least this (low, medium, high, critical)" };
        var command = new Command("clusters", "Connected groups of records, sites and list entities, riskiest first, with the reason each member is in") { minSize, failOn };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "json", "table");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var graph = await new GraphService(store).LoadAsync(cancellationToken);
            var clusters = graph.Clusters(Math.Max(1, parsed.GetValue(minSize)));
            if (format == "table")
            {
                await GraphTables.WriteClustersAsync(console, clusters);
            }
            else
            {
                await console.Out.WriteLineAsync(Json(w => GraphJson.WriteClusters(w, clusters)));
            }
            var level = parsed.GetValue(failOn);
            if (level is not null)
            {
                var rank = Severity.Parse(level == "clear" ? "info" : level);
                return clusters.Any(c => Severity.Rank(c.Level == "clear" ? "info" : c.Level) >= rank) ? ExitCodes.Flagged : ExitCodes.Success;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Unmask.LinkGraph.Queries.NodeResolution Resolve(Unmask.LinkGraph.LinkGraph graph, string text)
    {
        try
        {
            return graph.ResolveNode(text);
        }
        catch (UnknownNodeException)
        {
            throw new InputException("graph", null, $"no node matches '{text}' (use a node id such as applicant:A-17, entity:us_ofac_sdn-24977 or phone:+13125550123, a name or an identifier value; run 'unmask graph build' after importing or vetting)");
        }
    }

    private static async Task Note(CliConsole console, Unmask.LinkGraph.Queries.NodeResolution resolution)
    {
        if (resolution.Text != resolution.Node.Id)
        {
            await console.Error.WriteLineAsync($"'{resolution.Text}' resolved to {resolution.Node.Id} ({resolution.How})"
                + (resolution.Alternatives.Count > 0 ? $"; also possible: {string.Join(", ", resolution.Alternatives.Take(5))}" : ""));
        }
    }

    internal static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
