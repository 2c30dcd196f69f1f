using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.Storage.Relational;

namespace Unmask.Storage.Sqlite;

/// <summary>What moving an older store's documents into the typed tables did.</summary>
/// <param name="LeftOver">Collections (with why) kept in <c>legacy_documents</c> for a later open; the table stays until
/// nothing is left.</param>
public sealed record LegacyMove(int Sites, int SiteReports, int VettedRecords, int Cases, int StixTimes, bool HadGraph, IReadOnlyList<string> LeftOver)
{
    /// <summary>The line said on stderr.</summary>
    public string Describe()
    {
        static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
        var line = "moved the documents of an older store into typed tables: " + string.Join(", ",
            Count(Sites, "site", "sites"), Count(SiteReports, "site report", "site reports"), Count(VettedRecords, "vetted record", "vetted records"),
            Count(Cases, "case", "cases"), Count(StixTimes, "STIX object time", "STIX object times"));
        if (HadGraph)
        {
            line += " (the graph is rebuilt on its next use)";
        }
        return LeftOver.Count == 0 ? line : line + $"; kept for the next open: {string.Join("; ", LeftOver)}";
    }
}

/// <summary>The step after migration 013 for SQLite stores written before the typed schema: 013 renames their generic
/// <c>documents(collection, key, body)</c> table to <c>legacy_documents</c>; this moves each collection into its typed
/// tables through the typed stores and then drops it. Each part is written whole and again when the move is interrupted
/// (sites and reports are replaced, the moved vetting batch and the cases are written once), so an interrupted move
/// finishes on the next open. The bodies are the engines' own serialisations: a site's body becomes its features blob
/// as it is, a vetted record's result and graph documents its row (<see cref="VetRecordDocuments"/>), a case its typed
/// rows (<see cref="CaseDocument.FromLegacyJson"/>), adopted in the audit log by one entry. The stored graph is derived
/// data and is rebuilt from the moved rows when next used.</summary>
internal static class LegacyDocumentMove
{
    public const string Table = "legacy_documents";

    /// <summary>The vetting batch the moved records belong to (one per store: the old store kept no runs).</summary>
    public const string BatchId = "legacy-documents";

    private const string Sites = "sites";
    private const string SiteReports = "site_reports";
    private const string VetResults = "vet_results";
    private const string GraphRecords = "graph_records";
    private const string Graph = "graph";
    private const string StixTimes = "stix_object_times";

    /// <summary>Moves what <c>legacy_documents</c> holds, or returns null when there is no such table or it was empty.</summary>
    public static async Task<LegacyMove?> MoveAsync(IUnmaskStore store, RelationalDatabase database, RelationalAuditLog audit, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        var documents = await ReadAsync(database, cancellationToken);
        if (documents is null)
        {
            return null;
        }
        if (documents.Count == 0)
        {
            await DropAsync(database, cancellationToken);
            return null;
        }
        var at = time.GetUtcNow();
        var leftOver = new List<string>();
        var moved = new List<string>();
        IReadOnlyList<(string Key, string Body)> Take(string collection)
        {
            var taken = documents.GetValueOrDefault(collection) ?? [];
            documents.Remove(collection);
            moved.Add(collection);
            return taken;
        }

        var sites = Take(Sites);
        await store.Sites.PutAsync([.. sites.Select(d => SiteOf(d.Key, d.Body, at))], cancellationToken);
        var reports = Take(SiteReports);
        foreach (var (key, body) in reports)
        {
            await store.Sites.PutReportAsync(ReportOf(key, body, at), cancellationToken);
        }
        var vetted = await MoveVettingAsync(store, Take(VetResults), Take(GraphRecords), at, cancellationToken);
        if (vetted.Unpaired > 0)
        {
            // The old store wrote both documents of a record in one transaction; a record with one of them is not one it wrote.
            leftOver.Add($"{vetted.Unpaired} vetting documents without their pair in vet_results and graph_records");
            moved.RemoveAll(c => c is VetResults or GraphRecords);
        }
        var stix = Take(StixTimes);
        await store.Exports.PutStixTimesAsync([.. stix.Select(d => StixTimesOf(d.Key, d.Body))], cancellationToken);
        var hadGraph = Take(Graph).Count > 0;
        var cases = Take(CaseDocument.Collection);
        var movedCases = 0;
        try
        {
            movedCases = await MoveCasesAsync(database, audit, cases, cancellationToken);
        }
        catch (InputException error)
        {
            // Cases can only be adopted with the audit key; without it they wait in the old table for an open that has it.
            leftOver.Add($"{cases.Count} cases ({error.Message})");
            moved.Remove(CaseDocument.Collection);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // A case document this release cannot read stays where it is, with the reason, rather than stopping the store from opening.
            leftOver.Add($"{cases.Count} cases (not readable as cases: {error.Message})");
            moved.Remove(CaseDocument.Collection);
        }
        foreach (var (collection, rest) in documents)
        {
            leftOver.Add($"{rest.Count} documents of the unknown collection '{collection}'");
        }
        if (leftOver.Count == 0)
        {
            await DropAsync(database, cancellationToken);
        }
        else
        {
            await DeleteMovedAsync(database, moved, cancellationToken);
        }
        return new LegacyMove(sites.Count, reports.Count, vetted.Records, movedCases, stix.Count, hadGraph, leftOver);
    }

