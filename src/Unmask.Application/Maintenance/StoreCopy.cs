using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Application.Maintenance;

/// <summary>One table after a copy: the rows the source held and the rows the target now holds.</summary>
public sealed record TableCheck(string Table, long SourceRows, long TargetRows)
{
    public bool Matches => SourceRows == TargetRows;
}

/// <summary>What <c>db copy</c> did and found: counts per table on both sides, and the audit chain checked on the source
/// before and on the target after.</summary>
/// <param name="AuditKey">What happened to the audit key: copied beside the target, taken from the environment, or missing.</param>
public sealed record CopyOutcome(string From, string To, IReadOnlyList<TableCheck> Tables, AuditVerification SourceAudit,
    AuditVerification TargetAudit, string AuditKey)
{
    /// <summary>Every table holds as many rows as the source, and the target's chain is intact whenever the source's was.</summary>
    public bool Verified => Tables.All(t => t.Matches) && (TargetAudit.Intact || !SourceAudit.Intact);
}

/// <summary>The CopyStore use case: a whole store into a new, empty store of either backend, with what the audit chain
/// needs outside the database (the key and the checkpoint), then checked.</summary>
public static class StoreCopy
{
    public static async Task<CopyOutcome> CopyAsync(IUnmaskStore from, IUnmaskStore to, CancellationToken cancellationToken)
    {
        if (from.Description == to.Description)
        {
            throw new InputException("--to", null, $"{to.Description} is the source store itself: copy into a new, empty store");
        }
        // The checkpoint and key before the rows: an entry appended while copying leaves the copied log at or past the
        // checkpoint (which verify accepts), never behind it.
        var sourceAudit = await from.Audit.VerifyAsync(cancellationToken);
        var (checkpoint, _) = from.Maintenance.AuditCheckpoint.Read();
        var key = FindKey(from.Maintenance.AuditKeys);
        var before = await from.Maintenance.InfoAsync(cancellationToken);

        await to.Maintenance.CopyFromAsync(from.Maintenance, cancellationToken);

        var keyHandling = TransferKey(key, from.Maintenance.AuditKeys, to.Maintenance.AuditKeys);
        if (checkpoint is not null)
        {
            to.Maintenance.AuditCheckpoint.Write(checkpoint, evenIfBehind: true);
        }
        var after = await to.Maintenance.InfoAsync(cancellationToken);
        var targetRows = after.Tables.ToDictionary(t => t.Table, t => t.Rows, StringComparer.Ordinal);
        var tables = before.Tables.Select(t => new TableCheck(t.Table, t.Rows, targetRows.GetValueOrDefault(t.Table, -1))).ToList();
        return new CopyOutcome(from.Description, to.Description, tables, sourceAudit, await to.Audit.VerifyAsync(cancellationToken), keyHandling);
    }

    private static AuditKey? FindKey(AuditKeySource keys)
    {
        try
        {
            return keys.Find();
        }
        catch (InputException)
        {
            // A key file others can read is not copied; verify on the source names the problem.
            return null;
        }
    }

    /// <summary>The target was empty, so the key its opening created seals nothing yet: it is replaced by the source's,
    /// which every copied entry was written with.</summary>
    private static string TransferKey(AuditKey? key, AuditKeySource from, AuditKeySource to)
    {
        if (from.FromEnvironment || to.FromEnvironment)
        {
            return $"from ${AuditKeySource.EnvironmentVariable}";
        }
        if (key is null)
        {
            return $"missing: {from.MissingReason}";
        }
        PrivateFile.Write(to.KeyFile, key.ToFileText());
        return $"copied to {to.KeyFile}";
    }
}
