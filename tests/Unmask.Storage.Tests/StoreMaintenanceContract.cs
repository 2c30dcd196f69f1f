using System.Globalization;
using System.Text;
using Unmask.Domain;
using Unmask.Storage.Relational;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>What every backend's <see cref="IStoreMaintenance"/> does: counts what the store holds, lists its tables
/// parents first from the database's own catalog, and copies a whole store into an empty one value for value.</summary>
public abstract class StoreMaintenanceContract(StoreBackend backend)
{
    [Fact]
    public async Task Info_names_the_backend_and_schema_version_and_counts_every_table()
    {
        await using var store = await backend.NewStoreAsync();
        await Fill(store);

        var info = await store.Maintenance.InfoAsync();

        info.Backend.ShouldBe(backend.Name);
        info.Description.ShouldBe(store.Description);
        info.SchemaVersion.ShouldBe(info.KnownSchemaVersion);
        info.SizeBytes.ShouldBeGreaterThan(0);
        var rows = info.Tables.ToDictionary(t => t.Table, t => t.Rows);
        rows["entities"].ShouldBe(2);
        rows["dataset_versions"].ShouldBe(1);
        rows["blobs"].ShouldBe(1);
        rows["audit_log"].ShouldBe(2);
        rows.ShouldNotContainKey(SchemaCatalog.MigrationsTable);
        info.Tables.Select(t => t.Table).ShouldBe(info.Tables.Select(t => t.Table).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_migrations_applied_are_listed_oldest_first()
    {
        await using var store = await backend.NewStoreAsync();

        var migrations = await store.Maintenance.MigrationsAsync();

        migrations.Select(m => m.Version).ShouldBe(Enumerable.Range(1, migrations.Count));
        migrations[^1].Version.ShouldBe((await store.Maintenance.InfoAsync()).KnownSchemaVersion);
        migrations.ShouldAllBe(m => m.Name.EndsWith(".sql") && m.AppliedAt.Length > 0);
    }

    [Fact]
    public async Task Tables_come_after_every_table_their_foreign_keys_refer_to()
    {
        var location = await backend.NewLocationAsync();
        await using var store = await backend.OpenAsync(location);
        await using var connection = await backend.ConnectAsync(location);
        var catalog = await SchemaCatalog.For(backend.Name).TablesAsync(connection, null, CancellationToken.None);

        var tables = (await store.Maintenance.TablesAsync()).ToList();

        tables.ShouldBe(catalog.Select(t => t.Name));
        tables.ShouldContain("dataset_parts");
        catalog.ShouldContain(t => t.Parents.Count > 0, "the schema has foreign keys to order by");
        foreach (var table in catalog)
        {
            foreach (var parent in table.Parents.Where(p => p != table.Name))
            {
                tables.IndexOf(parent).ShouldBeLessThan(tables.IndexOf(table.Name), $"{table.Name} refers to {parent}");
            }
        }
    }

    [Fact]
    public async Task A_copy_holds_every_row_of_its_source_value_for_value()
    {
        await using var source = await backend.NewStoreAsync();
        await Fill(source);
        await using var target = await backend.NewStoreAsync();

        var copied = await target.Maintenance.CopyFromAsync(source.Maintenance);

        copied.Single(t => t.Table == "entities").Rows.ShouldBe(2);
        foreach (var table in await source.Maintenance.TablesAsync())
        {
            (await Rows(target, table)).ShouldBe(await Rows(source, table), $"table {table}");
        }
    }

    [Fact]
    public async Task A_copy_keeps_numbering_rows_after_the_copied_ones()
    {
        await using var source = await backend.NewStoreAsync();
        await Fill(source);
        await using var target = await backend.NewStoreAsync();
        await target.Maintenance.CopyFromAsync(source.Maintenance);

        await target.Lists.ImportAsync([Pending("second_list", KimIl())]);

        (await target.Lists.GetDatasetsAsync()).Select(d => d.Dataset).ShouldBe(["demo_list", "second_list"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_copy_into_a_store_that_holds_data_is_refused_and_changes_nothing()
    {
        await using var source = await backend.NewStoreAsync();
        await Fill(source);
        await using var target = await backend.NewStoreAsync();
        await target.Lists.ImportAsync([Pending("other_list", KimIl())]);

        var error = await Should.ThrowAsync<InputException>(() => target.Maintenance.CopyFromAsync(source.Maintenance));

        error.Message.ShouldContain("not empty");
        (await target.Lists.GetDatasetsAsync()).ShouldHaveSingleItem().Dataset.ShouldBe("other_list");
    }

    /// <summary>A list, a blob and two audit entries: rows in tables with keys numbered by the database, foreign keys,
    /// times, JSON and bytes.</summary>
    private static async Task Fill(IUnmaskStore store)
    {
        await store.Lists.ImportAsync([Pending("demo_list", KimIl(), PakHo())]);
        await store.Blobs.PutAsync(Encoding.UTF8.GetBytes("<html>a page</html>"), "text/html");
        await store.Audit.AppendAsync("analyst", "case.open", "case-1", "subject vendor:V-3");
        await store.Audit.AppendAsync("analyst", "export", "graph", "stix to graph.json");
    }

    private static Entity KimIl() => new Entity("demo-1", Schemas.Person, "demo").Add("name", "KIM Il").Add("passportNumber", "P-1");

    private static Entity PakHo() => new Entity("demo-2", Schemas.Person, "demo").Add("name", "PAK Ho").Add("email", "pak@example.org");

    private static PendingImport Pending(string dataset, params Entity[] entities) =>
        new(Stream(entities.Select(e => Renamed(e, dataset)).ToArray()),
            () => new DatasetImport(new Dataset(dataset, "Demo list", "Test publisher", new DateOnly(2026, 1, 1), DatasetKind.Sanctions), "demo.csv", "list", $"hash-{dataset}", null, []));

    private static Entity Renamed(Entity entity, string dataset)
    {
        var renamed = new Entity(entity.Id.Replace("demo", dataset, StringComparison.Ordinal), entity.Schema, dataset);
        foreach (var (property, values) in entity.Properties)
        {
            renamed.AddRange(property, values);
        }
        return renamed;
    }

#pragma warning disable CS1998 // async iterator without await
    private static async IAsyncEnumerable<Entity> Stream(params Entity[] entities)
    {
        foreach (var entity in entities)
        {
            yield return entity;
        }
    }
#pragma warning restore CS1998

    /// <summary>A table's rows as text, one line a row, bytes as hex and times in round-trip form.</summary>
    private static async Task<List<string>> Rows(IUnmaskStore store, string table)
    {
        var rows = new List<string>();
        await foreach (var row in store.Maintenance.ReadRowsAsync(table))
        {
            rows.Add(string.Join(" | ", row.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={Text(c.Value)}")));
        }
        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => "x" + Convert.ToHexStringLower(bytes),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}",
    };
}
