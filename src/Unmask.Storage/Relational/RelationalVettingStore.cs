using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Unmask.Storage.Relational;

/// <summary>Vetting runs in vet_batches, vet_records, vet_findings and vet_attachments (which refer to blobs by hash).
/// Vetting a record again deletes its old row (its findings and attachments go with it) and writes the new one, all in the
/// run's transaction.</summary>
public sealed class RelationalVettingStore(RelationalDatabase db) : IVettingStore
{
    private const string WriteScope = "vetting";

    // Records are read a page at a time, each page with its findings and attachments in two more queries.
    private const int PageSize = 500;

    private static readonly Column[] RecordColumns =
    [
        new("key"), new("batch_id"), new("kind"), new("record_id"), new("caption"), new("risk"), new("level"),
        new("result", ColumnType.Json), new("graph", ColumnType.Json),
    ];

    private static readonly Column[] FindingColumns =
    [
        new("record_key"), new("ordinal"), new("code"), new("severity"), new("evidence"), new("source"), new("data", ColumnType.Json),
    ];

    private static readonly Column[] AttachmentColumns = [new("record_key"), new("name"), new("media_type"), new("content_sha256")];

    public Task SaveRunAsync(StoredVetBatch batch, IReadOnlyList<StoredVetRecord> records, CancellationToken cancellationToken = default)
    {
        var duplicate = records.GroupBy(r => r.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"record '{duplicate.Key}' is given {duplicate.Count()} times in one run", nameof(records));
        }
        if (records.FirstOrDefault(r => r.BatchId != batch.Id) is { } stray)
        {
            throw new ArgumentException($"record '{stray.Key}' belongs to batch '{stray.BatchId}', not '{batch.Id}'", nameof(records));
        }
        return db.WriteAsync(WriteScope, async (connection, transaction) =>
        {
            var dialect = db.Dialect;
            await using (var insert = Sql.Command(connection, transaction,
                "INSERT INTO vet_batches (id, file, content_sha256, algorithm, vetted_at, records) VALUES (@id, @file, @sha, @algorithm, @at, @records)"))
            {
                insert.With("@id", batch.Id).With("@file", batch.File).With("@sha", batch.ContentSha256).With("@algorithm", batch.Algorithm).With("@records", batch.Records);
                dialect.Time(insert, "@at", batch.VettedAt);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var delete = Sql.Command(connection, transaction, "DELETE FROM vet_records WHERE key = @key"))
            {
                var key = delete.CreateParameter();
                key.ParameterName = "@key";
                delete.Parameters.Add(key);
                foreach (var record in records)
                {
                    key.Value = record.Key;
                    await delete.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            var rows = new RowInserter(connection, transaction, dialect, "vet_records", RecordColumns);
            foreach (var r in records)
            {
                await rows.AddAsync([r.Key, r.BatchId, r.Kind, r.RecordId, r.Caption, r.Risk, r.Level, r.ResultJson, r.GraphJson], cancellationToken);
            }
            await rows.FlushAsync(cancellationToken);
            var findings = new RowInserter(connection, transaction, dialect, "vet_findings", FindingColumns);
            var attachments = new RowInserter(connection, transaction, dialect, "vet_attachments", AttachmentColumns);
            foreach (var r in records)
            {
                for (var ordinal = 0; ordinal < r.Findings.Count; ordinal++)
                {
                    var f = r.Findings[ordinal];
                    await findings.AddAsync([r.Key, ordinal, f.Code, f.Severity, f.Evidence, f.Source, f.DataJson], cancellationToken);
                }
                foreach (var attachment in r.Attachments)
                {
                    await attachments.AddAsync([r.Key, attachment.Name, attachment.MediaType, attachment.Sha256], cancellationToken);
                }
            }
            await findings.FlushAsync(cancellationToken);
            await attachments.FlushAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<StoredVetRecord?> GetRecordAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginReadAsync(connection, cancellationToken);
        var page = await ReadPageAsync(connection, transaction, "WHERE key = @key", c => c.With("@key", key), cancellationToken);
        return page.SingleOrDefault();
    }

    public async IAsyncEnumerable<StoredVetRecord> ListRecordsAsync(string? batchId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginReadAsync(connection, cancellationToken);
        string? after = null;
        while (true)
        {
            var filter = (batchId is null ? "WHERE 1 = 1" : "WHERE batch_id = @batch") + (after is null ? "" : " AND key > @after");
            var page = await ReadPageAsync(connection, transaction, $"{filter} ORDER BY key LIMIT {PageSize}", c =>
            {
                if (batchId is not null)
                {
                    c.With("@batch", batchId);
                }
                if (after is not null)
                {
                    c.With("@after", after);
                }
            }, cancellationToken);
            foreach (var record in page)
            {
                yield return record;
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = page[^1].Key;
        }
    }

    public async Task<IReadOnlyList<StoredVetBatch>> ListBatchesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            "SELECT id, file, content_sha256, algorithm, vetted_at, records FROM vet_batches ORDER BY vetted_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batches = new List<StoredVetBatch>();
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(new StoredVetBatch(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                db.Dialect.GetTime(reader, 4), checked((int)reader.GetInt64(5))));
        }
        return batches;
    }

    public async Task<IReadOnlyList<StoredFinding>> GetFindingsAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var findings = await FindingsAsync(connection, null, [key], cancellationToken);
        return findings.GetValueOrDefault(key) ?? [];
    }

    public async IAsyncEnumerable<string> ListGraphJsonAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT graph FROM vet_records ORDER BY key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }

