using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Storage.Sqlite;

internal sealed class SqliteListStore(Func<SqliteConnection> open, TimeProvider time) : IListStore
{
    private const string SummaryColumns =
        "v.dataset, v.title, v.publisher, v.kind, v.published, d.version_number, v.entities, v.names, v.identifiers, v.imported_at, v.file, v.content_hash, v.warnings";

    public async Task<IReadOnlyList<ImportResult>> ImportAsync(IReadOnlyList<PendingImport> imports, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var outcomes = new List<ImportResult>();
        var written = new Dictionary<string, (long VersionId, DateOnly? Published)>(StringComparer.Ordinal);
        foreach (var pending in imports)
        {
            outcomes.Add(await ImportOneAsync(connection, transaction, pending.Entities, pending.Describe, written, cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    private async Task<ImportResult> ImportOneAsync(
        SqliteConnection connection, SqliteTransaction transaction, IAsyncEnumerable<Entity> entities, Func<DatasetImport> describe,
        Dictionary<string, (long VersionId, DateOnly? Published)> written, CancellationToken cancellationToken)
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
            INSERT INTO entities (version_id, id, schema, dataset, caption, properties, names, identifiers)
            VALUES ($v, $id, $schema, $dataset, $caption, $props, $names, $identifiers)
            ON CONFLICT (version_id, id) DO UPDATE SET schema = excluded.schema, caption = excluded.caption, properties = excluded.properties,
                names = excluded.names, identifiers = excluded.identifiers
            """;
        var pVersion = insert.Parameters.Add("$v", SqliteType.Integer);
        var pId = insert.Parameters.Add("$id", SqliteType.Text);
        var pSchema = insert.Parameters.Add("$schema", SqliteType.Text);
        var pDataset = insert.Parameters.Add("$dataset", SqliteType.Text);
        var pCaption = insert.Parameters.Add("$caption", SqliteType.Text);
        var pProps = insert.Parameters.Add("$props", SqliteType.Text);
        var pNames = insert.Parameters.Add("$names", SqliteType.Integer);
        var pIdentifiers = insert.Parameters.Add("$identifiers", SqliteType.Integer);
        pVersion.Value = versionId;
        insert.Prepare();

        var ids = new HashSet<string>(StringComparer.Ordinal);
        long duplicates = 0;
        await foreach (var entity in entities.WithCancellation(cancellationToken))
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
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var import = describe();
        var warnings = import.Warnings.ToList();
        if (duplicates > 0)
        {
            warnings.Add($"{duplicates} records repeated an id already seen in this file; the later record replaced the earlier");
        }
        var dataset = import.Dataset;
        if (written.TryGetValue(dataset.Name, out var earlier) && earlier.Published == dataset.PublishedOn
            && await FileOfAsync(connection, transaction, earlier.VersionId, cancellationToken) is { } earlierFile
            && !earlierFile.Split(" + ").Contains(import.File, StringComparer.Ordinal))
        {
            // Several files of one publication given together (OFAC's per-asset wallet lists, the typed CSVs of one IOC
            // collection) make one version of their dataset rather than replacing each other.
            await using var merge = connection.CreateCommand();
            merge.Transaction = transaction;
            merge.CommandText = """
                INSERT OR REPLACE INTO entities (version_id, id, schema, dataset, caption, properties, names, identifiers)
                    SELECT $earlier, id, schema, $d, caption, properties, names, identifiers FROM entities WHERE version_id = $id;
                DELETE FROM entities WHERE version_id = $id;
                DELETE FROM dataset_versions WHERE id = $id;
                UPDATE dataset_versions SET file = file || ' + ' || $f,
                    warnings = json_insert(warnings, '$[#]', $w),
                    entities = (SELECT count(*) FROM entities WHERE version_id = $earlier),
                    names = (SELECT coalesce(sum(names), 0) FROM entities WHERE version_id = $earlier),
                    identifiers = (SELECT coalesce(sum(identifiers), 0) FROM entities WHERE version_id = $earlier)
                WHERE id = $earlier;
                """;
            merge.Parameters.AddWithValue("$earlier", earlier.VersionId);
            merge.Parameters.AddWithValue("$id", versionId);
            merge.Parameters.AddWithValue("$d", dataset.Name);
            merge.Parameters.AddWithValue("$f", import.File);
            merge.Parameters.AddWithValue("$w", warnings.Count == 0 ? $"{import.File}: read together with the files before it" : $"{import.File}: {string.Join("; ", warnings)}");
            await merge.ExecuteNonQueryAsync(cancellationToken);
            return new ImportResult(ImportStatus.Imported, await SummaryAsync(connection, transaction, "v.id = $key", earlier.VersionId, cancellationToken), import.File);
        }
        if (!import.ReplaceNewer && dataset.PublishedOn is { } published
            && await CurrentPublishedAsync(connection, transaction, dataset.Name, cancellationToken) is { } currentPublished
            && published < currentPublished)
        {
            await using var discard = connection.CreateCommand();
            discard.Transaction = transaction;
            discard.CommandText = "DELETE FROM entities WHERE version_id = $id; DELETE FROM dataset_versions WHERE id = $id;";
            discard.Parameters.AddWithValue("$id", versionId);
            await discard.ExecuteNonQueryAsync(cancellationToken);
            return new ImportResult(ImportStatus.SkippedOlder, await SummaryAsync(connection, transaction, "d.name = $key", dataset.Name, cancellationToken), import.File);
        }
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE dataset_versions SET dataset = $d, title = $t, publisher = $p, kind = $k, published = $pub, file = $f,
                    content_hash = $h, dataset_override = $o, entities = $e, imported_at = $at, warnings = $w,
                    names = (SELECT coalesce(sum(names), 0) FROM entities WHERE version_id = $id),
                    identifiers = (SELECT coalesce(sum(identifiers), 0) FROM entities WHERE version_id = $id)
                WHERE id = $id;
                UPDATE entities SET dataset = $d WHERE version_id = $id AND dataset <> $d;
                INSERT INTO datasets (name, current_version, version_number) VALUES ($d, $id, 1)
                ON CONFLICT (name) DO UPDATE SET current_version = $id, version_number = datasets.version_number + 1;
                DELETE FROM entities WHERE version_id IN (SELECT id FROM dataset_versions WHERE dataset = $d AND id <> $id);
                """;
            update.Parameters.AddWithValue("$d", dataset.Name);
            update.Parameters.AddWithValue("$t", dataset.Title);
            update.Parameters.AddWithValue("$p", dataset.Publisher);
            update.Parameters.AddWithValue("$k", dataset.Kind.ToString());
            update.Parameters.AddWithValue("$pub", (object?)dataset.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value);
            update.Parameters.AddWithValue("$f", import.File);
            update.Parameters.AddWithValue("$h", import.ContentHash);
            update.Parameters.AddWithValue("$o", (object?)import.DatasetOverride ?? DBNull.Value);
            update.Parameters.AddWithValue("$e", ids.Count);
            update.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            update.Parameters.AddWithValue("$w", JsonSerializer.Serialize(warnings));
            update.Parameters.AddWithValue("$id", versionId);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        written[dataset.Name] = (versionId, dataset.PublishedOn);
        return new ImportResult(ImportStatus.Imported, await SummaryAsync(connection, transaction, "v.id = $key", versionId, cancellationToken), import.File);
    }

    private static async Task<string?> FileOfAsync(SqliteConnection connection, SqliteTransaction transaction, long versionId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT file FROM dataset_versions WHERE id = $id";
        command.Parameters.AddWithValue("$id", versionId);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<DatasetSummary> SummaryAsync(SqliteConnection connection, SqliteTransaction transaction, string where, object key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {SummaryColumns} FROM datasets d JOIN dataset_versions v ON v.id = d.current_version WHERE {where}";
        command.Parameters.AddWithValue("$key", key);
        return (await ReadSummaries(command, cancellationToken))[0];
    }

    private static async Task<DateOnly?> CurrentPublishedAsync(SqliteConnection connection, SqliteTransaction transaction, string dataset, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT v.published FROM datasets d JOIN dataset_versions v ON v.id = d.current_version WHERE d.name = $d";
        command.Parameters.AddWithValue("$d", dataset);
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? DateOnly.Parse(text, CultureInfo.InvariantCulture) : null;
    }

    public async Task<IReadOnlyList<DatasetSummary>> GetDatasetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SummaryColumns} FROM datasets d JOIN dataset_versions v ON v.id = d.current_version ORDER BY d.name";
        return await ReadSummaries(command, cancellationToken);
    }

    public async Task<DatasetSummary?> FindCurrentByContentAsync(string contentHash, string? datasetOverride, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SummaryColumns} FROM datasets d JOIN dataset_versions v ON v.id = d.current_version
            WHERE v.content_hash = $h AND v.dataset_override IS $o
            """;
        command.Parameters.AddWithValue("$h", contentHash);
        command.Parameters.AddWithValue("$o", (object?)datasetOverride ?? DBNull.Value);
        var found = await ReadSummaries(command, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async IAsyncEnumerable<Entity> GetEntitiesAsync(IReadOnlyCollection<string>? datasets = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT e.id, e.schema, e.dataset, e.properties FROM entities e JOIN datasets d ON d.current_version = e.version_id";
        if (datasets is { Count: > 0 })
        {
            command.CommandText += " WHERE d.name IN (SELECT value FROM json_each($names))";
            command.Parameters.AddWithValue("$names", JsonSerializer.Serialize(datasets));
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return EntityJson.Deserialize(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }
    }

    public async Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.id, e.schema, e.dataset, e.properties FROM entities e JOIN datasets d ON d.current_version = e.version_id
            WHERE e.id = $id LIMIT 1
            """;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? EntityJson.Deserialize(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    private static async Task<IReadOnlyList<DatasetSummary>> ReadSummaries(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<DatasetSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DatasetSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<DatasetKind>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : DateOnly.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8),
                DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture), reader.GetString(10), reader.GetString(11),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(12)) ?? []));
        }
        return list;
    }
}
