using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Unmask.Storage.Relational;

/// <summary>Indexed sites (with their claims, pages and fingerprints) and the reports of analysed sites, on either backend.
/// Page bodies and features are blobs, stored once by content hash in the same transaction as the site.</summary>
public sealed class RelationalSiteStore(RelationalDatabase database, TimeProvider time) : ISiteStore
{
    private const string WriteScope = "sites";
    private const string FeaturesMediaType = "application/json";

    private const string SiteColumns = """
        s.id, s.source, s.source_kind, s.role, s.name, s.indexed_at, s.content_hash, b.content
        FROM sites s JOIN blobs b ON b.sha256 = s.features_sha256
        """;

    private const string ReportColumns = "site_id, analyzed_at, report FROM site_reports";

    public Task PutAsync(IReadOnlyList<StoredSite> sites, CancellationToken cancellationToken = default) =>
        database.WriteAsync(WriteScope, async (connection, transaction) =>
        {
            foreach (var site in sites)
            {
                await PutSiteAsync(connection, transaction, site, cancellationToken);
            }
        }, cancellationToken);

    private async Task PutSiteAsync(DbConnection connection, DbTransaction transaction, StoredSite site, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var now = time.GetUtcNow();
        var features = await RelationalBlobs.PutAsync(connection, transaction, dialect, site.Features, FeaturesMediaType, now, cancellationToken);
        var kind = KindName(site.SourceKind);

        // A site is what was read from one source in one role: an earlier reading of it under another key is replaced.
        await ExecuteAsync(Sql.Command(connection, transaction,
                "DELETE FROM sites WHERE source_kind = @source_kind AND source = @source AND role = @role AND id <> @id")
            .With("@source_kind", kind).With("@source", site.Source).With("@role", site.Role).With("@id", site.Id), cancellationToken);

        var upsert = Sql.Command(connection, transaction, """
                INSERT INTO sites (id, source, source_kind, role, name, indexed_at, content_hash, features_sha256)
                VALUES (@id, @source, @source_kind, @role, @name, @indexed_at, @content_hash, @features_sha256)
                ON CONFLICT (id) DO UPDATE SET source = excluded.source, source_kind = excluded.source_kind, role = excluded.role,
                    name = excluded.name, indexed_at = excluded.indexed_at, content_hash = excluded.content_hash,
                    features_sha256 = excluded.features_sha256
                WHERE sites.source = excluded.source AND sites.source_kind = excluded.source_kind AND sites.role = excluded.role
                """)
            .With("@id", site.Id).With("@source", site.Source).With("@source_kind", kind).With("@role", site.Role)
            .With("@name", site.Name).With("@content_hash", site.ContentHash).With("@features_sha256", features);
        dialect.Time(upsert, "@indexed_at", site.IndexedAt);
        // The id was chosen outside this transaction: another process may have given it to another source meanwhile, whose
        // row must not be overwritten (the transaction is rolled back, nothing of this put is kept).
        await using (upsert)
        {
            if (await upsert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new StoreException($"site {site.Id} is held by another source or role than {site.Role} {site.Source}: index it again");
            }
        }

        foreach (var table in new[] { "site_claims", "site_pages", "site_fingerprints" })
        {
            await ExecuteAsync(Sql.Command(connection, transaction, $"DELETE FROM {table} WHERE site_id = @id").With("@id", site.Id), cancellationToken);
        }

        await using (var claim = Sql.Command(connection, transaction,
            "INSERT INTO site_claims (site_id, ordinal, domain, how, page_url) VALUES (@site_id, @ordinal, @domain, @how, @page_url)"))
        {
            foreach (var (c, ordinal) in site.Claims.Select((c, i) => (c, i)))
            {
                await Rebind(claim).With("@site_id", site.Id).With("@ordinal", ordinal).With("@domain", c.Domain).With("@how", c.How)
                    .With("@page_url", c.PageUrl).ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var page = Sql.Command(connection, transaction, """
            INSERT INTO site_pages (site_id, url, ordinal, title, body_sha256, media_type)
            VALUES (@site_id, @url, @ordinal, @title, @body_sha256, @media_type)
            """))
        {
            foreach (var (p, ordinal) in site.Pages.Select((p, i) => (p, i)))
            {
                var body = p.Body is null
                    ? null
                    : await RelationalBlobs.PutAsync(connection, transaction, dialect, p.Body, p.MediaType ?? "text/html", now, cancellationToken);
                await Rebind(page).With("@site_id", site.Id).With("@url", p.Url).With("@ordinal", ordinal).With("@title", p.Title)
                    .With("@body_sha256", body).With("@media_type", p.MediaType).ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // Fingerprints are a set: the same kind and value given twice is one row.
        await using var fingerprint = Sql.Command(connection, transaction, """
            INSERT INTO site_fingerprints (site_id, kind, value) VALUES (@site_id, @kind, @value)
            ON CONFLICT (site_id, kind, value) DO NOTHING
            """);
        foreach (var f in site.Fingerprints)
        {
            await Rebind(fingerprint).With("@site_id", site.Id).With("@kind", f.Kind).With("@value", f.Value).ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<StoredSite?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await foreach (var site in ReadSitesAsync(id, cancellationToken))
        {
            return site;
        }
        return null;
    }

    public IAsyncEnumerable<StoredSite> ListAsync(CancellationToken cancellationToken = default) => ReadSitesAsync(null, cancellationToken);

    /// <summary>The sites (one when <paramref name="id"/> is given, else all, by id) from one consistent snapshot.</summary>
    private async IAsyncEnumerable<StoredSite> ReadSitesAsync(string? id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.Dialect.BeginReadAsync(connection, cancellationToken);
        var where = id is null ? "" : " WHERE site_id = @id";
        var claims = await ReadChildrenAsync(connection, transaction, $"SELECT site_id, domain, how, page_url FROM site_claims{where} ORDER BY site_id, ordinal", id,
            r => new SiteClaim(r.GetString(1), r.GetString(2), r.GetStringOrNull(3)), cancellationToken);
        var pages = await ReadChildrenAsync(connection, transaction, $"SELECT site_id, url, title, media_type, body_sha256 FROM site_pages{where} ORDER BY site_id, ordinal", id,
            r => new SitePage(r.GetString(1), r.GetStringOrNull(2), null, r.GetStringOrNull(3), r.GetStringOrNull(4)), cancellationToken);
        var fingerprints = await ReadChildrenAsync(connection, transaction, $"SELECT site_id, kind, value FROM site_fingerprints{where}", id,
            r => new SiteFingerprint(r.GetString(1), r.GetString(2)), cancellationToken);

        var sites = await ReadRowsAsync(connection, transaction, $"SELECT {SiteColumns}{(id is null ? "" : " WHERE s.id = @id")}", id, r =>
        {
            var siteId = r.GetString(0);
            return new StoredSite(siteId, r.GetString(1), Enum.Parse<SiteSourceKind>(r.GetString(2), ignoreCase: true),
                r.GetString(3), r.GetString(4), database.Dialect.GetTime(r, 5), r.GetString(6),
                claims.GetValueOrDefault(siteId) ?? [], pages.GetValueOrDefault(siteId) ?? [],
                [.. (fingerprints.GetValueOrDefault(siteId) ?? []).OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal)],
                r.GetFieldValue<byte[]>(7));
        }, cancellationToken);
        foreach (var site in sites.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            yield return site;
        }
    }

    public async Task<IReadOnlyList<string>> FindByFingerprintAsync(string kind, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT DISTINCT site_id FROM site_fingerprints WHERE kind = @kind AND value = @value")
            .With("@kind", kind).With("@value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sites = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sites.Add(reader.GetString(0));
        }
        return [.. sites.Order(StringComparer.Ordinal)];
    }

    public Task PutReportAsync(StoredSiteReport report, CancellationToken cancellationToken = default) =>
        database.WriteAsync(WriteScope, async (connection, transaction) =>
        {
            await using (var exists = Sql.Command(connection, transaction, "SELECT 1 FROM sites WHERE id = @id").With("@id", report.SiteId))
            {
                if (await exists.ExecuteScalarAsync(cancellationToken) is null)
                {
                    throw new InvalidOperationException($"site {report.SiteId} is not stored: store the site before its report");
                }
            }
            var upsert = Sql.Command(connection, transaction, """
                    INSERT INTO site_reports (site_id, analyzed_at, report) VALUES (@site_id, @analyzed_at, @report)
                    ON CONFLICT (site_id) DO UPDATE SET analyzed_at = excluded.analyzed_at, report = excluded.report
                    """)
                .With("@site_id", report.SiteId);
            database.Dialect.Time(upsert, "@analyzed_at", report.AnalyzedAt);
            database.Dialect.Json(upsert, "@report", report.ReportJson);
            await ExecuteAsync(upsert, cancellationToken);
            foreach (var table in new[] { "site_clones", "site_findings" })
            {
                await ExecuteAsync(Sql.Command(connection, transaction, $"DELETE FROM {table} WHERE site_id = @id").With("@id", report.SiteId), cancellationToken);
            }

            await using (var clone = Sql.Command(connection, transaction, """
                INSERT INTO site_clones (site_id, ordinal, reference_id, relation, similarity, copied_fraction)
                VALUES (@site_id, @ordinal, @reference_id, @relation, @similarity, @copied_fraction)
                """))
            {
                foreach (var (c, ordinal) in report.Clones.Select((c, i) => (c, i)))
                {
                    await Rebind(clone).With("@site_id", report.SiteId).With("@ordinal", ordinal).With("@reference_id", c.ReferenceId)
                        .With("@relation", c.Relation).With("@similarity", c.Similarity).With("@copied_fraction", c.CopiedFraction)
                        .ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await using var finding = Sql.Command(connection, transaction, """
                INSERT INTO site_findings (site_id, ordinal, code, severity, evidence, source, data)
                VALUES (@site_id, @ordinal, @code, @severity, @evidence, @source, @data)
                """);
            foreach (var (f, ordinal) in report.Findings.Select((f, i) => (f, i)))
            {
                Rebind(finding).With("@site_id", report.SiteId).With("@ordinal", ordinal).With("@code", f.Code).With("@severity", f.Severity)
                    .With("@evidence", f.Evidence).With("@source", f.Source);
                database.Dialect.Json(finding, "@data", f.DataJson);
                await finding.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);

    public async Task<StoredSiteReport?> GetReportAsync(string siteId, CancellationToken cancellationToken = default)
    {
        await foreach (var report in ReadReportsAsync(siteId, cancellationToken))
        {
            return report;
        }
        return null;
    }

    public IAsyncEnumerable<StoredSiteReport> ListReportsAsync(CancellationToken cancellationToken = default) => ReadReportsAsync(null, cancellationToken);

    private async IAsyncEnumerable<StoredSiteReport> ReadReportsAsync(string? siteId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.Dialect.BeginReadAsync(connection, cancellationToken);
        var where = siteId is null ? "" : " WHERE site_id = @id";
        var clones = await ReadChildrenAsync(connection, transaction,
            $"SELECT site_id, reference_id, relation, similarity, copied_fraction FROM site_clones{where} ORDER BY site_id, ordinal", siteId,
            r => new SiteCloneRow(r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4)), cancellationToken);
        var findings = await ReadChildrenAsync(connection, transaction,
            $"SELECT site_id, code, severity, evidence, source, data FROM site_findings{where} ORDER BY site_id, ordinal", siteId,
            r => new StoredFinding(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetStringOrNull(5)), cancellationToken);

        var reports = await ReadRowsAsync(connection, transaction, $"SELECT {ReportColumns}{where}", siteId, r =>
        {
            var id = r.GetString(0);
            return new StoredSiteReport(id, database.Dialect.GetTime(r, 1), r.GetString(2), clones.GetValueOrDefault(id) ?? [], findings.GetValueOrDefault(id) ?? []);
        }, cancellationToken);
        foreach (var report in reports.OrderBy(r => r.SiteId, StringComparer.Ordinal))
        {
            yield return report;
        }
    }

    public Task RenameAsync(IReadOnlyList<SiteRename> renames, CancellationToken cancellationToken = default) =>
        database.WriteAsync(WriteScope, async (connection, transaction) =>
        {
            await ExecuteAsync(Sql.Command(connection, transaction, PendingMark.Replace("SELECT 1 FROM", "DELETE FROM", StringComparison.Ordinal)), cancellationToken);
            // Through a temporary id each, so chains (a → b, b → c) and swaps never meet an id still in use.
            var steps = renames.Select((r, i) => (r.From, Temporary: $"\u0001renaming:{i}:{r.To}", r.To)).ToList();
            foreach (var (from, temporary, _) in steps)
            {
                await MoveAsync(connection, transaction, database.Dialect, from, temporary, cancellationToken);
            }
            foreach (var (_, temporary, to) in steps)
            {
                await MoveAsync(connection, transaction, database.Dialect, temporary, to, cancellationToken);
            }
            await RenameInReportsAsync(connection, transaction, database.Dialect, renames, cancellationToken);
            var now = time.GetUtcNow();
            await using var record = Sql.Command(connection, transaction,
                "INSERT INTO site_renames (from_id, to_id, reason, renamed_at) VALUES (@from_id, @to_id, @reason, @renamed_at)");
            foreach (var rename in renames)
            {
                Rebind(record).With("@from_id", rename.From).With("@to_id", rename.To).With("@reason", rename.Reason);
                database.Dialect.Time(record, "@renamed_at", rename.At ?? now);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);

    /// <summary>Moves one site and everything keyed by its id to another id: a copy of its row under the new id (its source set
    /// aside meanwhile, as a source is stored once per role), its child rows and report re-pointed, the old row deleted.</summary>
    private static async Task MoveAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string from, string to, CancellationToken cancellationToken)
    {
        await ExecuteAsync(Sql.Command(connection, transaction, "UPDATE sites SET source = @aside || source WHERE id = @from")
            .With("@aside", "\u0001").With("@from", from), cancellationToken);
        await ExecuteAsync(Sql.Command(connection, transaction, """
                INSERT INTO sites (id, source, source_kind, role, name, indexed_at, content_hash, features_sha256)
                SELECT @to, substr(source, 2), source_kind, role, name, indexed_at, content_hash, features_sha256 FROM sites WHERE id = @from
                """).With("@to", to).With("@from", from), cancellationToken);
        foreach (var table in new[] { "site_claims", "site_pages", "site_fingerprints" })
        {
            await ExecuteAsync(Sql.Command(connection, transaction, $"UPDATE {table} SET site_id = @to WHERE site_id = @from").With("@to", to).With("@from", from), cancellationToken);
        }
        await ExecuteAsync(Sql.Command(connection, transaction,
            "INSERT INTO site_reports (site_id, analyzed_at, report) SELECT @to, analyzed_at, report FROM site_reports WHERE site_id = @from")
            .With("@to", to).With("@from", from), cancellationToken);
        foreach (var table in new[] { "site_clones", "site_findings" })
        {
            await ExecuteAsync(Sql.Command(connection, transaction, $"UPDATE {table} SET site_id = @to WHERE site_id = @from").With("@to", to).With("@from", from), cancellationToken);
        }
        await ExecuteAsync(Sql.Command(connection, transaction, "UPDATE site_clones SET reference_id = @to WHERE reference_id = @from").With("@to", to).With("@from", from), cancellationToken);
        // A vetted record whose website snapshot was this site links to its graph node (site:<id>) in its graph document.
        var graph = dialect.Name == "postgres" ? "replace(graph::text, @old, @new)::jsonb" : "replace(graph, @old, @new)";
        await ExecuteAsync(Sql.Command(connection, transaction, $"UPDATE vet_records SET graph = {graph} WHERE {(dialect.Name == "postgres" ? "graph::text" : "graph")} LIKE @like")
            .With("@old", $"\"site:{from}\"").With("@new", $"\"site:{to}\"").With("@like", $"%\"site:{from}\"%"), cancellationToken);
        await ExecuteAsync(Sql.Command(connection, transaction, "DELETE FROM site_reports WHERE site_id = @from").With("@from", from), cancellationToken);
        await ExecuteAsync(Sql.Command(connection, transaction, "DELETE FROM sites WHERE id = @from").With("@from", from), cancellationToken);
    }

    /// <summary>The ids a stored report's JSON names (its target, each clone's reference, each pivot's site) follow the renames.</summary>
    private static async Task RenameInReportsAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<SiteRename> renames,
        CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rename in renames)
        {
            map.TryAdd(rename.From, rename.To);
        }
        if (map.Count == 0)
        {
            return;
        }
        var reports = await ReadRowsAsync(connection, transaction, "SELECT site_id, report FROM site_reports", null, r => (Site: r.GetString(0), Json: r.GetString(1)), cancellationToken);
        foreach (var (site, json) in reports)
        {
            if (JsonNode.Parse(json) is not JsonObject report)
            {
                continue;
            }
            var changed = Rename(report, "target", map);
            foreach (var (array, field) in new[] { ("clones", "reference"), ("pivots", "site") })
            {
                foreach (var item in (report[array] as JsonArray ?? []).OfType<JsonObject>())
                {
                    changed |= Rename(item, field, map);
                }
            }
            if (changed)
            {
                var update = Sql.Command(connection, transaction, "UPDATE site_reports SET report = @report WHERE site_id = @site_id").With("@site_id", site);
                dialect.Json(update, "@report", report.ToJsonString());
                await ExecuteAsync(update, cancellationToken);
            }
        }
    }

    private static bool Rename(JsonObject item, string field, Dictionary<string, string> map)
    {
        if (item[field] is JsonValue value && value.TryGetValue<string>(out var id) && map.TryGetValue(id, out var to))
        {
            item[field] = to;
            return true;
        }
        return false;
    }

    private const string PendingMark = "SELECT 1 FROM site_renames WHERE from_id = '' AND to_id = ''";

    public async Task<bool> IdentityRepairPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, PendingMark);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async IAsyncEnumerable<SiteRename> ListRenamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await ReadRowsAsync(connection, null, "SELECT from_id, to_id, reason, renamed_at FROM site_renames WHERE from_id <> '' ORDER BY ordinal", null,
            r => new SiteRename(r.GetString(0), r.GetString(1), r.GetString(2), database.Dialect.GetTime(r, 3)), cancellationToken);
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    /// <summary>Rows of a child table grouped by their site (the first column), in the query's order.</summary>
    private static async Task<Dictionary<string, List<T>>> ReadChildrenAsync<T>(DbConnection connection, DbTransaction transaction, string query,
        string? siteId, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(connection, transaction, query, siteId, r => (Site: r.GetString(0), Row: read(r)), cancellationToken);
        var bySite = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var (site, row) in rows)
        {
            (bySite.TryGetValue(site, out var list) ? list : bySite[site] = []).Add(row);
        }
        return bySite;
    }

    /// <summary>Every row of the query, read whole: a connection runs one reader at a time on PostgreSQL, and texts are put in
    /// order here, ordinally, since PostgreSQL's ORDER BY follows the database's collation.</summary>
    private static async Task<List<T>> ReadRowsAsync<T>(DbConnection connection, DbTransaction? transaction, string query, string? siteId,
        Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, query);
        if (siteId is not null)
        {
            command.With("@id", siteId);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    private static string KindName(SiteSourceKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Clears a reused insert's parameters so the next row binds its own.</summary>
    private static DbCommand Rebind(DbCommand command)
    {
        command.Parameters.Clear();
        return command;
    }

    private static async Task ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