    private const string SelectRecords = "SELECT key, batch_id, kind, record_id, caption, risk, level, result, graph FROM vet_records ";

    private static async Task<List<StoredVetRecord>> ReadPageAsync(DbConnection connection, DbTransaction transaction, string where,
        Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        var rows = new List<StoredVetRecord>();
        await using (var command = Sql.Command(connection, transaction, SelectRecords + where))
        {
            parameters(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StoredVetRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    checked((int)reader.GetInt64(5)), reader.GetString(6), reader.GetString(7), reader.GetString(8), [], []));
            }
        }
        if (rows.Count == 0)
        {
            return rows;
        }
        var keys = rows.Select(r => r.Key).ToList();
        var findings = await FindingsAsync(connection, transaction, keys, cancellationToken);
        var attachments = await AttachmentsAsync(connection, transaction, keys, cancellationToken);
        return [.. rows.Select(r => r with
        {
            Findings = findings.GetValueOrDefault(r.Key) ?? [],
            Attachments = attachments.GetValueOrDefault(r.Key) ?? [],
        })];
    }

    private static async Task<Dictionary<string, List<StoredFinding>>> FindingsAsync(DbConnection connection, DbTransaction? transaction,
        IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var findings = new Dictionary<string, List<StoredFinding>>(StringComparer.Ordinal);
        await using var command = Sql.Command(connection, transaction,
            $"SELECT record_key, code, severity, evidence, source, data FROM vet_findings WHERE record_key IN ({KeyList(keys.Count)}) ORDER BY record_key, ordinal");
        AddKeys(command, keys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            (findings.TryGetValue(key, out var list) ? list : findings[key] = []).Add(
                new StoredFinding(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetStringOrNull(5)));
        }
        return findings;
    }

    private static async Task<Dictionary<string, List<StoredVetAttachment>>> AttachmentsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var attachments = new Dictionary<string, List<StoredVetAttachment>>(StringComparer.Ordinal);
        await using var command = Sql.Command(connection, transaction,
            $"""
            SELECT record_key, name, media_type, content_sha256 FROM vet_attachments
            WHERE record_key IN ({KeyList(keys.Count)}) ORDER BY record_key, name
            """);
        AddKeys(command, keys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            (attachments.TryGetValue(key, out var list) ? list : attachments[key] = []).Add(
                new StoredVetAttachment(reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return attachments;
    }

    private static string KeyList(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@k{i}"));

    private static void AddKeys(DbCommand command, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            command.With($"@k{i}", keys[i]);
        }
    }
}
