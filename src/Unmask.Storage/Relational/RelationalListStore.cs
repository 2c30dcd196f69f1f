using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Unmask.Domain;

namespace Unmask.Storage.Relational;

/// <summary>Lists on either backend: datasets, their parts and versions, entities with their names and identifiers as rows.
/// Entities are written in bulk through the dialect (SQLite prepared inserts, PostgreSQL binary COPY) as a new version
/// that becomes its part's current one in the same transaction, so readers see the old list or the new, never a mix.</summary>
public sealed class RelationalListStore(RelationalDatabase database, TimeProvider time) : IListStore
{
    /// <summary>Every list write holds this lock, so two imports of one dataset run one after the other.</summary>
    private const string WriteScope = "lists";

    /// <summary>Entities written per bulk write: large enough that a COPY's start costs nothing, small enough to hold.</summary>
    private const int BatchSize = 2000;

    private static readonly BulkTable EntityTable = new("entities",
    [
        new("version_id", BulkType.Integer), new("id", BulkType.Text), new("schema", BulkType.Text), new("dataset", BulkType.Text),
        new("caption", BulkType.Text), new("properties", BulkType.Json), new("names", BulkType.Integer),
        new("identifiers", BulkType.Integer), new("metadata", BulkType.Jsonb),
    ]);

    private static readonly BulkTable NameTable = new("entity_names",
        [new("version_id", BulkType.Integer), new("entity_id", BulkType.Text), new("name", BulkType.Text), new("property", BulkType.Text)]);

    private static readonly BulkTable IdentifierTable = new("entity_identifiers",
    [
        new("version_id", BulkType.Integer), new("entity_id", BulkType.Text), new("property", BulkType.Text), new("type", BulkType.Text),
        new("value", BulkType.Text),
    ]);

    private const string PartColumns =
        "v.dataset, v.part, v.file, v.published, v.entities, v.names, v.identifiers, v.imported_at, v.content_hash, v.warnings, v.title, v.publisher, v.kind";

    private const string EntityColumns = "e.id, e.schema, e.dataset, e.properties, e.metadata";

    // An entity id found in several current parts of one dataset is read from the part imported last (the highest version id).
    private const string NotShadowed = """
        NOT EXISTS (SELECT 1 FROM entities newer JOIN dataset_parts q ON q.current_version = newer.version_id
                    WHERE newer.id = e.id AND q.dataset = p.dataset AND newer.version_id > e.version_id)
        """;

    private SqlDialect Dialect => database.Dialect;

