using System.Security.Cryptography;
using System.Text;
using Unmask.Storage;

namespace Unmask.Storage.Tests;

/// <summary>What every backend's graph store must do. A backend's test class inherits this and supplies a fresh store.</summary>
public abstract class GraphStoreContract
{
    private static readonly DateTimeOffset BuiltAt = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    protected abstract Task<IUnmaskStore> NewStoreAsync();

    [Fact]
    public async Task No_graph_was_built_yet()
    {
        await using var store = await NewStoreAsync();

        (await store.Graph.LoadSnapshotAsync()).ShouldBeNull();
        (await ToListAsync(store.Graph.NodesAsync())).ShouldBeEmpty();
        (await ToListAsync(store.Graph.EdgesAsync())).ShouldBeEmpty();
        await store.Graph.InvalidateAsync(); // nothing to mark
    }

    [Fact]
    public async Task A_saved_graph_gives_back_its_snapshot_nodes_and_edges_with_their_evidence()
    {
        await using var store = await NewStoreAsync();
        var graph = SmallGraph("first");

        await store.Graph.SaveAsync(graph);

        (await store.Graph.LoadSnapshotAsync()).ShouldBe(graph.Snapshot);
        var nodes = await ToListAsync(store.Graph.NodesAsync());
        nodes.Select(n => (n.Id, n.Kind, n.Caption, n.Risk)).ShouldBe(graph.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => (n.Id, n.Kind, n.Caption, n.Risk)));
        nodes.Single(n => n.Id == "entity:us_ofac_sdn-1").PropertiesJson.ShouldNotBeNull().ShouldContain("us_ofac_sdn");
        nodes.Single(n => n.Id == "phone:+13125550101").PropertiesJson.ShouldBeNull();
        (await ToListAsync(store.Graph.EdgesAsync())).ShouldBe(graph.Edges.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Target, StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_invalidated_graph_has_no_snapshot_but_keeps_its_rows_until_the_next_build()
    {
        await using var store = await NewStoreAsync();
        await store.Graph.SaveAsync(SmallGraph("first"));

        await store.Graph.InvalidateAsync();

        (await store.Graph.LoadSnapshotAsync()).ShouldBeNull();
        (await ToListAsync(store.Graph.NodesAsync())).Count.ShouldBe(4);
        var rebuilt = SmallGraph("second");
        await store.Graph.SaveAsync(rebuilt);
        (await store.Graph.LoadSnapshotAsync()).ShouldBe(rebuilt.Snapshot);
    }

    [Fact]
    public async Task A_new_graph_replaces_the_old_one_whole_with_its_snapshot()
    {
        await using var store = await NewStoreAsync();
        var first = SmallGraph("first");
        await store.Graph.SaveAsync(first);
        var second = new StoredGraph(BuiltAt.AddHours(1), [new GraphNodeRow("vendor:V-9", "vendor", "Bright Path LLC", 55, null)], [],
            Encoding.UTF8.GetBytes("second snapshot"));

        await store.Graph.SaveAsync(second);

        (await ToListAsync(store.Graph.NodesAsync())).Select(n => n.Id).ShouldBe(["vendor:V-9"]);
        (await ToListAsync(store.Graph.EdgesAsync())).ShouldBeEmpty();
        (await store.Graph.LoadSnapshotAsync()).ShouldBe(second.Snapshot);
        (await store.Blobs.GetAsync(Convert.ToHexStringLower(SHA256.HashData(first.Snapshot)))).ShouldBeNull("a snapshot is megabytes: the old one goes");
    }

    [Fact]
    public async Task An_edge_to_a_node_not_in_the_graph_is_refused_and_the_previous_graph_stays()
    {
        await using var store = await NewStoreAsync();
        var first = SmallGraph("first");
        await store.Graph.SaveAsync(first);
        var broken = SmallGraph("broken") is var g
            ? g with { Edges = [.. g.Edges, new GraphEdgeRow("applicant:A-1", "email:nobody@example.com", "has_email", 1, "gave it", "unmask vet")] }
            : null!;

        await Should.ThrowAsync<Exception>(() => store.Graph.SaveAsync(broken));

        (await store.Graph.LoadSnapshotAsync()).ShouldBe(first.Snapshot);
        (await ToListAsync(store.Graph.EdgesAsync())).Count.ShouldBe(first.Edges.Count);
    }

    [Fact]
    public async Task A_graph_of_thousands_of_rows_comes_back_whole()
    {
        await using var store = await NewStoreAsync();
        var nodes = Enumerable.Range(0, 2_345).Select(i => new GraphNodeRow($"phone:+1312555{i:D4}", "phone", $"+1312555{i:D4}", 0, null)).ToList();
        var edges = Enumerable.Range(1, nodes.Count - 1).Select(i => new GraphEdgeRow(nodes[i - 1].Id, nodes[i].Id, "same_as", 0.5, $"link {i}", "test")).ToList();

        await store.Graph.SaveAsync(new StoredGraph(BuiltAt, nodes, edges, Encoding.UTF8.GetBytes("big")));

        (await ToListAsync(store.Graph.NodesAsync())).ShouldBe(nodes);
        (await ToListAsync(store.Graph.EdgesAsync())).ShouldBe(edges);
    }

    private static StoredGraph SmallGraph(string snapshot) => new(BuiltAt,
        [
            new GraphNodeRow("applicant:A-1", "applicant", "Emily Carter", 72, """{"schema":"Person"}"""),
            new GraphNodeRow("entity:us_ofac_sdn-1", "entity", "KIM Il", 100, """{"dataset":"us_ofac_sdn","flags":"designated"}"""),
            new GraphNodeRow("phone:+13125550101", "phone", "+13125550101", 0, null),
            new GraphNodeRow("Vendor:V-3", "vendor", "Upper-case first, ordinal order", 10, null),
        ],
        [
            new GraphEdgeRow("applicant:A-1", "phone:+13125550101", "has_phone", 1, "applicant A-1 gave phone +13125550101", "unmask vet"),
            new GraphEdgeRow("entity:us_ofac_sdn-1", "phone:+13125550101", "has_phone", 1, "listed phone", "us_ofac_sdn"),
            new GraphEdgeRow("applicant:A-1", "entity:us_ofac_sdn-1", "matches", 0.93, "name matches KIM Il", "unmask vet (SANCTIONS_MATCH)"),
        ],
        Encoding.UTF8.GetBytes("snapshot " + snapshot));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
