using System.Diagnostics;
using System.Globalization;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Tests.Scale;

/// <summary>Timings and memory of one <see cref="GraphScale.Run"/>.</summary>
/// <param name="ManagedHeapMegabytes">Live managed heap after the build (graph + builder released), in MB.</param>
/// <param name="Generate">Making the synthetic data and adding it to the builder (interning, deduplication): most of a build.</param>
/// <param name="Build">Freezing the builder into the graph (adjacency, hub degrees).</param>
/// <param name="PathsCold">The first path query, which includes JIT compilation.</param>
/// <param name="PeakWorkingSetMegabytes">The process's peak working set so far, in MB (includes the runtime and builder).</param>
public sealed record GraphScaleResult(
    int Nodes,
    int Edges,
    TimeSpan Generate,
    TimeSpan Build,
    double ManagedHeapMegabytes,
    double PeakWorkingSetMegabytes,
    TimeSpan PathsCold,
    TimeSpan PathsMedian,
    TimeSpan PathsMax,
    int PathQueries,
    int PathsFound,
    TimeSpan Clusters,
    int ClusterCount,
    int LargestCluster,
    int Hubs)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"nodes {Nodes:N0}, edges {Edges:N0}: generate {Generate.TotalSeconds:0.0} s, build {Build.TotalSeconds:0.0} s, heap {ManagedHeapMegabytes:0} MB, peak working set {PeakWorkingSetMegabytes:0} MB, paths cold {PathsCold.TotalMilliseconds:0.0} ms, warm median {PathsMedian.TotalMilliseconds:0.0} ms / max {PathsMax.TotalMilliseconds:0.0} ms ({PathsFound}/{PathQueries} found), clusters {Clusters.TotalSeconds:0.0} s ({ClusterCount:N0} clusters, largest {LargestCluster:N0} members), hubs {Hubs:N0}");
}

/// <summary>
/// A seeded synthetic graph shaped like real data, and a harness that times building and querying it. 30% of nodes are
/// holders (list entities, 1 in 100 designated; applicants; vendors; suspect sites), 70% identifiers (phone, e-mail,
/// address, domain, wallet, tracker). Edges join a holder to an identifier, 1 in 10 to one of a few hundred popular
/// identifiers (which become hubs), plus 1 in 20 holder-to-holder ownership links. Every edge has its own evidence text.
/// </summary>
public static class GraphScale
{
    private static readonly NodeKind[] IdentifierKinds = [NodeKind.Phone, NodeKind.Email, NodeKind.Address, NodeKind.Domain, NodeKind.Wallet, NodeKind.Tracker];

    private static readonly string[] RelationOf = [Relations.HasPhone, Relations.HasEmail, Relations.HasAddress, Relations.HasDomain, Relations.HasWallet, Relations.HasTracker];

    public static GraphBuilder Generate(int nodes, int edges, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 10);
        var random = new Random(seed);
        var builder = new GraphBuilder(nodes, edges);
        var holders = Math.Max(2, nodes * 3 / 10);
        var identifiers = nodes - holders;
        var holderIds = new string[holders];
        for (var i = 0; i < holders; i++)
        {
            var slot = i % 100;
            holderIds[i] = slot switch
            {
                < 70 => builder.AddNode($"entity:gen-{i}", $"Entity {i}", slot == 0 ? 100 : 0, slot == 0 ? NodeFlags.Designated : NodeFlags.None, "Company", "gen"),
                < 90 => builder.AddNode($"applicant:A-{i}", $"Applicant {i}", random.Next(0, 40)),
                < 95 => builder.AddNode($"vendor:V-{i}", $"Vendor {i}", random.Next(0, 40)),
                _ => builder.AddNode($"site:site{i}.example", $"site{i}.example", 0, NodeFlags.Suspect),
            };
        }
        var identifierIds = new string[identifiers];
        for (var i = 0; i < identifiers; i++)
        {
            identifierIds[i] = builder.AddNode($"{IdentifierKinds[i % IdentifierKinds.Length].Prefix()}:gen-{i}");
        }
        var popular = Math.Max(1, Math.Min(300, identifiers / 100));
        var added = 0;
        var attempts = 0;
        while (added < edges && attempts < edges * 3)
        {
            attempts++;
            var from = holderIds[random.Next(holders)];
            var before = builder.EdgeCount;
            if (random.Next(20) == 0)
            {
                builder.AddEdge(from, holderIds[random.Next(holders)], Relations.OwnedBy, $"ownership record {attempts}", "gen");
            }
            else
            {
                var target = random.Next(10) == 0 ? random.Next(popular) : random.Next(identifiers);
                builder.AddEdge(from, identifierIds[target], RelationOf[target % RelationOf.Length], $"value seen on record {attempts}", "gen");
            }
            added += builder.EdgeCount - before;
        }
        return builder;
    }

    /// <summary>Generates, builds, runs 20 path queries between random records and one cluster pass; returns the figures.</summary>
    public static GraphScaleResult Run(int nodes, int edges, int seed, int pathQueries = 20)
    {
        var clock = Stopwatch.StartNew();
        var builder = Generate(nodes, edges, seed);
        var generate = clock.Elapsed;
        clock.Restart();
        var graph = builder.Build();
        var build = clock.Elapsed;
        builder = null;
        _ = builder;
        var heap = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        var random = new Random(seed + 1);
        var records = graph.Nodes.Where(n => n.Kind.IsRecord()).Select(n => n.Id).Take(100_000).ToList();
        var timings = new List<TimeSpan>();
        var found = 0;
        // The first query pays for JIT compilation of the query code; it is reported apart (a server runs warm).
        clock.Restart();
        graph.Paths(records[0], records[^1]);
        var cold = clock.Elapsed;
        for (var q = 0; q < pathQueries && records.Count > 1; q++)
        {
            var a = records[random.Next(records.Count)];
            var b = records[random.Next(records.Count)];
            clock.Restart();
            var result = graph.Paths(a, b);
            timings.Add(clock.Elapsed);
            found += result.Paths.Count > 0 ? 1 : 0;
        }
        timings.Sort();
        clock.Restart();
        var clusters = graph.Clusters();
        var clusterTime = clock.Elapsed;
        return new GraphScaleResult(graph.NodeCount, graph.EdgeCount, generate, build, heap, peak, cold,
            timings.Count == 0 ? TimeSpan.Zero : timings[timings.Count / 2], timings.Count == 0 ? TimeSpan.Zero : timings[^1],
            timings.Count, found, clusterTime, clusters.Count, clusters.Count == 0 ? 0 : clusters.Max(c => c.Members.Count),
            graph.Nodes.Count(n => n.IsHub));
    }
}
