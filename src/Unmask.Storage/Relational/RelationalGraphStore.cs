using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Unmask.Storage.Relational;

/// <summary>The graph last built: graph_nodes and graph_edges as rows, graph_state (one row) pointing at the engine's
/// snapshot in blobs and saying whether it is still current.</summary>
public sealed class RelationalGraphStore(RelationalDatabase db) : IGraphStore
{
    private const string WriteScope = "graph";
    public const string SnapshotMediaType = "application/vnd.unmask.link-graph";

    private static readonly BulkTable Nodes = new("graph_nodes", [
        new("id", BulkType.Text), new("kind", BulkType.Text), new("caption", BulkType.Text), new("risk", BulkType.Integer),
        new("properties", BulkType.Jsonb),
    ]);

    private static readonly BulkTable Edges = new("graph_edges", [
        new("source", BulkType.Text), new("target", BulkType.Text), new("kind", BulkType.Text), new("weight", BulkType.Real),
        new("evidence", BulkType.Text), new("provenance", BulkType.Text),
    ]);

    public Task SaveAsync(StoredGraph graph, CancellationToken cancellationToken = default) =>
        db.WriteAsync(WriteScope, async (connection, transaction) =>
        {
            string? previous;
            await using (var query = Sql.Command(connection, transaction, "SELECT snapshot_sha256 FROM graph_state WHERE id = 1"))
            {
                previous = (string?)await query.ExecuteScalarAsync(cancellationToken);
            }
            foreach (var statement in db.Dialect.EmptyTables("graph_edges", "graph_nodes"))
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }
            await db.Dialect.WriteRowsAsync(connection, transaction, Nodes,
                graph.Nodes.Select(n => new object?[] { n.Id, n.Kind, n.Caption, (long?)n.Risk, n.PropertiesJson }), cancellationToken);
            await db.Dialect.WriteRowsAsync(connection, transaction, Edges,
                graph.Edges.Select(e => new object?[] { e.Source, e.Target, e.Kind, e.Weight, e.Evidence, e.Provenance }), cancellationToken);
            var snapshot = await RelationalBlobs.PutAsync(connection, transaction, db.Dialect, graph.Snapshot, SnapshotMediaType, graph.BuiltAt, cancellationToken);
            await using (var state = Sql.Command(connection, transaction, """
                INSERT INTO graph_state (id, built_at, snapshot_sha256, nodes, edges, current) VALUES (1, @built_at, @snapshot, @nodes, @edges, @current)
                ON CONFLICT (id) DO UPDATE SET built_at = excluded.built_at, snapshot_sha256 = excluded.snapshot_sha256,
                    nodes = excluded.nodes, edges = excluded.edges, current = excluded.current
                """))
            {
                state.With("@snapshot", snapshot).With("@nodes", (long)graph.Nodes.Count).With("@edges", (long)graph.Edges.Count).With("@current", true);
                db.Dialect.Time(state, "@built_at", graph.BuiltAt);
                await state.ExecuteNonQueryAsync(cancellationToken);
            }
            if (previous is not null && previous != snapshot)
            {
                await DropUnlessReferencedAsync(connection, transaction, previous, cancellationToken);
            }
        }, cancellationToken);

    public async Task<byte[]?> LoadSnapshotAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            "SELECT b.content FROM graph_state s JOIN blobs b ON b.sha256 = s.snapshot_sha256 WHERE s.id = 1 AND s.current");
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public Task InvalidateAsync(CancellationToken cancellationToken = default) =>
        db.WriteAsync(WriteScope, (connection, transaction) =>
            ExecuteAsync(connection, transaction, "UPDATE graph_state SET current = FALSE WHERE id = 1", cancellationToken), cancellationToken);

    public async IAsyncEnumerable<GraphNodeRow> NodesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT id, kind, caption, risk, properties FROM graph_nodes ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new GraphNodeRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetInt64OrNull(3) is { } risk ? checked((int)risk) : null, reader.GetStringOrNull(4));
        }
    }

    public async IAsyncEnumerable<GraphEdgeRow> EdgesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            "SELECT source, target, kind, weight, evidence, provenance FROM graph_edges ORDER BY source, target, kind");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new GraphEdgeRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetString(4), reader.GetString(5));
        }
    }

    /// <summary>Drops the snapshot the new one replaces, unless another row refers to the same content: a snapshot is
    /// megabytes and a graph is built after every vetting run.</summary>
    private static async Task DropUnlessReferencedAsync(DbConnection connection, DbTransaction transaction, string sha256, CancellationToken cancellationToken)
    {
        const string savepoint = "previous_snapshot";
        await transaction.SaveAsync(savepoint, cancellationToken);
        try
        {
            await using var delete = Sql.Command(connection, transaction, "DELETE FROM blobs WHERE sha256 = @sha256").With("@sha256", sha256);
            await delete.ExecuteNonQueryAsync(cancellationToken);
            await transaction.ReleaseAsync(savepoint, cancellationToken);
        }
        // A foreign key refuses the delete: the blob is someone else's too, and stays.
        catch (DbException)
        {
            await transaction.RollbackAsync(savepoint, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
