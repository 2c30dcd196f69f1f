using System.Text;
using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteApiKeyStoreTests(SqliteBackend backend) : ApiKeyStoreContract(backend), IClassFixture<SqliteBackend>
{
    [Fact]
    public async Task The_secret_is_nowhere_in_the_database_files()
    {
        var path = await backend.NewLocationAsync();
        string secret;
        await using (var store = await backend.OpenAsync(path))
        {
            var now = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
            secret = (await store.ApiKeys.CreateAsync(new NewApiKey("ci pipeline", "analyst-1", ["screen"], now, null))).Secret;
            (await store.ApiKeys.AuthenticateAsync(secret, now.AddMinutes(1))).ShouldNotBeNull();
        }

        var randomPart = Encoding.UTF8.GetBytes(secret[13..]);
        var files = Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*");
        files.ShouldContain(path);
        foreach (var file in files)
        {
            File.ReadAllBytes(file).AsSpan().IndexOf(randomPart).ShouldBe(-1, file);
        }
    }
}
