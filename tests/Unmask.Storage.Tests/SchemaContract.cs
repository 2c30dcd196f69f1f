using System.Data.Common;
using System.Globalization;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>What every backend does with its schema: the numbered migrations are applied once, even by processes opening a
/// new store at the same moment, and a store written by a newer program is refused before anything is written to it.</summary>
public abstract class SchemaContract(StoreBackend backend)
{
    [Fact]
    public async Task A_new_store_records_each_known_version_once_and_opening_it_again_changes_nothing()
    {
        var location = await backend.NewLocationAsync();
        await (await backend.OpenAsync(location)).DisposeAsync();
        var first = await VersionsAsync(location);
        await (await backend.OpenAsync(location)).DisposeAsync();

        first.ShouldBe(Enumerable.Range(1, first.Count).Select(v => (long)v), "versions 1 to N, each once");
        first.Count.ShouldBeGreaterThanOrEqualTo(6);
        (await VersionsAsync(location)).ShouldBe(first);
    }

    [Fact]
    public async Task Processes_opening_a_new_store_at_the_same_moment_migrate_it_once()
    {
        var location = await backend.NewLocationAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => backend.OpenAsync(location))));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        var versions = await VersionsAsync(location);
        versions.ShouldBe(Enumerable.Range(1, versions.Count).Select(v => (long)v));
    }

    [Fact]
    public async Task A_store_from_a_newer_program_is_refused_with_the_version_it_needs()
    {
        var location = await backend.NewLocationAsync();
        await (await backend.OpenAsync(location)).DisposeAsync();
        var known = (await VersionsAsync(location)).Max();
        var newer = known + 3;
        await ExecuteAsync(location, $"INSERT INTO schema_migrations (version, name, applied_at) SELECT {newer}, '{newer:000}_future.sql', applied_at FROM schema_migrations WHERE version = 1");

        var error = await Should.ThrowAsync<StoreException>(() => backend.OpenAsync(location));

        error.Message.ShouldContain($"schema version {newer}");
        error.Message.ShouldContain($"up to {known}");
        (await VersionsAsync(location)).Max().ShouldBe(newer);
    }

    private async Task<List<long>> VersionsAsync(string location)
    {
        await using var connection = await backend.ConnectAsync(location);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<long>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        }
        return versions;
    }

    private async Task ExecuteAsync(string location, string sql)
    {
        await using DbConnection connection = await backend.ConnectAsync(location);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
