using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Unmask.Storage;

/// <summary>The hash chain of the audit log: each entry's hash covers the previous hash and every field of the entry,
/// so changing, removing or reordering any entry breaks every hash after it.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(long sequence, DateTimeOffset at, string actor, string action, string subject, string details, string previousHash)
    {
        var text = string.Join('\u001f', sequence.ToString(CultureInfo.InvariantCulture), at.ToString("O", CultureInfo.InvariantCulture),
            actor, action, subject, details, previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The first entry that does not follow from the one before (or null when the chain is intact), with the reason.</summary>
    public static (AuditEntry Entry, string Reason)? FirstBroken(IEnumerable<AuditEntry> entries)
    {
        var previous = Genesis;
        long expected = 1;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expected)
            {
                return (entry, $"sequence {entry.Sequence} where {expected} was expected (an entry was removed or inserted)");
            }
            if (entry.PreviousHash != previous)
            {
                return (entry, "its link to the previous entry does not match (an earlier entry was changed or removed)");
            }
            if (HashOf(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.Details, entry.PreviousHash) != entry.Hash)
            {
                return (entry, "its content does not match its hash (the entry was changed)");
            }
            previous = entry.Hash;
            expected++;
        }
        return null;
    }
}
