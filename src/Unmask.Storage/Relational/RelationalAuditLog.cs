using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Unmask.Domain;

namespace Unmask.Storage.Relational;

/// <summary>The audit log in the <c>audit_log</c> table (the backend refuses updates and deletes), keyed with the audit key
/// from <paramref name="keys"/> and checkpointed in <paramref name="checkpoint"/>, outside the database. Every append
/// holds the <see cref="WriteScope"/> lock, so two writers never read the same last MAC and fork the chain; stores that
/// change audited data (cases) write it in the same transaction as its entry, through <see cref="WriteAsync{T}"/>.</summary>
public sealed class RelationalAuditLog(RelationalDatabase database, TimeProvider time, AuditKeySource keys, AuditCheckpointFile checkpoint) : IAuditLog
{
    /// <summary>The write lock every audited change holds: the chain has one head.</summary>
    public const string WriteScope = "audit";

    private const string SealActor = "unmask";
    private const string KeyedScheme = "hmac-sha256";
    private const string Columns = "seq, at, actor, action, subject, details, previous_hash, hash, scheme, keyed_from, documents";

    private SqlDialect Dialect => database.Dialect;

    public AuditKeySource Keys => keys;

    public AuditCheckpointFile Checkpoint => checkpoint;

    public async Task<AuditEntry> AppendAsync(string actor, string action, string subject, string details, CancellationToken cancellationToken = default) =>
        (await WriteAsync((_, _) => Task.FromResult(new AuditedChange<bool>(true, actor, action, subject, details, [])), cancellationToken)).Entry;

