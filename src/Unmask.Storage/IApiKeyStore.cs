namespace Unmask.Storage;

/// <summary>API keys. A secret is <c>umk_&lt;prefix&gt;_&lt;64 hex digits&gt;</c>: 256 random bits after a short prefix that
/// finds the key. Only its SHA-256 is stored; the secret is shown once, when the key is created.</summary>
public interface IApiKeyStore
{
    /// <summary>Creates a key; returns it with its secret (the only time the secret exists outside the caller).</summary>
    Task<CreatedApiKey> CreateAsync(NewApiKey key, CancellationToken cancellationToken = default);

    /// <summary>The key this secret belongs to when it is neither expired nor revoked at <paramref name="now"/> (its last
    /// use is recorded), else null. A wrong secret takes as long to refuse whatever it resembles (constant-time compare).</summary>
    Task<ApiKey?> AuthenticateAsync(string secret, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key; false when there is no such key or it was already revoked.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);
}

/// <param name="Scopes">What the key may do, e.g. screen, read, write, admin: at least one, each a word without spaces.</param>
/// <param name="ExpiresAt">When it stops working (after <paramref name="CreatedAt"/>); null: never.</param>
public sealed record NewApiKey(string Name, string Owner, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <param name="Prefix">The secret's first characters, shown in lists so a key can be recognised; not enough to use it.</param>
public sealed record ApiKey(
    string Id,
    string Name,
    string Owner,
    string Prefix,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);

public sealed record CreatedApiKey(ApiKey Key, string Secret);
