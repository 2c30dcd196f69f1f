using System.Text;
using Microsoft.Data.Sqlite;
using Unmask.Storage.Tests;
using Unmask.TestKit;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteApiKeyStoreTests : ApiKeyStoreContract, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    protected override Task<IUnmaskStore> NewStoreAsync() => FreshSqliteStore.In(_folder);

    [Fact]
    public async Task The_secret_is_nowhere_in_the_database_files()
    {
        var path = _folder.File("keys.db");
        string secret;
        await using (var store = SqliteStore.Open(path, TimeProvider.System))
        {
            secret = (await store.ApiKeys.CreateAsync(new NewApiKey("ci pipeline", "analyst-1", ["screen"], T0, null))).Secret;
            (await store.ApiKeys.AuthenticateAsync(secret, T0.AddMinutes(1))).ShouldNotBeNull();
        }

        var randomPart = Encoding.UTF8.GetBytes(secret[(secret.LastIndexOf('_') + 1)..]);
        foreach (var file in Directory.GetFiles(_folder.Path, "keys.db*"))
        {
            File.ReadAllBytes(file).AsSpan().IndexOf(randomPart).ShouldBe(-1, file);
        }
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT prefix || ' ' || hash FROM api_keys";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        stored.ShouldBe($"{secret[..12]} {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret)))}");
    }

    public void Dispose() => _folder.Dispose();
}