    public async IAsyncEnumerable<AuditEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM audit_log ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadEntry(reader);
        }
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = await Dialect.BeginReadAsync(connection, cancellationToken);
        var entries = await ReadAllAsync(connection, snapshot, cancellationToken);
        var cases = await RelationalCaseStore.ReadAllAsync(connection, snapshot, Dialect, null, cancellationToken);
        var stored = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            [CaseDocument.Collection] = cases.ToDictionary(c => c.Id, CaseDocument.Sha256, StringComparer.Ordinal),
        };
        return AuditChain.Verify(new AuditEvidence(entries, saved, checkpointProblem, key, keyProblem, stored));
    }

    /// <summary>Runs <paramref name="change"/> in the audit log's write transaction and appends the entry it describes in
    /// that same transaction, so the change and its entry are committed together or not at all. The checkpoint moves
    /// after the commit.</summary>
    internal async Task<(T Result, AuditEntry Entry)> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<AuditedChange<T>>> change, CancellationToken cancellationToken)
    {
        var key = keys.Find() ?? throw new InputException(keys.KeyFile, null, keys.MissingReason);
        var keyedFrom = KeyedFromCheckpoint(key);
        var (result, entry) = await database.WriteAsync(WriteScope, async (connection, transaction) =>
        {
            var made = await change(connection, transaction);
            var last = await ReadLastAsync(connection, transaction, cancellationToken);
            var entry = AuditChain.Keyed(key, (last?.Sequence ?? 0) + 1, keyedFrom, Now(), made.Actor, made.Action, made.Subject, made.Details,
                made.Documents, last?.Hash ?? AuditChain.Genesis);
            await InsertAsync(connection, transaction, entry, cancellationToken);
            return (made.Result, entry);
        }, cancellationToken);
        // After the commit: a crash here leaves the checkpoint one entry behind, which verify accepts (it only vouches for less).
        checkpoint.Write(AuditCheckpoint.Create(key, keyedFrom, entry.Sequence, entry.Hash, entry.At));
        return (result, entry);
    }

    /// <summary>Starts keyed entries (run once, in the migration transaction that adds them): an empty log that adopts
    /// nothing only gets a checkpoint; otherwise a first keyed entry says where keyed entries begin and adopts
    /// <paramref name="adopted"/> (the audited documents the store already holds) as they are. The checkpoint is written
    /// before the commit: if the commit fails, the migration runs again on the next open and writes it anew.</summary>
    public async Task SealAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditedDocument> adopted, CancellationToken cancellationToken = default)
    {
        var key = keys.GetOrCreate();
        var last = await ReadLastAsync(connection, transaction, cancellationToken);
        var at = Now();
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
        await InsertAsync(connection, transaction, entry, cancellationToken);
        checkpoint.Write(AuditCheckpoint.Create(key, entry.KeyedFrom, entry.Sequence, entry.Hash, at), evenIfBehind: true);
    }

    /// <summary>Adopts the cases of the typed tables as they are now, in the caller's transaction: for a step that moves
    /// cases in from elsewhere (the documents table of older stores), after which the log's last word on each case is
    /// this entry. Like <see cref="SealAsync"/>, it writes the checkpoint before the caller commits.</summary>
    public async Task<AuditEntry> AdoptCasesAsync(DbConnection connection, DbTransaction transaction, string details, CancellationToken cancellationToken = default)
    {
        var key = keys.Find() ?? throw new InputException(keys.KeyFile, null, keys.MissingReason);
        var keyedFrom = KeyedFromCheckpoint(key);
        var cases = await RelationalCaseStore.ReadAllAsync(connection, transaction, Dialect, null, cancellationToken);
        var adopted = cases.Select(c => new AuditedDocument(CaseDocument.Collection, c.Id, CaseDocument.Sha256(c))).ToList();
        var last = await ReadLastAsync(connection, transaction, cancellationToken);
        var entry = AuditChain.Keyed(key, (last?.Sequence ?? 0) + 1, keyedFrom, Now(), SealActor, "cases.adopted", "cases",
            $"{details}; {adopted.Count} cases adopted as they are", adopted, last?.Hash ?? AuditChain.Genesis);
        await InsertAsync(connection, transaction, entry, cancellationToken);
        checkpoint.Write(AuditCheckpoint.Create(key, keyedFrom, entry.Sequence, entry.Hash, entry.At), evenIfBehind: true);
        return entry;
    }

    // The MAC covers the time as text, so it is taken at the precision both backends keep.
    private DateTimeOffset Now() => StoredTime.Normalize(time.GetUtcNow());

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

    private async Task<AuditEntry?> ReadLastAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        (await ReadAsync(connection, transaction, $"SELECT {Columns} FROM audit_log ORDER BY seq DESC LIMIT 1", cancellationToken)).FirstOrDefault();

    private Task<List<AuditEntry>> ReadAllAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, $"SELECT {Columns} FROM audit_log ORDER BY seq", cancellationToken);

    private async Task<List<AuditEntry>> ReadAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var command = Sql.Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }
        return entries;
    }

    private AuditEntry ReadEntry(DbDataReader reader) =>
        new(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.GetString(6), reader.GetString(7))
        {
            Scheme = reader.GetString(8) == KeyedScheme ? AuditScheme.HmacSha256 : AuditScheme.LegacySha256,
            KeyedFrom = reader.GetInt64(9),
            Documents = JsonSerializer.Deserialize<List<AuditedDocument>>(reader.GetString(10)) ?? [],
        };

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var insert = Sql.Command(connection, transaction,
            $"INSERT INTO audit_log ({Columns}) VALUES (@seq, @at, @actor, @action, @subject, @details, @previous, @hash, @scheme, @keyedFrom, @documents)")
            .With("@seq", entry.Sequence)
            .With("@actor", entry.Actor)
            .With("@action", entry.Action)
            .With("@subject", entry.Subject)
            .With("@details", entry.Details)
            .With("@previous", entry.PreviousHash)
            .With("@hash", entry.Hash)
            .With("@scheme", entry.Scheme == AuditScheme.HmacSha256 ? KeyedScheme : "sha256")
            .With("@keyedFrom", entry.KeyedFrom);
        // As text on both backends: the MAC covers this exact text (entries from older stores carry 100-ns times).
        insert.With("@at", entry.At.ToString("O", CultureInfo.InvariantCulture));
        Dialect.Json(insert, "@documents", JsonSerializer.Serialize(entry.Documents));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>What an audited change did, for the entry that records it: the caller's result, and who did what to which
/// documents.</summary>
internal sealed record AuditedChange<T>(T Result, string Actor, string Action, string Subject, string Details, IReadOnlyList<AuditedDocument> Documents);
