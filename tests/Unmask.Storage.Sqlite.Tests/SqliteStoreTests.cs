using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Unmask.Storage.Tests;
using Unmask.TestKit;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteStoreTests : ListStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IUnmaskStore> NewStoreAsync() =>
        Task.FromResult<IUnmaskStore>(SqliteStore.Open(_folder.File($"{Guid.NewGuid():N}.db"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))));

    [Fact]
    public async Task Migrations_are_numbered_and_applied_once()
    {
        var path = _folder.File("migrations.db");
        await using (SqliteStore.Open(path, TimeProvider.System))
        {
        }
        await using (SqliteStore.Open(path, TimeProvider.System))
        {
        }
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(version) FROM schema_migrations ORDER BY version";
        var versions = ((string)(await command.ExecuteScalarAsync())!).Split(',').Select(int.Parse).ToList();
        versions.ShouldBe(versions.Distinct().Order());
        versions.ShouldContain(5); // keyed audit log
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode_so_readers_are_not_blocked()
    {
        var path = _folder.File("wal.db");
        await using var store = SqliteStore.Open(path, TimeProvider.System);
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync()).ShouldBe("wal");
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        var path = _folder.File("audit.db");
        await using var store = SqliteStore.Open(path, TimeProvider.System);
        await store.Audit.AppendAsync("analyst", "case.open", "case-1", "x");
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE audit_log SET details = 'y'", "DELETE FROM audit_log" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            (await Should.ThrowAsync<SqliteException>(() => command.ExecuteNonQueryAsync())).Message.ShouldContain("append-only");
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
