using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unmask.Storage;

/// <summary>The head of the audit chain (last sequence and its MAC), kept outside the table it protects and MACed itself,
/// so a log cut short or rewritten without the key no longer matches it.</summary>
/// <param name="KeyedFrom">The sequence where keyed entries begin; entries before it are legacy plain SHA-256.</param>
/// <param name="Sequence">The last entry when the checkpoint was written (0 for an empty log).</param>
/// <param name="Head">That entry's MAC (the genesis value for an empty log).</param>
/// <param name="KeyId">The fingerprint of the key that wrote it, to tell a wrong key from a forged checkpoint.</param>
public sealed record AuditCheckpoint(
    [property: JsonPropertyName("keyed_from")] long KeyedFrom,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("key_id")] string KeyId,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("mac")] string Mac)
{
    public static AuditCheckpoint Create(AuditKey key, long keyedFrom, long sequence, string head, DateTimeOffset at) =>
        new(keyedFrom, sequence, head, key.Id, at, key.Mac(Text(keyedFrom, sequence, head, key.Id, at)));

    public bool IsSignedBy(AuditKey key) =>
        KeyId == key.Id && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Mac), System.Text.Encoding.ASCII.GetBytes(key.Mac(Text(KeyedFrom, Sequence, Head, KeyId, At))));

    private static string Text(long keyedFrom, long sequence, string head, string keyId, DateTimeOffset at) =>
        AuditChain.Fields("unmask-audit-checkpoint/1", keyedFrom.ToString(CultureInfo.InvariantCulture), sequence.ToString(CultureInfo.InvariantCulture),
            head, keyId, at.ToString("O", CultureInfo.InvariantCulture));
}

/// <summary>The checkpoint file beside the store (<c>&lt;db&gt;.audit-checkpoint</c>), replaced atomically (temp file + rename).</summary>
public sealed class AuditCheckpointFile(string path)
{
    public static AuditCheckpointFile Beside(string storePath) => new(System.IO.Path.GetFullPath(storePath) + ".audit-checkpoint");

    public string Path { get; } = path;

    /// <summary>The checkpoint, or the reason there is none usable (missing or unreadable).</summary>
    public (AuditCheckpoint? Checkpoint, string? Problem) Read()
    {
        if (!File.Exists(Path))
        {
            return (null, $"the checkpoint file {Path} is missing (deleted, or the store was copied without it)");
        }
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(Path)) is { Head: not null, KeyId: not null, Mac: not null } checkpoint
                ? (checkpoint, null)
                : (null, $"the checkpoint file {Path} is not a checkpoint");
        }
        catch (JsonException e)
        {
            return (null, $"the checkpoint file {Path} is not a checkpoint ({e.Message})");
        }
    }

    /// <summary>Replaces the checkpoint. Unless <paramref name="evenIfBehind"/>, a checkpoint never moves back: a slower
    /// writer finishing after a faster one leaves the later head in place.</summary>
    public void Write(AuditCheckpoint checkpoint, bool evenIfBehind = false)
    {
        if (!evenIfBehind && Read().Checkpoint is { } current && current.KeyedFrom == checkpoint.KeyedFrom && current.Sequence > checkpoint.Sequence)
        {
            return;
        }
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                JsonSerializer.Serialize(stream, checkpoint);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