    private static async Task<Dictionary<string, List<(string Key, string Body)>>?> ReadAsync(RelationalDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var exists = Sql.Command(connection, null, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @t").With("@t", Table))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }
        var documents = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        await using var command = Sql.Command(connection, null, $"SELECT collection, key, body FROM {Table} ORDER BY collection, key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var collection = reader.GetString(0);
            (documents.TryGetValue(collection, out var list) ? list : documents[collection] = []).Add((reader.GetString(1), reader.GetString(2)));
        }
        return documents;
    }

    /// <summary>A site as the old store kept it (the engine's IndexedSite as JSON): its body is kept whole as the
    /// features blob; the columns and rows beside it are read from it.</summary>
    internal static StoredSite SiteOf(string key, string body, DateTimeOffset at)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var source = Text(root, "Source") is { Length: > 0 } given ? given : key;
        var claims = Array(root, "Artefacts")
            .Select(a => (Kind: Text(a, "Kind"), Page: Text(a, "Page"), Value: Text(a, "Value")))
            .Where(a => a.Kind is "canonical" or "og_url" && a.Value.Length > 0)
            .Select(a => new SiteClaim(a.Value, a.Kind == "og_url" ? "og:url" : "canonical", a.Page.Length > 0 ? a.Page : null))
            .Distinct()
            .ToList();
        var pages = Array(root, "Pages")
            .Select(p => new SitePage(Text(p, "Path"), Text(p, "Title") is { Length: > 0 } title ? title : null, null, null))
            .DistinctBy(p => p.Url, StringComparer.Ordinal)
            .ToList();
        var role = root.TryGetProperty("Role", out var number) && number.ValueKind == JsonValueKind.Number && number.GetInt32() == 0 ? "reference" : "suspect";
        return new StoredSite(key, source, SourceKindOf(source), role, Text(root, "Name") is { Length: > 0 } name ? name : key, at, Text(root, "ContentHash"),
            claims, pages, FingerprintsOf(root), Encoding.UTF8.GetBytes(body));
    }

