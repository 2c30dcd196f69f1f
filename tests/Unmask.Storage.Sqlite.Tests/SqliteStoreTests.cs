using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using System.Data.Common;
using Unmask.Domain;
using Unmask.Storage.Tests;
using Unmask.TestKit;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteListStoreTests(SqliteBackend backend) : ListStoreContract(backend), IClassFixture<SqliteBackend>;

/// <summary>What only the SQLite store does: its file, WAL mode, the migrations of stores written by earlier releases.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private Task<IUnmaskStore> NewStoreAsync() =>
        Task.FromResult<IUnmaskStore>(SqliteStore.Open(_folder.File($"{Guid.NewGuid():N}.db"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))));

    private static async Task<DbConnection> ConnectAsync(IUnmaskStore store)
    {
        var connection = new SqliteConnection($"Data Source={((SqliteStore)store).Path};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static Task<List<Entity>> ToListAsync(IAsyncEnumerable<Entity> entities) => entities.ToListAsync().AsTask();

    private static Task<List<string>> RowsAsync(DbConnection connection, string sql) => ListStoreContract.RowsAsync(connection, sql);

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
        versions.ShouldContain(4); // list parts
        versions.ShouldContain(5); // keyed audit log
    }

    [Fact]
    public async Task A_store_from_before_list_parts_keeps_its_lists_each_as_the_part_its_reader_now_declares()
    {
        var path = _folder.File("before-parts.db");
        await WriteOldStoreAsync(path, 3, """
            INSERT INTO dataset_versions (id, dataset, title, publisher, kind, published, file, content_hash, entities, names, identifiers, imported_at)
            VALUES (1, 'un_sc_sanctions', 'UN', 'UN Security Council', 'Sanctions', '2026-01-01', 'consolidated.xml', 'h1', 1, 1, 0, '2026-11-01T00:00:00+00:00'),
                   (2, 'ioc_personas', 'IOC', 'someone', 'Indicators', NULL, 'emails.csv + phones.csv', 'h2', 2, 0, 2, '2026-11-01T00:00:00+00:00'),
                   (3, 'ioc_seized', 'IOC', 'someone', 'Indicators', NULL, 'Domains.CSV', 'h3', 1, 0, 1, '2026-11-01T00:00:00+00:00');
            INSERT INTO datasets VALUES ('un_sc_sanctions', 1, 4), ('ioc_personas', 2, 1), ('ioc_seized', 3, 1);
            INSERT INTO entities VALUES (1, 'un_sc_sanctions-1', 'Person', 'un_sc_sanctions', 'KIM Il', '{"name":["KIM Il"]}', 1, 0),
                (2, 'ioc_personas-a', 'UserAccount', 'ioc_personas', 'a@example.org', '{"email":["a@example.org"]}', 0, 1),
                (2, 'ioc_personas-b', 'UserAccount', 'ioc_personas', 'b@example.org', '{"email":["b@example.org"]}', 0, 1),
                (3, 'ioc_seized-x', 'Domain', 'ioc_seized', 'x.example', '{"domain":["x.example"]}', 0, 1);
            """);

        await using var store = SqliteStore.Open(path, TimeProvider.System);
        var datasets = (await store.Lists.GetDatasetsAsync()).ToDictionary(d => d.Dataset);
        datasets["un_sc_sanctions"].Parts.ShouldHaveSingleItem().Part.ShouldBe("list");
        datasets["un_sc_sanctions"].Version.ShouldBe(4);
        datasets["ioc_personas"].Parts.ShouldHaveSingleItem().Part.ShouldBe("legacy");
        datasets["ioc_personas"].File.ShouldBe("emails.csv + phones.csv");
        datasets["ioc_seized"].Parts.ShouldHaveSingleItem().Part.ShouldBe("domains");
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Count.ShouldBe(4);

        var newer = new Entity("un_sc_sanctions-2", Schemas.Person, "un_sc_sanctions").Add("name", "PAK Ho");
        await store.Lists.ImportAsync([new PendingImport(One(newer), () => new DatasetImport(
            new Dataset("un_sc_sanctions", "UN", "UN Security Council", new DateOnly(2026, 2, 1), DatasetKind.Sanctions), "consolidated.xml", "list", "h4", null, []))]);
        var un = (await store.Lists.GetDatasetsAsync()).Single(d => d.Dataset == "un_sc_sanctions");
        un.Parts.ShouldHaveSingleItem().Entities.ShouldBe(1);
        un.Version.ShouldBe(5);
        (await ToListAsync(store.Lists.GetEntitiesAsync(["un_sc_sanctions"]))).Select(e => e.Id).ShouldBe(["un_sc_sanctions-2"]);
    }

    [Fact]
    public async Task A_store_from_before_typed_lists_gets_the_names_and_identifiers_of_its_entities_as_rows()
    {
        var path = _folder.File("before-typed-lists.db");
        await WriteOldStoreAsync(path, 6, """
            INSERT INTO dataset_versions (id, dataset, part, title, publisher, kind, published, file, content_hash, entities, names, identifiers, imported_at)
            VALUES (1, 'fict_list', 'list', 'Fictional', 'Someone', 'Sanctions', '2026-01-01', 'fict.csv', 'h1', 2, 3, 2, '2026-11-01T00:00:00.0000000+00:00');
            INSERT INTO datasets VALUES ('fict_list', 1);
            INSERT INTO dataset_parts VALUES ('fict_list', 'list', 1);
            INSERT INTO entities VALUES
                (1, 'fict_list-1', 'Person', 'fict_list', 'KIM Il', '{"name":["KIM Il"],"alias":["Kim Il"],"passportNumber":["P-1"]}', 2, 1, NULL),
                (1, 'fict_list-2', 'Person', 'fict_list', 'PAK Ho', '{"name":["PAK Ho"],"email":["pak@example.org"]}', 1, 1, NULL);
            """);

        await using var store = SqliteStore.Open(path, TimeProvider.System);
        await using var connection = await ConnectAsync(store);
        (await RowsAsync(connection, "SELECT entity_id, property, name FROM entity_names ORDER BY entity_id, name"))
            .ShouldBe(["fict_list-1 name KIM Il", "fict_list-1 alias Kim Il", "fict_list-2 name PAK Ho"]);
        (await RowsAsync(connection, "SELECT entity_id, type, value FROM entity_identifiers ORDER BY entity_id"))
            .ShouldBe(["fict_list-1 identifier P-1", "fict_list-2 email pak@example.org"]);
        var summary = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        (summary.Entities, summary.Names, summary.Identifiers, summary.Published).ShouldBe((2L, 3L, 2L, new DateOnly(2026, 1, 1)));
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Caption).ShouldBe(["KIM Il", "PAK Ho"]);
    }

    [Fact]
    public async Task The_store_of_the_release_before_the_typed_store_has_one_row_per_name_and_identifier_it_counted()
    {
        var path = _folder.File("store-v6.db");
        File.Copy(RepoPaths.Fixture("legacy-store", "store-v6.db"), path);

        await using var store = SqliteStore.Open(path, TimeProvider.System);
        var datasets = await store.Lists.GetDatasetsAsync();
        datasets.Select(d => (d.Dataset, d.Entities, d.Names, d.Identifiers)).ShouldBe([("ioc_personas", 4L, 0L, 4L), ("us_ofac_sdn", 6L, 12L, 10L)]);
        await using var connection = await ConnectAsync(store);
        (await RowsAsync(connection, "SELECT (SELECT count(*) FROM entity_names), (SELECT count(*) FROM entity_identifiers)")).ShouldBe(["12 14"]);
    }

    /// <summary>Writes a store as a release that knew migrations 1 to <paramref name="version"/> left it, holding <paramref name="rows"/>.</summary>
    private static async Task WriteOldStoreAsync(string path, int version, string rows)
    {
        var scripts = Directory.GetFiles(RepoPaths.Path("src", "Unmask.Storage.Sqlite", "Migrations"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Take(version).ToList();
        await using var old = new SqliteConnection($"Data Source={path};Pooling=False");
        await old.OpenAsync();
        await using var setup = old.CreateCommand();
        setup.CommandText = string.Concat(scripts.Select(f => File.ReadAllText(RepoPaths.Path("src", "Unmask.Storage.Sqlite", "Migrations", f!)) + ";\n"))
            + "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n"
            + string.Concat(scripts.Select((f, i) => $"INSERT INTO schema_migrations VALUES ({i + 1}, '{f}', 'x');\n")) + rows;
        await setup.ExecuteNonQueryAsync();
    }

#pragma warning disable CS1998 // async iterator without await
    private static async IAsyncEnumerable<Entity> One(Entity entity)
    {
        yield return entity;
    }
#pragma warning restore CS1998

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