    public Task<IReadOnlyList<ImportResult>> ImportAsync(IReadOnlyList<PendingImport> imports, CancellationToken cancellationToken = default) =>
        database.WriteAsync(WriteScope, (connection, transaction) => ImportAsync(connection, transaction, imports, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<ImportResult>> ImportAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingImport> imports, CancellationToken cancellationToken)
    {
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
                    await ExecuteAsync(connection, transaction, "DELETE FROM entities WHERE version_id = @id", cancellationToken, ("@id", versionId));
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
        return results;
    }

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "undated";

    /// <summary>Writes the entities as a new version (not yet current) and describes it once the stream has been read.</summary>
    private async Task<(long VersionId, DatasetImport Import)> WriteVersionAsync(
        DbConnection connection, DbTransaction transaction, PendingImport pending, CancellationToken cancellationToken)
    {
        long versionId;
        await using (var reserve = Sql.Command(connection, transaction, """
            INSERT INTO dataset_versions (dataset, part, title, publisher, kind, file, content_hash, entities, names, identifiers, imported_at)
            VALUES ('', '', '', '', '', '', '', 0, 0, 0, @at) RETURNING id
            """))
        {
            Dialect.Time(reserve, "@at", time.GetUtcNow());
            versionId = Convert.ToInt64(await reserve.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        // A file that repeats an id: the first record is written in its batch, the last one replaces it at the end
        // (a bulk write cannot take a row back).
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new Dictionary<string, Entity>(StringComparer.Ordinal);
        long duplicates = 0;
        var batch = new List<Entity>(BatchSize);
        await foreach (var entity in pending.Entities.WithCancellation(cancellationToken))
        {
            if (!ids.Add(entity.Id))
            {
                duplicates++;
                repeated[entity.Id] = entity;
                continue;
            }
            batch.Add(entity);
            if (batch.Count == BatchSize)
            {
                await WriteEntitiesAsync(connection, transaction, versionId, batch, cancellationToken);
                batch.Clear();
            }
        }
        await WriteEntitiesAsync(connection, transaction, versionId, batch, cancellationToken);
        if (repeated.Count > 0)
        {
            await using (var drop = Sql.Command(connection, transaction, "DELETE FROM entities WHERE version_id = @v AND id = @id"))
            {
                drop.With("@v", versionId);
                var id = drop.With("@id", "").Parameters["@id"];
                foreach (var repeatedId in repeated.Keys)
                {
                    id.Value = repeatedId;
                    await drop.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            await WriteEntitiesAsync(connection, transaction, versionId, [.. repeated.Values], cancellationToken);
        }

        var import = pending.Describe();
        var warnings = import.Warnings.ToList();
        if (duplicates > 0)
        {
            warnings.Add($"{duplicates} records repeated an id already seen in this file; the later record replaced the earlier");
        }
        var dataset = import.Dataset;
        await using var describe = Sql.Command(connection, transaction, """
            UPDATE dataset_versions SET dataset = @d, part = @part, title = @t, publisher = @p, kind = @k, published = @pub, file = @f,
                content_hash = @h, dataset_override = @o, dataset_prefix = @x, entities = @e, imported_at = @at, warnings = @w,
                names = (SELECT CAST(coalesce(sum(names), 0) AS BIGINT) FROM entities WHERE version_id = @id),
                identifiers = (SELECT CAST(coalesce(sum(identifiers), 0) AS BIGINT) FROM entities WHERE version_id = @id)
            WHERE id = @id;
            UPDATE entities SET dataset = @d WHERE version_id = @id AND dataset <> @d;
            """)
            .With("@d", dataset.Name).With("@part", import.Part).With("@t", dataset.Title).With("@p", dataset.Publisher)
            .With("@k", dataset.Kind.ToString()).With("@pub", dataset.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).With("@f", import.File).With("@h", import.ContentHash)
            .With("@o", import.DatasetOverride).With("@x", import.DatasetPrefix).With("@e", (long)ids.Count).With("@id", versionId);
        Dialect.Time(describe, "@at", time.GetUtcNow());
        Dialect.Json(describe, "@w", JsonSerializer.Serialize(warnings));
        await describe.ExecuteNonQueryAsync(cancellationToken);
        return (versionId, import);
    }

    /// <summary>Writes entities of one version with their names and identifiers, each table in one bulk write.</summary>
    private async Task WriteEntitiesAsync(DbConnection connection, DbTransaction transaction, long versionId, IReadOnlyList<Entity> entities, CancellationToken cancellationToken)
    {
        if (entities.Count == 0)
        {
            return;
        }
        var rows = entities.Select(e => (Entity: e, Names: EntityCounting.NameValues(e).ToList(), Identifiers: EntityCounting.IdentifierValues(e).ToList())).ToList();
        await Dialect.WriteRowsAsync(connection, transaction, EntityTable, rows.Select(r => new object?[]
        {
            versionId, r.Entity.Id, r.Entity.Schema.Name, r.Entity.Dataset, r.Entity.Caption, EntityJson.SerializeProperties(r.Entity),
            (long)r.Names.Count, (long)r.Identifiers.Count, EntityJson.SerializeMetadata(r.Entity),
        }), cancellationToken);
        await Dialect.WriteRowsAsync(connection, transaction, NameTable,
            rows.SelectMany(r => r.Names.Select(n => new object?[] { versionId, r.Entity.Id, n.Name, n.Property })), cancellationToken);
        await Dialect.WriteRowsAsync(connection, transaction, IdentifierTable,
            rows.SelectMany(r => r.Identifiers.Select(i => new object?[] { versionId, r.Entity.Id, i.Property, i.Type, i.Value })), cancellationToken);
    }

    /// <summary>Makes a version its part's current one and drops the entities of the part's earlier versions (their names
    /// and identifiers go with them).</summary>
    private static Task MakeCurrentAsync(
        DbConnection connection, DbTransaction transaction, long versionId, string dataset, string part, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            INSERT INTO datasets (name, version_number) VALUES (@d, 1)
            ON CONFLICT (name) DO UPDATE SET version_number = datasets.version_number + 1;
            INSERT INTO dataset_parts (dataset, part, current_version) VALUES (@d, @part, @id)
            ON CONFLICT (dataset, part) DO UPDATE SET current_version = excluded.current_version;
            DELETE FROM entities WHERE version_id IN (SELECT id FROM dataset_versions WHERE dataset = @d AND part = @part AND id <> @id);
            """, cancellationToken, ("@d", dataset), ("@part", part), ("@id", versionId));

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Sql.Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<PartSummary?> CurrentPartAsync(
        DbConnection connection, DbTransaction transaction, string dataset, string part, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction,
            $"SELECT {PartColumns} FROM dataset_parts p JOIN dataset_versions v ON v.id = p.current_version WHERE p.dataset = @d AND p.part = @part")
            .With("@d", dataset).With("@part", part);
        var parts = await ReadPartsAsync(command, cancellationToken);
        return parts.Count > 0 ? parts[0].Part : null;
    }

    private async Task<PartSummary> ReadVersionAsync(DbConnection connection, DbTransaction transaction, long versionId, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, $"SELECT {PartColumns} FROM dataset_versions v WHERE v.id = @id").With("@id", versionId);
        return (await ReadPartsAsync(command, cancellationToken))[0].Part;
    }

    public async Task<IReadOnlyList<DatasetSummary>> GetDatasetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Dialect.BeginReadAsync(connection, cancellationToken);
        return await ReadDatasetsAsync(connection, transaction, null, cancellationToken);
    }

    public async Task<DatasetSummary?> FindCurrentByContentAsync(string contentHash, string? datasetOverride, string? datasetPrefix = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Dialect.BeginReadAsync(connection, cancellationToken);
        await using var command = Sql.Command(connection, transaction, "").With("@h", contentHash);
        command.CommandText = $"""
            SELECT p.dataset FROM dataset_parts p JOIN dataset_versions v ON v.id = p.current_version
            WHERE v.content_hash = @h AND {EqualOrNull(command, "v.dataset_override", datasetOverride)} AND {EqualOrNull(command, "v.dataset_prefix", datasetPrefix)}
            LIMIT 1
            """;
        return await command.ExecuteScalarAsync(cancellationToken) is string dataset
            ? (await ReadDatasetsAsync(connection, transaction, dataset, cancellationToken)).Single()
            : null;
    }

    /// <summary>"column = @parameter" with its parameter added, or "column IS NULL" when the value is null (PostgreSQL
    /// cannot tell the type of a null parameter compared with IS).</summary>
    private static string EqualOrNull(DbCommand command, string column, string? value)
    {
        if (value is null)
        {
            return $"{column} IS NULL";
        }
        var parameter = $"@p{command.Parameters.Count}";
        command.With(parameter, value);
        return $"{column} = {parameter}";
    }

    public Task<DatasetSummary?> RemoveAsync(string dataset, string? part, CancellationToken cancellationToken = default) =>
        database.WriteAsync(WriteScope, async (connection, transaction) =>
        {
            var before = (await ReadDatasetsAsync(connection, transaction, dataset, cancellationToken)).SingleOrDefault();
            if (before is null || (part is not null && !before.Parts.Any(p => p.Part == part)))
            {
                return null;
            }
            var ofPart = part is null ? "" : " AND part = @part";
            await ExecuteAsync(connection, transaction, $"""
                DELETE FROM entities WHERE version_id IN (SELECT id FROM dataset_versions WHERE dataset = @d{ofPart});
                DELETE FROM dataset_parts WHERE dataset = @d{ofPart};
                DELETE FROM dataset_versions WHERE dataset = @d{ofPart};
                UPDATE datasets SET version_number = version_number + 1 WHERE name = @d;
                DELETE FROM datasets WHERE name = @d AND NOT EXISTS (SELECT 1 FROM dataset_parts WHERE dataset = @d);
                """, cancellationToken, part is null ? [("@d", dataset)] : [("@d", dataset), ("@part", part)]);
            return (DatasetSummary?)before;
        }, cancellationToken);

    public async IAsyncEnumerable<Entity> GetEntitiesAsync(IReadOnlyCollection<string>? datasets = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "");
        var ofDatasets = "";
        if (datasets is { Count: > 0 })
        {
            var names = datasets.Select((name, i) => (Name: name, Parameter: $"@d{i}")).ToList();
            foreach (var (name, parameter) in names)
            {
                command.With(parameter, name);
            }
            ofDatasets = $" AND p.dataset IN ({string.Join(", ", names.Select(n => n.Parameter))})";
        }
        // Ordered by id (then version) on both backends: SQLite reads it straight from entities_by_id; PostgreSQL's ids
        // compare byte by byte (COLLATE "C"), as SQLite's do.
        command.CommandText = $"""
            SELECT {EntityColumns} FROM entities e JOIN dataset_parts p ON p.current_version = e.version_id
            WHERE {NotShadowed}{ofDatasets} ORDER BY e.id, e.version_id
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadEntity(reader);
        }
    }

    public async Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, $"""
            SELECT {EntityColumns} FROM entities e JOIN dataset_parts p ON p.current_version = e.version_id
            WHERE e.id = @id ORDER BY e.version_id DESC LIMIT 1
            """).With("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEntity(reader) : null;
    }

    private static Entity ReadEntity(DbDataReader reader) =>
        EntityJson.Deserialize(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetStringOrNull(4));

    /// <summary>Every dataset (or one) with its current parts; counts of a dataset of several parts are of distinct entities.</summary>
    private async Task<IReadOnlyList<DatasetSummary>> ReadDatasetsAsync(
        DbConnection connection, DbTransaction transaction, string? dataset, CancellationToken cancellationToken)
    {
        await using var parts = Sql.Command(connection, transaction, $"""
            SELECT {PartColumns}, d.version_number, v.id FROM datasets d JOIN dataset_parts p ON p.dataset = d.name
            JOIN dataset_versions v ON v.id = p.current_version
            {(dataset is null ? "" : "WHERE d.name = @d")} ORDER BY d.name, p.part
            """);
        if (dataset is not null)
        {
            parts.With("@d", dataset);
        }
        var rows = await ReadPartsAsync(parts, cancellationToken);

        await using var counts = Sql.Command(connection, transaction, $"""
            SELECT count(*), CAST(coalesce(sum(e.names), 0) AS BIGINT), CAST(coalesce(sum(e.identifiers), 0) AS BIGINT)
            FROM entities e JOIN dataset_parts p ON p.current_version = e.version_id WHERE p.dataset = @d AND {NotShadowed}
            """).With("@d", "");
        var countsDataset = counts.Parameters["@d"];

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
    private async Task<List<PartRow>> ReadPartsAsync(DbCommand command, CancellationToken cancellationToken)
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
                Dialect.GetTime(reader, 7), reader.GetString(8),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(9)) ?? []);
            list.Add(new PartRow(reader.GetString(0), part, reader.GetString(10), reader.GetString(11), Enum.Parse<DatasetKind>(reader.GetString(12)),
                withVersion ? checked((int)reader.GetInt64(13)) : 0, withVersion ? reader.GetInt64(14) : 0));
        }
        return list;
    }

