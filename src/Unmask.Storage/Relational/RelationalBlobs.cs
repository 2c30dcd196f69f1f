using System.Data.Common;
using System.Security.Cryptography;

namespace Unmask.Storage.Relational;

/// <summary>Writes a blob inside the caller's transaction, so a row and the blob it refers to commit together. Used by every
/// store that keeps large contents (page bodies, features, photos, snapshots) by content hash.</summary>
internal static class RelationalBlobs
{
    /// <summary>The key of a content: its SHA-256 in lower-case hex.</summary>
    public static string Sha256Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Stores the content unless a blob with the same hash exists (then its first media type and time stay); returns the hash.</summary>
    public static async Task<string> PutAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        ReadOnlyMemory<byte> content, string mediaType, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        var sha256 = Sha256Of(content.Span);
        await using var command = Sql.Command(connection, transaction, """
            INSERT INTO blobs (sha256, media_type, size, content, created_at) VALUES (@sha256, @media_type, @size, @content, @created_at)
            ON CONFLICT (sha256) DO NOTHING
            """)
            .With("@sha256", sha256)
            .With("@media_type", mediaType)
            .With("@size", (long)content.Length)
            .With("@content", content.ToArray());
        dialect.Time(command, "@created_at", createdAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return sha256;
    }

    /// <summary>Deletes the blobs no row refers to. The referring columns are read from the schema (every foreign key to
    /// <c>blobs</c>), so a table added later is counted without changing this.</summary>
    public static async Task<int> PruneAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var references = new List<(string Table, string Column)>();
        await using (var query = Sql.Command(connection, transaction, dialect.ForeignKeysReferencing("blobs")))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                references.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var unreferenced = string.Concat(references.Select(r =>
            $" AND NOT EXISTS (SELECT 1 FROM {Quote(r.Table)} r WHERE r.{Quote(r.Column)} = blobs.sha256)"));
        await using var delete = Sql.Command(connection, transaction, "DELETE FROM blobs WHERE 1 = 1" + unreferenced);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
