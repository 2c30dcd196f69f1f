using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Storage.Sqlite;

internal sealed class SqliteListStore(Func<SqliteConnection> open, TimeProvider time) : IListStore
{
    private const string PartColumns =
        "v.dataset, v.part, v.file, v.published, v.entities, v.names, v.identifiers, v.imported_at, v.content_hash, v.warnings, v.title, v.publisher, v.kind";

    // An entity id found in several current parts of one dataset is read from the part imported last (the highest version id).
    private const string NotShadowed = """
        NOT EXISTS (SELECT 1 FROM entities newer JOIN dataset_parts q ON q.current_version = newer.version_id
                    WHERE newer.id = e.id AND q.dataset = p.dataset AND newer.version_id > e.version_id)
        """;

    public async Task<IReadOnlyList<ImportResult>> ImportAsync(IReadOnlyList<PendingImport> imports, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var outcomes = new List<(ImportStatus Status, string Dataset, long VersionId)>();
        var writtenHere = new Dictionary<(string Dataset, string Part), int>();
        var inStoreBefore = new Dictionary<(string Dataset, string Part), PartSummary?>();
        foreach (var pending in imports)
        {
            var (versionId, import) = await WriteVersionAsync(connection, transaction, pending, cancellationToken);
            var key = (import.Dataset.Name, import.Part);
            var current = await CurrentPartAsync(connection, transaction, key.Name, key.Part, cancellationToken);
            if (!inStoreBefore.TryGetValue(key, out var before))
            {
                before = current;
                inStoreBefore[key] = current;
            }
            var published = import.Dataset.PublishedOn;
            if (!import.ReplaceNewer && published < before?.Published)
            {
                throw new InputException(import.File, null,
                    $"published {Day(published)}, but the store holds a newer {key.Name}/{key.Part} (published {Day(before!.Published)}, "
                    + $"from {before.File}); nothing was imported; use --replace-newer to import it anyway");
            }
            if (writtenHere.TryGetValue(key, out var earlier))
            {
                // Two files of one part in one command (a folder holding two releases): the newer wins, the later on a tie.
                if (published < current!.Published)
                {
                    await DropEntitiesAsync(connection, transaction, versionId, cancellationToken);
                    outcomes.Add((ImportStatus.Superseded, key.Name, versionId));
                    continue;
                }
                outcomes[earlier] = outcomes[earlier] with { Status = ImportStatus.Superseded };
            }
            await MakeCurrentAsync(connection, transaction, versionId, key.Name, key.Part, cancellationToken);
            writtenHere[key] = outcomes.Count;
            outcomes.Add((ImportStatus.Imported, key.Name, versionId));
        }

        var results = new List<ImportResult>();
        var datasets = new Dictionary<string, DatasetSummary>(StringComparer.Ordinal);
        foreach (var (status, dataset, versionId) in outcomes)
        {
            if (!datasets.TryGetValue(dataset, out var summary))
            {
                summary = (await ReadDatasetsAsync(connection, transaction, dataset, cancellationToken)).Single();
                datasets[dataset] = summary;
            }
            var part = await ReadVersionAsync(connection, transaction, versionId, cancellationToken);
            results.Add(new ImportResult(status, summary, part, part.File));
        }
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "undated";

    /// <summary>Writes the entities as a new version (not yet current) and describes it once the stream has been read.</summary>
    private async Task<(long VersionId, DatasetImport Import)> WriteVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, PendingImport pending, CancellationToken cancellationToken)
    {
        long versionId;
        await using (var reserve = connection.CreateCommand())
        {
            reserve.Transaction = transaction;
            reserve.CommandText = """
                INSERT INTO dataset_versions (dataset, title, publisher, kind, file, content_hash, entities, names, identifiers, imported_at)
                VALUES ('', '', '', '', '', '', 0, 0, 0, '') RETURNING id
                """;
            versionId = (long)(await reserve.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO entities (version_id, id, schema, dataset, caption, properties, names, identifiers, metadata)
            VALUES ($v, $id, $schema, $dataset, $caption, $props, $names, $identifiers, $meta)
            ON CONFLICT (version_id, id) DO UPDATE SET schema = excluded.schema, caption = excluded.caption, properties = excluded.properties,
                names = excluded.names, identifiers = excluded.identifiers, metadata = excluded.metadata
            """;
        var pVersion = insert.Parameters.Add("$v", SqliteType.Integer);
        var pId = insert.Parameters.Add("$id", SqliteType.Text);
        var pSchema = insert.Parameters.Add("$schema", SqliteType.Text);
        var pDataset = insert.Parameters.Add("$dataset", SqliteType.Text);
        var pCaption = insert.Parameters.Add("$caption", SqliteType.Text);
        var pProps = insert.Parameters.Add("$props", SqliteType.Text);
        var pNames = insert.Parameters.Add("$names", SqliteType.Integer);
        var pIdentifiers = insert.Parameters.Add("$identifiers", SqliteType.Integer);
        var pMeta = insert.Parameters.Add("$meta", SqliteType.Text);
        pVersion.Value = versionId;
        insert.Prepare();

        var ids = new HashSet<string>(StringComparer.Ordinal);
        long duplicates = 0;
        await foreach (var entity in pending.Entities.WithCancellation(cancellationToken))
        {
            if (!ids.Add(entity.Id))
            {
                duplicates++;
            }
            pId.Value = entity.Id;
            pSchema.Value = entity.Schema.Name;
            pDataset.Value = entity.Dataset;
            pCaption.Value = entity.Caption;
            pProps.Value = EntityJson.SerializeProperties(entity);
            pNames.Value = EntityCounting.Names(entity);
            pIdentifiers.Value = EntityCounting.Identifiers(entity);
            pMeta.Value = (object?)EntityJson.SerializeMetadata(entity) ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var import = pending.Describe();
        var warnings = import.Warnings.ToList();
        if (duplicates > 0)
        {
            warnings.Add($"{duplicates} records repeated an id already seen in this file; the later record replaced the earlier");
        }
        var dataset = import.Dataset;
        await using var describe = connection.CreateCommand();
        describe.Transaction = transaction;
        describe.CommandText = """
            UPDATE dataset_versions SET dataset = $d, part = $part, title = $t, publisher = $p, kind = $k, published = $pub, file = $f,
                content_hash = $h, dataset_override = $o, dataset_prefix = $x, entities = $e, imported_at = $at, warnings = $w,
                names = (SELECT coalesce(sum(names), 0) FROM entities WHERE version_id = $id),
                identifiers = (SELECT coalesce(sum(identifiers), 0) FROM entities WHERE version_id = $id)
            WHERE id = $id;
            UPDATE entities SET dataset = $d WHERE version_id = $id AND dataset <> $d;
            """;
        describe.Parameters.AddWithValue("$d", dataset.Name);
        describe.Parameters.AddWithValue("$part", import.Part);
        describe.Parameters.AddWithValue("$t", dataset.Title);
        describe.Parameters.AddWithValue("$p", dataset.Publisher);
        describe.Parameters.AddWithValue("$k", dataset.Kind.ToString());
        describe.Parameters.AddWithValue("$pub", (object?)dataset.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value);
        describe.Parameters.AddWithValue("$f", import.File);
        describe.Parameters.AddWithValue("$h", import.ContentHash);
        describe.Parameters.AddWithValue("$o", (object?)import.DatasetOverride ?? DBNull.Value);
        describe.Parameters.AddWithValue("$x", (object?)import.DatasetPrefix ?? DBNull.Value);
        describe.Parameters.AddWithValue("$e", ids.Count);
        describe.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        describe.Parameters.AddWithValue("$w", JsonSerializer.Serialize(warnings));
        describe.Parameters.AddWithValue("$id", versionId);
        await describe.ExecuteNonQueryAsync(cancellationToken);
        return (versionId, import);
    }

    /// <summary>Makes a version its part's current one and drops the entities of the part's earlier versions.</summary>
    private static async Task MakeCurrentAsync(
        SqliteConnection connection, SqliteTransaction transaction, long versionId, string dataset, string part, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO dataset_parts (dataset, part, current_version) VALUES ($d, $part, $id)
            ON CONFLICT (dataset, part) DO UPDATE SET current_version = $id;
            INSERT INTO datasets (name, version_number) VALUES ($d, 1)
            ON CONFLICT (name) DO UPDATE SET version_number = datasets.version_number + 1;
            DELETE FROM entities WHERE version_id IN (SELECT id FROM dataset_versions WHERE dataset = $d AND part = $part AND id <> $id);
            """;
        command.Parameters.AddWithValue("$d", dataset);
        command.Parameters.AddWithValue("$part", part);
        command.Parameters.AddWithValue("$id", versionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DropEntitiesAsync(SqliteConnection connection, SqliteTransaction transaction, long versionId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM entities WHERE version_id = $id";
        command.Parameters.AddWithValue("$id", versionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PartSummary?> CurrentPartAsync(
        SqliteConnection connection, SqliteTransaction transaction, string dataset, string part, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {PartColumns} FROM dataset_parts p JOIN dataset_versions v ON v.id = p.current_version WHERE p.dataset = $d AND p.part = $part";
        command.Parameters.AddWithValue("$d", dataset);
        command.Parameters.AddWithValue("$part", part);
        var parts = await ReadPartsAsync(command, cancellationToken);
        return parts.Count > 0 ? parts[0].Part : null;
    }

    private static async Task<PartSummary> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, long versionId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {PartColumns} FROM dataset_versions v WHERE v.id = $id";
        command.Parameters.AddWithValue("$id", versionId);
        return (await ReadPartsAsync(command, cancellationToken))[0].Part;
    }

    public async Task<IReadOnlyList<DatasetSummary>> GetDatasetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var transaction = connection.BeginTransaction(deferred: true);
        return await ReadDatasetsAsync(connection, transaction, null, cancellationToken);
    }

    public async Task<DatasetSummary?> FindCurrentByContentAsync(string contentHash, string? datasetOverride, string? datasetPrefix = null, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT p.dataset FROM dataset_parts p JOIN dataset_versions v ON v.id = p.current_version
            WHERE v.content_hash = $h AND v.dataset_override IS $o AND v.dataset_prefix IS $x LIMIT 1
            """;
        command.Parameters.AddWithValue("$h", contentHash);
        command.Parameters.AddWithValue("$o", (object?)datasetOverride ?? DBNull.Value);
        command.Parameters.AddWithValue("$x", (object?)datasetPrefix ?? DBNull.Value);
        return await command.ExecuteScalarAsync(cancellationToken) is string dataset
            ? (await ReadDatasetsAsync(connection, transaction, dataset, cancellationToken)).Single()
            : null;
    }

    public async Task<DatasetSummary?> RemoveAsync(string dataset, string? part, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var before = (await ReadDatasetsAsync(connection, transaction, dataset, cancellationToken)).SingleOrDefault();
        if (before is null || (part is not null && !before.Parts.Any(p => p.Part == part)))
        {
            return null;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM entities WHERE version_id IN (SELECT id FROM dataset_versions WHERE dataset = $d AND ($part IS NULL OR part = $part));
            DELETE FROM dataset_parts WHERE dataset = $d AND ($part IS NULL OR part = $part);
            DELETE FROM dataset_versions WHERE dataset = $d AND ($part IS NULL OR part = $part);
            UPDATE datasets SET version_number = version_number + 1 WHERE name = $d;
            DELETE FROM datasets WHERE name = $d AND NOT EXISTS (SELECT 1 FROM dataset_parts WHERE dataset = $d);
            """;
        command.Parameters.AddWithValue("$d", dataset);
        command.Parameters.AddWithValue("$part", (object?)part ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return before;
    }

    public async IAsyncEnumerable<Entity> GetEntitiesAsync(IReadOnlyCollection<string>? datasets = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT e.id, e.schema, e.dataset, e.properties, e.metadata FROM entities e JOIN dataset_parts p ON p.current_version = e.version_id WHERE {NotShadowed}";
        if (datasets is { Count: > 0 })
        {
            command.CommandText += " AND p.dataset IN (SELECT value FROM json_each($names))";
            command.Parameters.AddWithValue("$names", JsonSerializer.Serialize(datasets));
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return EntityJson.Deserialize(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }
    }

    public async Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.id, e.schema, e.dataset, e.properties, e.metadata FROM entities e JOIN dataset_parts p ON p.current_version = e.version_id
            WHERE e.id = $id ORDER BY e.version_id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? EntityJson.Deserialize(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }

    /// <summary>Every dataset (or one) with its current parts; counts of a dataset of several parts are of distinct entities.</summary>
    private static async Task<IReadOnlyList<DatasetSummary>> ReadDatasetsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string? dataset, CancellationToken cancellationToken)
    {
        await using var parts = connection.CreateCommand();
        parts.Transaction = transaction;
        parts.CommandText = $"""
            SELECT {PartColumns}, d.version_number, v.id FROM datasets d JOIN dataset_parts p ON p.dataset = d.name
            JOIN dataset_versions v ON v.id = p.current_version
            WHERE $d IS NULL OR d.name = $d ORDER BY d.name, p.part
            """;
        parts.Parameters.AddWithValue("$d", (object?)dataset ?? DBNull.Value);
        var rows = await ReadPartsAsync(parts, cancellationToken);

        await using var counts = connection.CreateCommand();
        counts.Transaction = transaction;
        counts.CommandText = $"""
            SELECT count(*), coalesce(sum(e.names), 0), coalesce(sum(e.identifiers), 0)
            FROM entities e JOIN dataset_parts p ON p.current_version = e.version_id WHERE p.dataset = $d AND {NotShadowed}
            """;
        var countsDataset = counts.Parameters.Add("$d", SqliteType.Text);

        var summaries = new List<DatasetSummary>();
        foreach (var group in rows.GroupBy(r => r.Dataset, StringComparer.Ordinal))
        {
            var members = group.ToList();
            var latest = members.MaxBy(m => m.VersionId)!;
            var (entities, names, identifiers) = (members[0].Part.Entities, members[0].Part.Names, members[0].Part.Identifiers);
            if (members.Count > 1)
            {
                countsDataset.Value = group.Key;
                await using var reader = await counts.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (entities, names, identifiers) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            }
            summaries.Add(new DatasetSummary(
                group.Key, latest.Title, latest.Publisher, latest.Kind, members.Max(m => m.Part.Published), latest.DatasetVersion,
                entities, names, identifiers, members.Max(m => m.Part.ImportedAt), string.Join(", ", members.Select(m => m.Part.File)),
                [.. members.Select(m => m.Part)]));
        }
        return summaries;
    }

    private sealed record PartRow(string Dataset, PartSummary Part, string Title, string Publisher, DatasetKind Kind, int DatasetVersion, long VersionId);

    /// <summary>Reads rows of <see cref="PartColumns"/>, optionally followed by the dataset's version number and the version id.</summary>
    private static async Task<List<PartRow>> ReadPartsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<PartRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var withVersion = reader.FieldCount > 13;
        while (await reader.ReadAsync(cancellationToken))
        {
            var part = new PartSummary(
                reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : DateOnly.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture), reader.GetString(8),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(9)) ?? []);
            list.Add(new PartRow(reader.GetString(0), part, reader.GetString(10), reader.GetString(11), Enum.Parse<DatasetKind>(reader.GetString(12)),
                withVersion ? reader.GetInt32(13) : 0, withVersion ? reader.GetInt64(14) : 0));
        }
        return list;
    }
}