    /// <summary>The C# step of migration 007: writes the names and identifiers of the entities a store held before they
    /// were rows, in its transaction. Reads a page of entities at a time (PostgreSQL cannot write while a reader is open).</summary>
    public static async Task WriteTypedRowsOfStoredEntitiesAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var after = (VersionId: -1L, Id: "");
        while (true)
        {
            var page = new List<(long VersionId, Entity Entity)>();
            await using (var command = Sql.Command(connection, transaction, $"""
                SELECT e.version_id, {EntityColumns} FROM entities e WHERE e.version_id > @v OR (e.version_id = @v AND e.id > @id)
                ORDER BY e.version_id, e.id LIMIT {BatchSize}
                """).With("@v", after.VersionId).With("@id", after.Id))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add((reader.GetInt64(0), EntityJson.Deserialize(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetStringOrNull(5))));
                }
            }
            if (page.Count == 0)
            {
                return;
            }
            await dialect.WriteRowsAsync(connection, transaction, NameTable, page.SelectMany(p =>
                EntityCounting.NameValues(p.Entity).Select(n => new object?[] { p.VersionId, p.Entity.Id, n.Name, n.Property })), cancellationToken);
            await dialect.WriteRowsAsync(connection, transaction, IdentifierTable, page.SelectMany(p =>
                EntityCounting.IdentifierValues(p.Entity).Select(i => new object?[] { p.VersionId, p.Entity.Id, i.Property, i.Type, i.Value })), cancellationToken);
            after = (page[^1].VersionId, page[^1].Entity.Id);
        }
    }
}
