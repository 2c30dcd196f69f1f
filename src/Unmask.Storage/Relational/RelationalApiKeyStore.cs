using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Unmask.Storage.Relational;

/// <summary>API keys in the <c>api_keys</c> table. A secret is <c>umk_&lt;8 hex&gt;_&lt;64 hex&gt;</c>: 32 random bytes from
/// the system's cryptographic generator after a 4-byte prefix. Only SHA-256 of the whole secret is stored (256 random bits
/// need no slow hash: there is nothing to guess from the digest). Authentication finds the candidates by prefix, then
/// compares digests in constant time, and compares against a dummy when there is no candidate, so a wrong secret costs
/// the same work whatever it resembles.</summary>
public sealed partial class RelationalApiKeyStore(RelationalDatabase db) : IApiKeyStore
{
    private const string Columns = "id, name, owner, prefix, scopes, created_at, expires_at, revoked_at, last_used_at";

    private readonly SqlDialect _dialect = db.Dialect;

    public async Task<CreatedApiKey> CreateAsync(NewApiKey key, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireText(key.Name, "key name");
        ServiceRows.RequireText(key.Owner, "key owner");
        if (key.Scopes.Count == 0)
        {
            throw new ArgumentException("a key has at least one scope", nameof(key));
        }
        var scopes = ServiceRows.WordsJson(key.Scopes, "key scopes");
        if (key.ExpiresAt is { } expires && StoredTime.Normalize(expires) <= StoredTime.Normalize(key.CreatedAt))
        {
            throw new ArgumentException($"the key would expire ({expires:O}) before it is created ({key.CreatedAt:O})", nameof(key));
        }
        var prefix = $"umk_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var secret = $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
        var created = await db.QueryAsync($"""
            INSERT INTO api_keys (name, owner, prefix, hash, scopes, created_at, expires_at)
            VALUES (@name, @owner, @prefix, @hash, @scopes, @created, @expires)
            RETURNING {Columns}
            """, command =>
            {
                command.With("@name", key.Name).With("@owner", key.Owner).With("@prefix", prefix)
                    .With("@hash", Convert.ToHexStringLower(Digest(secret)));
                _dialect.Json(command, "@scopes", scopes);
                _dialect.Time(command, "@created", key.CreatedAt);
                _dialect.Time(command, "@expires", key.ExpiresAt);
            }, Read, cancellationToken);
        return new CreatedApiKey(created.Single(), secret);
    }

    public async Task<ApiKey?> AuthenticateAsync(string secret, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var digest = Digest(secret);
        var form = SecretForm().Match(secret);
        var candidates = form.Success
            ? await db.QueryAsync("SELECT id, hash FROM api_keys WHERE prefix = @prefix", command => command.With("@prefix", form.Groups["prefix"].Value),
                reader => (Id: reader.GetInt64(0), Digest: Convert.FromHexString(reader.GetString(1))), cancellationToken)
            : [];
        long? match = null;
        foreach (var candidate in candidates)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, candidate.Digest))
            {
                match = candidate.Id;
            }
        }
        if (candidates.Count == 0)
        {
            CryptographicOperations.FixedTimeEquals(digest, new byte[SHA256.HashSizeInBytes]);
        }
        if (match is not { } id)
        {
            return null;
        }
        // Checked again as the last use is written, so a key revoked since it was read is refused.
        var used = await db.QueryAsync($"""
            UPDATE api_keys SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < @now THEN @now ELSE last_used_at END
            WHERE id = @id AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)
            RETURNING {Columns}
            """, command =>
            {
                command.With("@id", id);
                _dialect.Time(command, "@now", now);
            }, Read, cancellationToken);
        return used.SingleOrDefault();
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (ServiceRows.ParseId(id) is not { } number)
        {
            return false;
        }
        var changed = await db.ExecuteAsync("UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", command =>
        {
            command.With("@id", number);
            _dialect.Time(command, "@now", now);
        }, cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.QueryAsync($"SELECT {Columns} FROM api_keys ORDER BY created_at, id", _ => { }, Read, cancellationToken);

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    [GeneratedRegex("^(?<prefix>umk_[0-9a-f]{8})_[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretForm();

    private ApiKey Read(DbDataReader reader) => new(
        Id: reader.IdText(0),
        Name: reader.GetString(1),
        Owner: reader.GetString(2),
        Prefix: reader.GetString(3),
        Scopes: ServiceRows.ReadWords(reader, 4),
        CreatedAt: _dialect.GetTime(reader, 5),
        ExpiresAt: _dialect.GetTimeOrNull(reader, 6),
        RevokedAt: _dialect.GetTimeOrNull(reader, 7),
        LastUsedAt: _dialect.GetTimeOrNull(reader, 8));
}
