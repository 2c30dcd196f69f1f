using System.Security.Cryptography;
using System.Text;
using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteApiKeyStoreTests(SqliteBackend backend) : ApiKeyStoreContract, IClassFixture<SqliteBackend>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    protected override Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();

    [Fact]
    public async Task The_secret_is_nowhere_in_the_database_files_only_its_prefix_and_digest()
    {
        var path = await backend.NewLocationAsync();
        string secret;
        await using (var store = await backend.OpenAsync(path))
        {
            secret = (await store.ApiKeys.CreateAsync(new NewApiKey("ci pipeline", "analyst-1", ["screen"], T0, null))).Secret;
            (await store.ApiKeys.AuthenticateAsync(secret, T0.AddMinutes(1))).ShouldNotBeNull();
        }

        var randomPart = Encoding.UTF8.GetBytes(secret[(secret.LastIndexOf('_') + 1)..]);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
        {
            File.ReadAllBytes(file).AsSpan().IndexOf(randomPart).ShouldBe(-1, file);
        }
        await using var connection = await backend.ConnectAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT prefix || ' ' || hash FROM api_keys";
        (await command.ExecuteScalarAsync()).ShouldBe($"{secret[..12]} {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))}");
    }
}
