using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Unmask.Storage;

namespace Unmask.Storage.Sqlite;

internal sealed class SqliteAuditLog(Func<SqliteConnection> open, TimeProvider time) : IAuditLog
{
    public async Task<AuditEntry> AppendAsync(string actor, string action, string subject, string details, CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        // IMMEDIATE: two writers cannot both read the same last hash and fork the chain.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        long sequence;
        string previous;
        await using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            (sequence, previous) = await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0) + 1, reader.GetString(1)) : (1L, AuditChain.Genesis);
        }
        var at = time.GetUtcNow();
        var hash = AuditChain.HashOf(sequence, at, actor, action, subject, details, previous);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO audit_log (seq, at, actor, action, subject, details, previous_hash, hash) VALUES ($s, $at, $actor, $action, $subject, $details, $prev, $hash)";
            insert.Parameters.AddWithValue("$s", sequence);
            insert.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$actor", actor);
            insert.Parameters.AddWithValue("$action", action);
            insert.Parameters.AddWithValue("$subject", subject);
            insert.Parameters.AddWithValue("$details", details);
            insert.Parameters.AddWithValue("$prev", previous);
            insert.Parameters.AddWithValue("$hash", hash);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new AuditEntry(sequence, at, actor, action, subject, details, previous, hash);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, actor, action, subject, details, previous_hash, hash FROM audit_log ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new AuditEntry(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7));
        }
    }
}
