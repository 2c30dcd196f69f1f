using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Unmask.Storage;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>What every store backend must do with API keys: the secret is shown once and never kept, and only a key that
/// is neither expired nor revoked lets its holder in. A backend's test class inherits this with its backend.</summary>
public abstract class ApiKeyStoreContract(StoreBackend backend)
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    private Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();

    [Fact]
    public async Task A_new_key_has_a_secret_of_256_random_bits_that_starts_with_the_prefix_shown_in_lists()
    {
        await using var store = await NewStoreAsync();
        var created = await store.ApiKeys.CreateAsync(new NewApiKey("ci pipeline", "analyst-1", ["screen", "read"], T0, T0.AddDays(90)));

        created.Secret.ShouldMatch("^umk_[0-9a-f]{8}_[0-9a-f]{64}$");
        created.Secret.ShouldStartWith(created.Key.Prefix + "_");
        created.Key.Prefix.Length.ShouldBe("umk_".Length + 8);
        created.Key.Name.ShouldBe("ci pipeline");
        created.Key.Owner.ShouldBe("analyst-1");
        created.Key.Scopes.ShouldBe(["screen", "read"]);
        (created.Key.CreatedAt, created.Key.ExpiresAt, created.Key.RevokedAt, created.Key.LastUsedAt).ShouldBe((T0, T0.AddDays(90), null, null));
        var listed = (await store.ApiKeys.ListAsync()).ShouldHaveSingleItem();
        ShouldBeTheSame(listed, created.Key);
    }

    [Fact]
    public async Task The_store_keeps_the_prefix_and_the_digest_of_the_secret_never_the_secret()
    {
        var location = await backend.NewLocationAsync();
        string secret;
        await using (var store = await backend.OpenAsync(location))
        {
            secret = (await store.ApiKeys.CreateAsync(new NewApiKey("ci pipeline", "analyst-1", ["screen"], T0, null))).Secret;
            (await store.ApiKeys.AuthenticateAsync(secret, T0.AddMinutes(1))).ShouldNotBeNull();
        }

        await using var connection = await backend.ConnectAsync(location);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM api_keys";
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        var stored = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "");
        var randomPart = secret[13..];
        stored.Values.ShouldAllBe(value => !value.Contains(randomPart, StringComparison.Ordinal));
        stored["prefix"].ShouldBe(secret[..12]);
        stored["hash"].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
    }

    [Fact]
    public async Task Each_key_gets_its_own_secret()
    {
        await using var store = await NewStoreAsync();
        var secrets = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            secrets.Add((await store.ApiKeys.CreateAsync(new NewApiKey($"key {i}", "analyst-1", ["read"], T0, null))).Secret);
        }

        secrets.Distinct().Count().ShouldBe(5);
        secrets.Select(secret => secret[..12]).Distinct().Count().ShouldBe(5);
        (await store.ApiKeys.ListAsync()).Select(key => key.Name).ShouldBe(["key 0", "key 1", "key 2", "key 3", "key 4"]);
        foreach (var (index, secret) in secrets.Index())
        {
            (await store.ApiKeys.AuthenticateAsync(secret, T0.AddMinutes(1))).ShouldNotBeNull().Name.ShouldBe($"key {index}");
        }
    }

    [Fact]
    public async Task The_secret_lets_its_holder_in_and_the_use_is_recorded()
    {
        await using var store = await NewStoreAsync();
        var created = await store.ApiKeys.CreateAsync(new NewApiKey("ci pipeline", "analyst-1", ["screen"], T0, null));

        var key = (await store.ApiKeys.AuthenticateAsync(created.Secret, T0.AddHours(1))).ShouldNotBeNull();

        key.Id.ShouldBe(created.Key.Id);
        key.Scopes.ShouldBe(["screen"]);
        key.LastUsedAt.ShouldBe(T0.AddHours(1));
        (await store.ApiKeys.ListAsync()).ShouldHaveSingleItem().LastUsedAt.ShouldBe(T0.AddHours(1));
    }

    [Fact]
    public async Task A_use_reported_late_does_not_move_the_last_use_back()
    {
        await using var store = await NewStoreAsync();
        var created = await store.ApiKeys.CreateAsync(new NewApiKey("ci pipeline", "analyst-1", ["screen"], T0, null));
        await store.ApiKeys.AuthenticateAsync(created.Secret, T0.AddHours(2));

        (await store.ApiKeys.AuthenticateAsync(created.Secret, T0.AddHours(1))).ShouldNotBeNull().LastUsedAt.ShouldBe(T0.AddHours(2));
    }

    [Fact]
    public async Task A_secret_that_is_not_exactly_the_key_is_refused()
    {
        await using var store = await NewStoreAsync();
        var created = await store.ApiKeys.CreateAsync(new NewApiKey("ci pipeline", "analyst-1", ["screen"], T0, null));
        var secret = created.Secret;
        var lastDigitChanged = secret[..^1] + (secret[^1] == '0' ? '1' : '0');

        foreach (var wrong in new[] { lastDigitChanged, secret.ToUpperInvariant(), secret + "0", secret[..^1], " " + secret, created.Key.Prefix,
                     "umk_00000000_" + new string('0', 64), "", "Bearer " + secret })
        {
            (await store.ApiKeys.AuthenticateAsync(wrong, T0.AddHours(1))).ShouldBeNull($"'{wrong}' let someone in");
        }
        (await store.ApiKeys.ListAsync()).ShouldHaveSingleItem().LastUsedAt.ShouldBeNull();
    }

    [Fact]
    public async Task An_expired_key_is_refused_from_the_moment_it_expires()
    {
        await using var store = await NewStoreAsync();
        var created = await store.ApiKeys.CreateAsync(new NewApiKey("trial", "analyst-1", ["screen"], T0, T0.AddDays(30)));

        (await store.ApiKeys.AuthenticateAsync(created.Secret, T0.AddDays(30).AddTicks(-10))).ShouldNotBeNull();
        (await store.ApiKeys.AuthenticateAsync(created.Secret, T0.AddDays(30))).ShouldBeNull();
        (await store.ApiKeys.AuthenticateAsync(created.Secret, T0.AddDays(31))).ShouldBeNull();
        (await store.ApiKeys.ListAsync()).ShouldHaveSingleItem().LastUsedAt.ShouldBe(T0.AddDays(30).AddTicks(-10));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_revoked_once()
    {
        await using var store = await NewStoreAsync();
        var created = await store.ApiKeys.CreateAsync(new NewApiKey("leaked", "analyst-1", ["admin"], T0, null));
        var other = await store.ApiKeys.CreateAsync(new NewApiKey("kept", "analyst-1", ["read"], T0, null));

        (await store.ApiKeys.RevokeAsync(created.Key.Id, T0.AddHours(1))).ShouldBeTrue();
        (await store.ApiKeys.RevokeAsync(created.Key.Id, T0.AddHours(2))).ShouldBeFalse();
        (await store.ApiKeys.RevokeAsync("999", T0.AddHours(2))).ShouldBeFalse();
        (await store.ApiKeys.RevokeAsync("leaked", T0.AddHours(2))).ShouldBeFalse();

        (await store.ApiKeys.AuthenticateAsync(created.Secret, T0.AddHours(3))).ShouldBeNull();
        (await store.ApiKeys.AuthenticateAsync(other.Secret, T0.AddHours(3))).ShouldNotBeNull();
        var keys = await store.ApiKeys.ListAsync();
        keys.Single(key => key.Id == created.Key.Id).RevokedAt.ShouldBe(T0.AddHours(1));
        keys.Single(key => key.Id == other.Key.Id).RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task What_a_key_cannot_be_is_refused_before_it_is_written()
    {
        await using var store = await NewStoreAsync();

        await Should.ThrowAsync<ArgumentException>(() => store.ApiKeys.CreateAsync(new NewApiKey("no scope", "analyst-1", [], T0, null)));
        await Should.ThrowAsync<ArgumentException>(() => store.ApiKeys.CreateAsync(new NewApiKey("twice", "analyst-1", ["read", "read"], T0, null)));
        await Should.ThrowAsync<ArgumentException>(() => store.ApiKeys.CreateAsync(new NewApiKey("spaced", "analyst-1", ["read write"], T0, null)));
        await Should.ThrowAsync<ArgumentException>(() => store.ApiKeys.CreateAsync(new NewApiKey("", "analyst-1", ["read"], T0, null)));
        await Should.ThrowAsync<ArgumentException>(() => store.ApiKeys.CreateAsync(new NewApiKey("dead", "analyst-1", ["read"], T0, T0)));
        (await store.ApiKeys.ListAsync()).ShouldBeEmpty();
    }

    private static void ShouldBeTheSame(ApiKey actual, ApiKey expected)
    {
        actual.Scopes.ShouldBe(expected.Scopes);
        actual.ShouldBe(expected with { Scopes = actual.Scopes });
    }
}
