using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Unmask.Application.Vetting;
using Unmask.Storage.Sqlite;

namespace Unmask.Fuzzing.Crashes;

/// <summary>
/// What a store holds, reduced to lines that two stores in the same state share: each dataset with its entity count and a
/// hash of its entities, the vetted records with their number of findings, each case's status and the audit actions. Read through the
/// store's own API so it keeps working as the schema changes.
/// </summary>
public static class StoreState
{
    public static async Task<IReadOnlyList<string>> ReadAsync(string dbPath)
    {
        var lines = new List<string>();
        await using var store = SqliteStore.Open(dbPath, TimeProvider.System);
        foreach (var dataset in (await store.Lists.GetDatasetsAsync()).OrderBy(d => d.Dataset, StringComparer.Ordinal))
        {
            var entities = new List<string>();
            await foreach (var entity in store.Lists.GetEntitiesAsync([dataset.Dataset]))
            {
                entities.Add($"{entity.Id}|{entity.Schema.Name}|{entity.Caption}");
            }
            entities.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', entities))))[..16];
            lines.Add($"dataset {dataset.Dataset}: {dataset.Entities} entities listed, {entities.Count} stored, hash {hash}");
        }
        var records = new List<string>();
        await foreach (var record in store.Vetting.ListRecordsAsync())
        {
            records.Add($"{record.Key} ({record.Findings.Count} findings)");
        }
        lines.Add($"vet_records: {records.Count} records: {string.Join(',', records)}");
        foreach (var item in await store.Cases.ListAsync())
        {
            lines.Add($"case {item.Id}: {item.Status} (version {item.Version})");
        }
        await foreach (var entry in store.Audit.ReadAsync())
        {
            lines.Add($"audit {entry.Sequence}: {entry.Action} {entry.Subject}");
        }
        return lines;
    }

    /// <summary>SQLite's own check of the file (pages, indexes, free list): "ok" when sound.</summary>
    public static string IntegrityCheck(string dbPath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return string.Join("; ", ReadAll(command));
    }

    private static IEnumerable<string> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetString(0);
        }
    }
}
