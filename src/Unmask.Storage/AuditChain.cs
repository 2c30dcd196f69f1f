using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Unmask.Storage;

/// <summary>What <c>audit verify</c> found wrong first: where (an entry, the checkpoint, the key, a document) and why.</summary>
/// <param name="Sequence">The first bad entry, when the problem is an entry.</param>
public sealed record AuditProblem(long? Sequence, string Where, string Reason);

/// <summary>The outcome of checking the audit log: intact when <see cref="Problem"/> is null.</summary>
/// <param name="Entries">Entries read from the log.</param>
/// <param name="LegacyEntries">Of which plain SHA-256 entries written before the log was keyed.</param>
/// <param name="CheckpointSequence">The last entry the checkpoint vouches for.</param>
/// <param name="AuditedDocuments">Documents of the audited collections compared with the log.</param>
public sealed record AuditVerification(int Entries, int LegacyEntries, long CheckpointSequence, int AuditedDocuments, AuditProblem? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>Everything <see cref="AuditChain.Verify"/> compares, gathered by the backend at the edge.</summary>
/// <param name="StoredDocuments">For each audited collection, the SHA-256 of each stored document body by key.</param>
public sealed record AuditEvidence(
    IReadOnlyList<AuditEntry> Entries,
    AuditCheckpoint? Checkpoint,
    string? CheckpointProblem,
    AuditKey? Key,
    string? KeyProblem,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> StoredDocuments);

/// <summary>The chain of the audit log. Each entry's MAC covers the previous entry's MAC and every field of the entry,
/// so changing, removing, inserting or reordering an entry breaks the chain; keyed entries use an HMAC whose key is kept
/// outside the store, so the chain cannot be recomputed by whoever edits the store; the checkpoint kept beside the store
/// catches a log cut short.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Collections whose every change is written with its audit entry; <c>audit verify</c> replays the log
    /// against them (cases, as <see cref="CaseDocument"/> renders them from the typed tables).</summary>
    public static readonly IReadOnlyList<string> AuditedCollections = [CaseDocument.Collection];

    /// <summary>The plain SHA-256 of a legacy entry (stores written before the log was keyed). Anyone can recompute it.</summary>
    public static string HashOf(long sequence, DateTimeOffset at, string actor, string action, string subject, string details, string previousHash)
    {
        var text = string.Join('\u001f', sequence.ToString(CultureInfo.InvariantCulture), at.ToString("O", CultureInfo.InvariantCulture),
            actor, action, subject, details, previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The HMAC-SHA256 of a keyed entry: every field, the documents it wrote, where keyed entries begin, and the previous MAC.</summary>
    public static string MacOf(AuditKey key, AuditEntry entry)
    {
        var fields = new List<string>
        {
            "unmask-audit-entry/hmac-sha256",
            entry.KeyedFrom.ToString(CultureInfo.InvariantCulture),
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.ToString("O", CultureInfo.InvariantCulture),
            entry.Actor, entry.Action, entry.Subject, entry.Details,
            entry.Documents.Count.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var document in entry.Documents)
        {
            fields.AddRange([document.Collection, document.Key, document.BodySha256 ?? "-"]);
        }
        fields.Add(entry.PreviousHash);
        return key.Mac(Fields([.. fields]));
    }

    /// <summary>A keyed entry with its MAC.</summary>
    public static AuditEntry Keyed(AuditKey key, long sequence, long keyedFrom, DateTimeOffset at, string actor, string action, string subject,
        string details, IReadOnlyList<AuditedDocument> documents, string previousHash)
    {
        var entry = new AuditEntry(sequence, at, actor, action, subject, details, previousHash, "")
        {
            Scheme = AuditScheme.HmacSha256,
            KeyedFrom = keyedFrom,
            Documents = documents,
        };
        return entry with { Hash = MacOf(key, entry) };
    }

    public static string BodySha256(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>Fields joined with their lengths, so no choice of text in one field can pass for another split.</summary>
    public static string Fields(params string[] fields) =>
        string.Concat(fields.Select(f => f.Length.ToString(CultureInfo.InvariantCulture) + ":" + f + ";"));

    /// <summary>Checks the checkpoint and key, then every entry in order, then the end of the log against the checkpoint,
    /// then the audited collections against the last state the log wrote for each document. Reports the first problem.</summary>
    public static AuditVerification Verify(AuditEvidence evidence)
    {
        var entries = evidence.Entries;
        var legacy = entries.Count(e => e.Scheme == AuditScheme.LegacySha256);
        var documents = evidence.StoredDocuments.Values.Sum(c => c.Count);
        AuditVerification Result(AuditProblem? problem, long checkpointSequence = 0) => new(entries.Count, legacy, checkpointSequence, documents, problem);

        if (evidence.Checkpoint is not { } checkpoint)
        {
            return Result(new AuditProblem(null, "the checkpoint", evidence.CheckpointProblem ?? "missing"));
        }
        if (evidence.Key is not { } key)
        {
            return Result(new AuditProblem(null, "the audit key", evidence.KeyProblem ?? "missing"));
        }
        if (checkpoint.KeyId != key.Id)
        {
            return Result(new AuditProblem(null, "the audit key",
                $"wrong key: the key from {key.Origin} (id {key.Id}) is not the one the log was written with (id {checkpoint.KeyId})"));
        }
        if (!checkpoint.IsSignedBy(key))
        {
            return Result(new AuditProblem(null, "the checkpoint", "its MAC does not match its content (it was edited or forged)"));
        }
        var problem = FirstBrokenEntry(entries, checkpoint.KeyedFrom, key)
            ?? TailProblem(entries, checkpoint)
            ?? DocumentProblem(entries, evidence.StoredDocuments);
        return Result(problem, checkpoint.Sequence);
    }

    /// <summary>The first entry that does not follow from the one before, or null when the chain holds.</summary>
    public static AuditProblem? FirstBrokenEntry(IReadOnlyList<AuditEntry> entries, long keyedFrom, AuditKey? key)
    {
        var previous = Genesis;
        long expected = 1;
        foreach (var entry in entries)
        {
            var reason = Broken(entry, expected, previous, keyedFrom, key);
            if (reason is not null)
            {
                return new AuditProblem(entry.Sequence, Describe(entry), reason);
            }
            previous = entry.Hash;
            expected++;
        }
        return null;
    }

    public static string Describe(AuditEntry entry) =>
        $"entry {entry.Sequence} ({entry.Action} {entry.Subject} at {entry.At.ToString("O", CultureInfo.InvariantCulture)})";

    private static string? Broken(AuditEntry entry, long expected, string previous, long keyedFrom, AuditKey? key)
    {
        if (entry.Sequence > expected)
        {
            return expected == entry.Sequence - 1
                ? $"sequence {entry.Sequence} where {expected} was expected (entry {expected} was removed)"
                : $"sequence {entry.Sequence} where {expected} was expected (entries {expected}–{entry.Sequence - 1} were removed)";
        }
        if (entry.Sequence < expected)
        {
            return $"sequence {entry.Sequence} where {expected} was expected (an entry was inserted or moved)";
        }
        if (entry.PreviousHash != previous)
        {
            return "its link to the previous entry does not match (an entry before it was changed, removed, inserted or moved)";
        }
        var shouldBeKeyed = entry.Sequence >= keyedFrom;
        if (shouldBeKeyed && entry.Scheme != AuditScheme.HmacSha256)
        {
            return $"it carries a plain SHA-256 but keyed entries begin at {keyedFrom} (the chain was recomputed without the key)";
        }
        if (!shouldBeKeyed && entry.Scheme != AuditScheme.LegacySha256)
        {
            return $"it is keyed but keyed entries begin at {keyedFrom}";
        }
        if (!shouldBeKeyed)
        {
            return HashOf(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.Details, entry.PreviousHash) == entry.Hash
                ? null
                : "its content does not match its hash (the entry was changed)";
        }
        if (entry.KeyedFrom != keyedFrom)
        {
            return $"it says keyed entries begin at {entry.KeyedFrom}, the checkpoint says {keyedFrom}";
        }
        if (key is null)
        {
            return "it is keyed and there is no key to check it";
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(MacOf(key, entry)), Encoding.ASCII.GetBytes(entry.Hash))
            ? null
            : "its MAC does not match its content (the entry was changed, forged, or its chain recomputed without the key)";
    }

    private static AuditProblem? TailProblem(IReadOnlyList<AuditEntry> entries, AuditCheckpoint checkpoint)
    {
        var last = entries.Count == 0 ? 0 : entries[^1].Sequence;
        if (last < checkpoint.Sequence)
        {
            var removed = checkpoint.Sequence - last;
            return new AuditProblem(last + 1, "the end of the log",
                $"the log ends at entry {last} but the checkpoint of {checkpoint.At.ToString("O", CultureInfo.InvariantCulture)} records entry {checkpoint.Sequence}: "
                + (removed == 1 ? $"entry {checkpoint.Sequence} was removed" : $"entries {last + 1}–{checkpoint.Sequence} were removed"));
        }
        var head = checkpoint.Sequence == 0 ? Genesis : entries[(int)checkpoint.Sequence - 1].Hash;
        return head == checkpoint.Head
            ? null
            : new AuditProblem(checkpoint.Sequence, Describe(entries[(int)checkpoint.Sequence - 1]), "it does not match the checkpoint's head (the log was rewritten)");
    }

    private static AuditProblem? DocumentProblem(IReadOnlyList<AuditEntry> entries, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> stored)
    {
        var written = new Dictionary<(string Collection, string Key), (string? Hash, AuditEntry Entry)>();
        foreach (var entry in entries.Where(e => e.Scheme == AuditScheme.HmacSha256))
        {
            foreach (var document in entry.Documents)
            {
                written[(document.Collection, document.Key)] = (document.BodySha256, entry);
            }
        }
        foreach (var (collection, documents) in stored.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var (key, hash) in documents.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                if (!written.TryGetValue((collection, key), out var last) || last.Hash is null)
                {
                    return new AuditProblem(null, $"{collection}/{key}", "it is in the store but no audit entry wrote it (added behind the log's back)");
                }
                if (last.Hash != hash)
                {
                    return new AuditProblem(last.Entry.Sequence, $"{collection}/{key}",
                        $"it differs from what {Describe(last.Entry)} wrote (changed behind the log's back)");
                }
            }
            foreach (var ((_, key), last) in written.Where(w => w.Key.Collection == collection && w.Value.Hash is not null && !documents.ContainsKey(w.Key.Key))
                         .OrderBy(w => w.Key.Key, StringComparer.Ordinal))
            {
                return new AuditProblem(last.Entry.Sequence, $"{collection}/{key}",
                    $"{Describe(last.Entry)} wrote it but it is no longer in the store (removed behind the log's back)");
            }
        }
        return null;
    }
}