    private static SiteSourceKind SourceKindOf(string source) => source switch
    {
        _ when source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) => SiteSourceKind.Url,
        _ when source.EndsWith(".warc", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase) => SiteSourceKind.Warc,
        _ when source.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".htm", StringComparison.OrdinalIgnoreCase) => SiteSourceKind.File,
        _ => SiteSourceKind.Folder,
    };

    /// <summary>The fingerprints under the kinds the site store uses for sites indexed now.</summary>
    private static List<SiteFingerprint> FingerprintsOf(JsonElement site)
    {
        var fingerprints = new List<SiteFingerprint>();
        if (!site.TryGetProperty("Fingerprints", out var all) || all.ValueKind != JsonValueKind.Object)
        {
            return fingerprints;
        }
        foreach (var (property, kind) in new[] { ("Trackers", "tracker"), ("FaviconMmh3", "favicon_mmh3"), ("Emails", "email"), ("Phones", "phone"),
                     ("Addresses", "address"), ("Messengers", "messenger") })
        {
            fingerprints.AddRange(Array(all, property).Select(v => new SiteFingerprint(kind,
                v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString() ?? "")));
        }
        if (Text(all, "Template") is { Length: > 0 } template)
        {
            fingerprints.Add(new SiteFingerprint("template", template));
        }
        return fingerprints;
    }

    /// <summary>A site report as the old store kept it (the <c>site analyze</c> JSON), with its clones and findings as rows.</summary>
    internal static StoredSiteReport ReportOf(string key, string body, DateTimeOffset at)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var clones = Array(root, "clones").Select(c =>
        {
            var similarity = Number(c, "similarity");
            return new SiteCloneRow(Text(c, "reference"), Text(c, "relation"), similarity, c.TryGetProperty("copied_fraction", out _) ? Number(c, "copied_fraction") : similarity);
        }).ToList();
        var findings = Array(root, "findings").Select(f => new StoredFinding(Text(f, "code"), Text(f, "severity"), Text(f, "evidence"), "", null)).ToList();
        return new StoredSiteReport(key, at, body, clones, findings);
    }

    private static async Task<(int Records, int Unpaired)> MoveVettingAsync(IUnmaskStore store, IReadOnlyList<(string Key, string Body)> results,
        IReadOnlyList<(string Key, string Body)> graph, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var graphByKey = graph.ToDictionary(g => g.Key, g => g.Body, StringComparer.Ordinal);
        var records = results.Where(r => graphByKey.ContainsKey(r.Key)).ToList();
        var unpaired = results.Count + graph.Count - 2 * records.Count;
        if (records.Count == 0 || (await store.Vetting.ListBatchesAsync(cancellationToken)).Any(b => b.Id == BatchId))
        {
            return (records.Count, unpaired);
        }
        var algorithm = records.Select(r => AlgorithmOf(r.Body)).FirstOrDefault(a => a.Length > 0) ?? "unknown";
        var batch = new StoredVetBatch(BatchId, "the documents table of an older store", Sha256Of(records.Select(r => r.Body)), algorithm, at, records.Count);
        await store.Vetting.SaveRunAsync(batch, [.. records.Select(r => VetRecordDocuments.ToRecord(BatchId, r.Body, graphByKey[r.Key]))], cancellationToken);
        return (records.Count, unpaired);
    }

    private static string AlgorithmOf(string result)
    {
        using var json = JsonDocument.Parse(result);
        return Text(json.RootElement, "algorithm");
    }

    private static string Sha256Of(IEnumerable<string> bodies) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', bodies))));

    private static StixObjectTimes StixTimesOf(string id, string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        DateTimeOffset At(string name) => DateTimeOffset.Parse(Text(root, name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new StixObjectTimes(id, Text(root, "hash"), At("created"), At("modified"));
    }

    /// <summary>The cases the store does not hold yet, written with the audit entry that adopts them, in one transaction
    /// on the audit log's lock.</summary>
    private static Task<int> MoveCasesAsync(RelationalDatabase database, RelationalAuditLog audit, IReadOnlyList<(string Key, string Body)> cases,
        CancellationToken cancellationToken)
    {
        if (cases.Count == 0)
        {
            return Task.FromResult(0);
        }
        return database.WriteAsync(RelationalAuditLog.WriteScope, async (connection, transaction) =>
        {
            var moved = 0;
            foreach (var (_, body) in cases)
            {
                var item = CaseDocument.FromLegacyJson(body);
                await using var exists = Sql.Command(connection, transaction, "SELECT 1 FROM cases WHERE id = @id").With("@id", item.Id);
                if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    continue;
                }
                await RelationalCaseStore.InsertAsync(connection, transaction, database.Dialect, item, cancellationToken);
                moved++;
            }
            if (moved > 0)
            {
                await audit.AdoptCasesAsync(connection, transaction, "moved from the documents table of an older store", cancellationToken);
            }
            return moved;
        }, cancellationToken);
    }

    private static Task DropAsync(RelationalDatabase database, CancellationToken cancellationToken) =>
        database.WriteAsync(Table, async (connection, transaction) =>
        {
            await using var drop = Sql.Command(connection, transaction, $"DROP TABLE IF EXISTS {Table}");
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static Task DeleteMovedAsync(RelationalDatabase database, IReadOnlyList<string> collections, CancellationToken cancellationToken) =>
        database.WriteAsync(Table, async (connection, transaction) =>
        {
            foreach (var collection in collections)
            {
                await using var delete = Sql.Command(connection, transaction, $"DELETE FROM {Table} WHERE collection = @c").With("@c", collection);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static double Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    private static IEnumerable<JsonElement> Array(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [];
}
