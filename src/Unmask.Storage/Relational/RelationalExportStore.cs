namespace Unmask.Storage.Relational;

/// <summary>The created/modified times of exported STIX objects, in stix_objects.</summary>
public sealed class RelationalExportStore(RelationalDatabase db) : IExportStore
{
    private const string WriteScope = "exports";

    public async Task<IReadOnlyDictionary<string, StixObjectTimes>> GetStixTimesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT id, content_hash, created, modified FROM stix_objects");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var times = new Dictionary<string, StixObjectTimes>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            times[id] = new StixObjectTimes(id, reader.GetString(1), db.Dialect.GetTime(reader, 2), db.Dialect.GetTime(reader, 3));
        }
        return times;
    }

    public Task PutStixTimesAsync(IReadOnlyList<StixObjectTimes> times, CancellationToken cancellationToken = default) =>
        db.WriteAsync(WriteScope, async (connection, transaction) =>
        {
            var rows = new RowInserter(connection, transaction, db.Dialect, "stix_objects", Columns,
                "ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, created = excluded.created, modified = excluded.modified");
            // One statement may not update a row twice: the last time given for an id wins.
            foreach (var time in times.GroupBy(t => t.Id, StringComparer.Ordinal).Select(g => g.Last()))
            {
                await rows.AddAsync([time.Id, time.ContentHash, time.Created, time.Modified], cancellationToken);
            }
            await rows.FlushAsync(cancellationToken);
        }, cancellationToken);

    private static readonly Column[] Columns = [new("id"), new("content_hash"), new("created", ColumnType.Time), new("modified", ColumnType.Time)];
}
