using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Storage.Sqlite;

/// <summary>The audit log in the <c>audit_log</c> table (triggers refuse updates and deletes), keyed with the audit key
/// from <paramref name="keys"/> and checkpointed in <paramref name="checkpoint"/> beside the database file.</summary>
internal sealed class SqliteAuditLog(Func<SqliteConnection> open, TimeProvider time, AuditKeySource keys, AuditCheckpointFile checkpoint) : IAuditLog
{
    private const string SealActor = "unmask";
    private const string Columns = "seq, at, actor, action, subject, details, previous_hash, hash, scheme, keyed_from, documents";

    public Task<AuditEntry> AppendAsync(string actor, string action, string subject, string details, CancellationToken cancellationToken = default) =>
        Task.FromResult(Append(actor, action, subject, details, null));

    public Task<AuditEntry> AppendAsync(string actor, string action, string subject, string details, AuditedWrite write, CancellationToken cancellationToken = default) =>
        Task.FromResult(Append(actor, action, subject, details, write));

    public async IAsyncEnumerable<AuditEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        foreach (var entry in ReadAll(connection, null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        // The checkpoint first: an append that commits while we read then finds the log at or past it, never behind.
        var (saved, checkpointProblem) = checkpoint.Read();
        AuditKey? key = null;
        string? keyProblem = null;
        try
        {
            key = keys.Find();
            keyProblem = key is null ? keys.MissingReason : null;
        }
        catch (InputException e)
        {
            keyProblem = e.Message;
        }
        using var connection = open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var entries = ReadAll(connection, snapshot).ToList();
        var stored = AuditChain.AuditedCollections.ToDictionary(c => c, c => (IReadOnlyDictionary<string, string>)StoredHashes(connection, snapshot, c));
        return Task.FromResult(AuditChain.Verify(new AuditEvidence(entries, saved, checkpointProblem, key, keyProblem, stored)));
    }

    /// <summary>Starts keyed entries (run once, in the migration that adds them): an empty log only gets a checkpoint; a
    /// log with legacy entries or existing cases gets a first keyed entry that says where keyed entries begin and adopts
    /// the audited documents as they are. The checkpoint is written before the commit: if the commit fails, the migration
    /// runs again on the next open and writes it anew.</summary>
    public void Seal(SqliteConnection connection, SqliteTransaction transaction)
    {
        var key = keys.GetOrCreate();
        var last = ReadLast(connection, transaction);
        var adopted = AuditChain.AuditedCollections
            .SelectMany(c => StoredHashes(connection, transaction, c).Select(d => new AuditedDocument(c, d.Key, d.Value)))
            .ToList();
        var at = time.GetUtcNow();
        if (last is null && adopted.Count == 0)
        {
            checkpoint.Write(AuditCheckpoint.Create(key, keyedFrom: 1, sequence: 0, AuditChain.Genesis, at), evenIfBehind: true);
            return;
        }
        var sequence = (last?.Sequence ?? 0) + 1;
        var details = $"keyed entries begin here (HMAC-SHA256, key id {key.Id}); "
            + (sequence == 1 ? "no earlier entries" : $"entries 1–{sequence - 1} are plain SHA-256 (legacy)")
            + $"; {adopted.Count} stored documents adopted as they are";
        var entry = AuditChain.Keyed(key, sequence, sequence, at, SealActor, "audit.keyed", "audit log", details, adopted, last?.Hash ?? AuditChain.Genesis);
        Insert(connection, transaction, entry);
        checkpoint.Write(AuditCheckpoint.Create(key, entry.KeyedFrom, entry.Sequence, entry.Hash, at), evenIfBehind: true);
    }

    private AuditEntry Append(string actor, string action, string subject, string details, AuditedWrite? write)
    {
        var key = keys.Find() ?? throw new InputException(keys.KeyFile, null, keys.MissingReason);
        using var connection = open();
        // Not deferred (BEGIN IMMEDIATE): two writers cannot both read the same last MAC and fork the chain.
        using var transaction = connection.BeginTransaction(deferred: false);
        var last = ReadLast(connection, transaction);
        var keyedFrom = KeyedFromCheckpoint(key);
        var documents = new List<AuditedDocument>();
        if (write is not null)
        {
            SqliteDocumentStore.Upsert(connection, transaction, write.Collection, write.Documents);
            documents.AddRange(write.Documents.Select(d => new AuditedDocument(write.Collection, d.Key, AuditChain.BodySha256(d.Value))));
        }
        var at = time.GetUtcNow();
        var entry = AuditChain.Keyed(key, (last?.Sequence ?? 0) + 1, keyedFrom, at, actor, action, subject, details, documents, last?.Hash ?? AuditChain.Genesis);
        Insert(connection, transaction, entry);
        transaction.Commit();
        // After the commit: a crash here leaves the checkpoint one entry behind, which verify accepts (it only vouches for less).
        checkpoint.Write(AuditCheckpoint.Create(key, keyedFrom, entry.Sequence, entry.Hash, at));
        return entry;
    }

    /// <summary>Where keyed entries begin, from the checkpoint. Appending is refused when the checkpoint is gone or was
    /// written with another key: entries written then could never be verified.</summary>
    private long KeyedFromCheckpoint(AuditKey key)
    {
        var (saved, problem) = checkpoint.Read();
        if (saved is null)
        {
            throw new InputException(checkpoint.Path, null, $"cannot append to the audit log: {problem}; run 'unmask audit verify'");
        }
        if (!saved.IsSignedBy(key))
        {
            throw new InputException(checkpoint.Path, null, $"cannot append to the audit log: the checkpoint was not written with the key from {key.Origin}; run 'unmask audit verify'");
        }
        return saved.KeyedFrom;
    }

    private static AuditEntry? ReadLast(SqliteConnection connection, SqliteTransaction? transaction) =>
        Read(connection, transaction, $"SELECT {Columns} FROM audit_log ORDER BY seq DESC LIMIT 1").FirstOrDefault();

    private static IEnumerable<AuditEntry> ReadAll(SqliteConnection connection, SqliteTransaction? transaction) =>
        Read(connection, transaction, $"SELECT {Columns} FROM audit_log ORDER BY seq");

    private static IEnumerable<AuditEntry> Read(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new AuditEntry(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7))
            {
                Scheme = reader.GetString(8) == KeyedScheme ? AuditScheme.HmacSha256 : AuditScheme.LegacySha256,
                KeyedFrom = reader.GetInt64(9),
                Documents = JsonSerializer.Deserialize<List<AuditedDocument>>(reader.GetString(10)) ?? [],
            };
        }
    }

    private const string KeyedScheme = "hmac-sha256";

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO audit_log ({Columns}) VALUES ($s, $at, $actor, $action, $subject, $details, $prev, $hash, $scheme, $keyedFrom, $documents)";
        insert.Parameters.AddWithValue("$s", entry.Sequence);
        insert.Parameters.AddWithValue("$at", entry.At.ToString("O", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$actor", entry.Actor);
        insert.Parameters.AddWithValue("$action", entry.Action);
        insert.Parameters.AddWithValue("$subject", entry.Subject);
        insert.Parameters.AddWithValue("$details", entry.Details);
        insert.Parameters.AddWithValue("$prev", entry.PreviousHash);
        insert.Parameters.AddWithValue("$hash", entry.Hash);
        insert.Parameters.AddWithValue("$scheme", entry.Scheme == AuditScheme.HmacSha256 ? KeyedScheme : "sha256");
        insert.Parameters.AddWithValue("$keyedFrom", entry.KeyedFrom);
        insert.Parameters.AddWithValue("$documents", JsonSerializer.Serialize(entry.Documents));
        insert.ExecuteNonQuery();
    }

    private static Dictionary<string, string> StoredHashes(SqliteConnection connection, SqliteTransaction? transaction, string collection)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT key, body FROM documents WHERE collection = $c";
        command.Parameters.AddWithValue("$c", collection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            hashes[reader.GetString(0)] = AuditChain.BodySha256(reader.GetString(1));
        }
        return hashes;
    }
}
