using System.Data.Common;
using System.Runtime.CompilerServices;
using Unmask.Domain;
using Unmask.Storage;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>What every store backend must do with lists; each backend's test project has a subclass.</summary>
public abstract class ListStoreContract(StoreBackend backend)
{
    private readonly Dictionary<IUnmaskStore, string> _locations = [];

    protected StoreBackend Backend => backend;

    /// <summary>A fresh, empty store.</summary>
    protected async Task<IUnmaskStore> NewStoreAsync()
    {
        var location = await backend.NewLocationAsync();
        var store = await backend.OpenAsync(location);
        _locations[store] = location;
        return store;
    }

    /// <summary>An open connection to the store's database, to look at it as another tool would (foreign keys enforced).</summary>
    protected async Task<DbConnection> ConnectAsync(IUnmaskStore store)
    {
        var connection = await backend.ConnectAsync(_locations[store]);
        if (backend.Name == "sqlite")
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys=ON";
            await pragma.ExecuteNonQueryAsync();
        }
        return connection;
    }

    [Fact]
    public async Task An_import_becomes_the_current_version_with_its_counts()
    {
        await using var store = await NewStoreAsync();
        var results = await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 1, 1), Person("1", "KIM Il", "Kim Il"), Person("2", "PAK Ho"))]);

        results.ShouldHaveSingleItem().Status.ShouldBe(ImportStatus.Imported);
        var summary = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        summary.Dataset.ShouldBe("demo_list");
        summary.Entities.ShouldBe(2);
        summary.Names.ShouldBe(3);
        summary.Identifiers.ShouldBe(4); // a passport and an e-mail each
        summary.Published.ShouldBe(new DateOnly(2026, 1, 1));
        summary.Version.ShouldBe(1);
        var entity = (await store.Lists.GetEntityAsync("demo_list-1")).ShouldNotBeNull();
        entity.Get("alias").ShouldBe(["Kim Il"]);
        entity.Get("passportNumber").ShouldBe(["P-1"]);
    }

    [Fact]
    public async Task A_newer_version_replaces_the_old_one_whole()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 1, 1), Person("1", "KIM Il"), Person("2", "PAK Ho"))]);
        await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 2, 1), Person("3", "RI Song"))]);

        var summary = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        summary.Entities.ShouldBe(1);
        summary.Version.ShouldBe(2);
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).ShouldBe(["demo_list-3"]);
    }

    [Fact]
    public async Task A_failure_while_reading_leaves_the_previous_version_current_and_intact()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 1, 1), Person("1", "KIM Il"))]);

        await Should.ThrowAsync<InputException>(() => store.Lists.ImportAsync([new PendingImport(
            Failing(Person("7", "CHOE Ok")), () => Describe("demo_list", new DateOnly(2026, 3, 1)))]));

        var summary = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        summary.Version.ShouldBe(1);
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).ShouldBe(["demo_list-1"]);
    }

    [Fact]
    public async Task Several_files_commit_together_or_not_at_all()
    {
        await using var store = await NewStoreAsync();
        await Should.ThrowAsync<InputException>(() => store.Lists.ImportAsync(
        [
            Pending("first_list", null, Person("1", "KIM Il")),
            new PendingImport(Failing(Person("2", "PAK Ho")), () => Describe("second_list", null)),
        ]));
        (await store.Lists.GetDatasetsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_older_file_is_refused_naming_both_dates_and_nothing_of_its_command_is_written_unless_asked()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 5, 1), Person("1", "KIM Il"))]);

        var refused = await Should.ThrowAsync<InputException>(() => store.Lists.ImportAsync(
            [Pending("other_list", null, Person("9", "RI Ok")), Pending("demo_list", new DateOnly(2020, 1, 1), Person("2", "PAK Ho"))]));
        refused.File.ShouldBe("demo.csv");
        refused.Reason.ShouldContain("published 2020-01-01");
        refused.Reason.ShouldContain("demo_list/list (published 2026-05-01");
        var unchanged = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        unchanged.Published.ShouldBe(new DateOnly(2026, 5, 1));
        unchanged.Version.ShouldBe(1);

        await store.Lists.ImportAsync([new PendingImport(Stream(Person("2", "PAK Ho")), () => Describe("demo_list", new DateOnly(2020, 1, 1)) with { ReplaceNewer = true })]);
        (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem().Published.ShouldBe(new DateOnly(2020, 1, 1));
    }

    [Fact]
    public async Task An_undated_file_before_it_in_the_same_command_does_not_let_an_older_file_through()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 5, 1), Person("1", "KIM Il"))]);

        await Should.ThrowAsync<InputException>(() => store.Lists.ImportAsync(
            [Pending("demo_list", null, Person("2", "PAK Ho")), Pending("demo_list", new DateOnly(2020, 1, 1), Person("3", "RI Song"))]));

        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).ShouldBe(["demo_list-1"]);
    }

    [Fact]
    public async Task Importing_one_part_keeps_the_other_parts_of_its_dataset()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "emails", Person("1", "KIM Il"), Person("2", "PAK Ho"))]);
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "phones", Person("3", "RI Song"))]);

        var summary = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        summary.Parts.Select(p => (p.Part, p.File, p.Entities)).ShouldBe([("emails", "emails.csv", 2L), ("phones", "phones.csv", 1L)]);
        summary.Entities.ShouldBe(3);
        summary.Names.ShouldBe(3);
        summary.Version.ShouldBe(2);
        summary.File.ShouldBe("emails.csv, phones.csv");
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).Order().ShouldBe(["ioc_personas-1", "ioc_personas-2", "ioc_personas-3"]);
        (await store.Lists.GetEntityAsync("ioc_personas-1")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Importing_a_part_again_replaces_that_part_only()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "emails", Person("1", "KIM Il"), Person("2", "PAK Ho"))]);
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "phones", Person("3", "RI Song"))]);
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "emails", Person("4", "CHOE Ok"))]);

        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).Order().ShouldBe(["ioc_personas-3", "ioc_personas-4"]);
        (await store.Lists.GetEntityAsync("ioc_personas-1")).ShouldBeNull();
        (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem().Parts.Select(p => p.Entities).ShouldBe([1L, 1L]);
    }

    [Fact]
    public async Task An_id_listed_in_two_parts_is_one_entity_read_from_the_part_imported_last()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "indicators", Person("1", "KIM Il"), Person("2", "PAK Ho"))]);
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "emails", Person("1", "KIM Il", "Kim Il-song"))]);

        var summary = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        summary.Entities.ShouldBe(2);
        summary.Names.ShouldBe(3);
        var entities = await ToListAsync(store.Lists.GetEntitiesAsync());
        entities.Select(e => e.Id).Order().ShouldBe(["ioc_personas-1", "ioc_personas-2"]);
        entities.Single(e => e.Id == "ioc_personas-1").Get("alias").ShouldBe(["Kim Il-song"]);
        (await store.Lists.GetEntityAsync("ioc_personas-1")).ShouldNotBeNull().Get("alias").ShouldBe(["Kim Il-song"]);
    }

    [Fact]
    public async Task Publication_dates_are_compared_per_part()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("wallets", new DateOnly(2026, 5, 1), "eth", Person("1", "KIM Il"))]);
        var results = await store.Lists.ImportAsync([Pending("wallets", new DateOnly(2026, 1, 1), "xbt", Person("2", "PAK Ho"))]);

        results.ShouldHaveSingleItem().Status.ShouldBe(ImportStatus.Imported);
        var summary = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        summary.Parts.Select(p => p.Published).ShouldBe([new DateOnly(2026, 5, 1), new DateOnly(2026, 1, 1)]);
        summary.Published.ShouldBe(new DateOnly(2026, 5, 1));
    }

    [Fact]
    public async Task Two_files_of_one_part_in_one_command_keep_the_newer()
    {
        await using var store = await NewStoreAsync();
        var results = await store.Lists.ImportAsync(
        [
            Pending("demo_list", new DateOnly(2026, 3, 1), Person("1", "KIM Il")),
            Pending("demo_list", new DateOnly(2025, 1, 1), Person("2", "PAK Ho")),
            Pending("demo_list", new DateOnly(2026, 6, 1), Person("3", "RI Song")),
        ]);

        results.Select(r => r.Status).ShouldBe([ImportStatus.Superseded, ImportStatus.Superseded, ImportStatus.Imported]);
        results.Select(r => r.Part.Published).ShouldBe([new DateOnly(2026, 3, 1), new DateOnly(2025, 1, 1), new DateOnly(2026, 6, 1)]);
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).ShouldBe(["demo_list-3"]);
        (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem().Published.ShouldBe(new DateOnly(2026, 6, 1));
    }

    [Fact]
    public async Task A_part_or_a_whole_dataset_can_be_removed()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "emails", Person("1", "KIM Il"))]);
        await store.Lists.ImportAsync([Pending("ioc_personas", null, "phones", Person("2", "PAK Ho"))]);
        await store.Lists.ImportAsync([Pending("demo_list", null, Person("3", "RI Song"))]);

        (await store.Lists.RemoveAsync("ioc_personas", "nothing")).ShouldBeNull();
        (await store.Lists.RemoveAsync("no_such_list", null)).ShouldBeNull();
        var before = (await store.Lists.RemoveAsync("ioc_personas", "emails")).ShouldNotBeNull();
        before.Parts.Count.ShouldBe(2);
        var left = (await store.Lists.GetDatasetsAsync()).Single(d => d.Dataset == "ioc_personas");
        left.Parts.ShouldHaveSingleItem().Part.ShouldBe("phones");
        left.Version.ShouldBe(3);
        (await store.Lists.GetEntityAsync("ioc_personas-1")).ShouldBeNull();

        (await store.Lists.RemoveAsync("ioc_personas", null)).ShouldNotBeNull();
        (await store.Lists.GetDatasetsAsync()).Select(d => d.Dataset).ShouldBe(["demo_list"]);
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).ShouldBe(["demo_list-3"]);

        await store.Lists.ImportAsync([Pending("ioc_personas", null, "emails", Person("1", "KIM Il"))]);
        (await store.Lists.GetDatasetsAsync()).Single(d => d.Dataset == "ioc_personas").Version.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_bytes_are_found_by_content_hash()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", null, Person("1", "KIM Il"))]);
        (await store.Lists.FindCurrentByContentAsync("hash-demo_list", null)).ShouldNotBeNull().Dataset.ShouldBe("demo_list");
        (await store.Lists.FindCurrentByContentAsync("hash-demo_list", "other_name")).ShouldBeNull();
        (await store.Lists.FindCurrentByContentAsync("hash-demo_list", null, "sample_")).ShouldBeNull("sample datasets are read from the same bytes under other names");
        (await store.Lists.FindCurrentByContentAsync("another-hash", null)).ShouldBeNull();
    }

    [Fact]
    public async Task Entities_can_be_read_per_dataset()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("first_list", null, Person("1", "KIM Il")), Pending("second_list", null, Person("2", "PAK Ho"))]);
        (await ToListAsync(store.Lists.GetEntitiesAsync(["second_list"]))).Select(e => e.Id).ShouldBe(["second_list-2"]);
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Target_dates_referents_and_other_datasets_come_back_as_they_were_stored()
    {
        await using var store = await NewStoreAsync();
        var applicant = new Entity("fict-applicant", Schemas.Person, "graph_list") { Target = false }.Add("name", "Jasper Leeford");
        var target = new Entity("fict-target", Schemas.Person, "graph_list")
        {
            FirstSeen = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
            LastSeen = new DateTimeOffset(2030, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)),
            LastChange = new DateTimeOffset(2030, 1, 15, 0, 0, 0, TimeSpan.Zero),
        }.Add("name", "Ri Fictional").AddReferents(["old-1", "old-2"]).AddDatasets(["fict_un", "fict_eu"]);
        var plain = new Entity("fict-plain", Schemas.Company, "graph_list").Add("name", "Plain Fictional Ltd");
        await store.Lists.ImportAsync([new PendingImport(Stream(applicant, target, plain), () => Describe("graph_list", null))]);

        var read = (await ToListAsync(store.Lists.GetEntitiesAsync())).ToDictionary(e => e.Id);

        read["fict-applicant"].Target.ShouldBeFalse();
        var back = read["fict-target"];
        back.Target.ShouldBeTrue();
        back.FirstSeen.ShouldBe(target.FirstSeen);
        back.LastSeen.ShouldBe(new DateTimeOffset(2030, 2, 3, 2, 5, 6, TimeSpan.Zero), "the same instant, in UTC");
        back.LastChange.ShouldBe(target.LastChange);
        back.Referents.ShouldBe(["old-1", "old-2"]);
        back.Datasets.ShouldBe(["graph_list", "fict_un", "fict_eu"]);
        var single = (await store.Lists.GetEntityAsync("fict-target")).ShouldNotBeNull();
        single.Datasets.ShouldBe(["graph_list", "fict_un", "fict_eu"]);
        single.Referents.ShouldBe(["old-1", "old-2"]);
        var defaults = read["fict-plain"];
        defaults.Target.ShouldBeTrue();
        (defaults.FirstSeen, defaults.LastSeen, defaults.LastChange).ShouldBe((null, null, null));
        defaults.Referents.ShouldBeEmpty();
        defaults.Datasets.ShouldBe(["graph_list"]);
    }

    [Fact]
    public async Task Names_and_identifiers_are_rows_of_their_entity_version_that_other_tools_can_query()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", null, Person("1", "KIM Il", "Kim Il", "KIM Il"), Person("2", "PAK Ho"))]);
        await using var connection = await ConnectAsync(store);

        (await RowsAsync(connection, """
            SELECT n.property, n.name FROM entity_names n JOIN dataset_parts p ON p.current_version = n.version_id
            WHERE n.entity_id = 'demo_list-1' ORDER BY n.property DESC
            """)).ShouldBe(["name KIM Il", "alias Kim Il"]);
        (await RowsAsync(connection, """
            SELECT i.entity_id, i.property, i.type FROM entity_identifiers i JOIN dataset_parts p ON p.current_version = i.version_id
            WHERE i.value = 'p2@example.org'
            """)).ShouldBe(["demo_list-2 email email"]);

        await store.Lists.ImportAsync([Pending("demo_list", null, Person("3", "RI Song"))]);
        (await RowsAsync(connection, "SELECT DISTINCT entity_id FROM entity_names")).ShouldBe(["demo_list-3"], "an old version's names go with its entities");
        (await RowsAsync(connection, "SELECT DISTINCT entity_id FROM entity_identifiers")).ShouldBe(["demo_list-3"]);
        await using var orphan = connection.CreateCommand();
        orphan.CommandText = "INSERT INTO entity_names (version_id, entity_id, name, property) VALUES (424242, 'nobody', 'No One', 'name')";
        await Should.ThrowAsync<DbException>(() => orphan.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Entities_are_read_in_id_order_byte_by_byte_on_every_backend()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("first_list", null, Person("b", "KIM Il"), Person("B", "PAK Ho"), Person("_x", "RI Ok")),
            Pending("e_list", null, Person("a", "CHOE Ok"))]);

        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).ShouldBe(["e_list-a", "first_list-B", "first_list-_x", "first_list-b"]);
    }

    [Fact]
    public async Task Two_imports_of_one_dataset_at_once_commit_one_after_the_other_each_whole()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 1, 1), Person("0", "KIM Il"))]);
        var firstIsWriting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letFirstFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstEntities = Enumerable.Range(1, 30).Select(i => Rename(Person($"first{i}", $"FIRST {i}"), "demo_list")).ToArray();
        var secondEntities = Enumerable.Range(1, 30).Select(i => Rename(Person($"second{i}", $"SECOND {i}"), "demo_list")).ToArray();

        var first = Task.Run(() => store.Lists.ImportAsync(
            [new PendingImport(Gated(firstEntities, firstIsWriting, letFirstFinish.Task), () => Describe("demo_list", new DateOnly(2026, 2, 1)))]));
        await firstIsWriting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = Task.Run(() => store.Lists.ImportAsync(
            [new PendingImport(Stream(secondEntities), () => Describe("demo_list", new DateOnly(2026, 2, 1)))]));
        await Task.Delay(500);
        second.IsCompleted.ShouldBeFalse("the second import waits for the first to commit");
        letFirstFinish.SetResult();

        (await first).ShouldHaveSingleItem().Status.ShouldBe(ImportStatus.Imported);
        (await second).ShouldHaveSingleItem().Status.ShouldBe(ImportStatus.Imported);
        var summary = (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        summary.Version.ShouldBe(3);
        summary.Entities.ShouldBe(30);
        (await ToListAsync(store.Lists.GetEntitiesAsync())).Select(e => e.Id).Order(StringComparer.Ordinal)
            .ShouldBe(secondEntities.Select(e => e.Id).Order(StringComparer.Ordinal), "the import that committed last is current, whole");
    }

    private static async IAsyncEnumerable<Entity> Gated(Entity[] entities, TaskCompletionSource started, Task release)
    {
        yield return entities[0];
        started.SetResult();
        await release;
        foreach (var entity in entities.Skip(1))
        {
            yield return entity;
        }
    }

    /// <summary>The rows of a query, each as its values joined by spaces.</summary>
    public static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    protected static Entity Person(string id, string name, params string[] aliases)
    {
        var entity = new Entity(EntityIds.Make("pending", id), Schemas.Person, "pending").Add("name", name).Add("passportNumber", $"P-{id}")
            .Add("email", $"p{id}@example.org");
        return entity.AddRange("alias", aliases);
    }

    protected static PendingImport Pending(string dataset, DateOnly? published, params Entity[] entities) =>
        Pending(dataset, published, "list", entities);

    protected static PendingImport Pending(string dataset, DateOnly? published, string part, params Entity[] entities) =>
        new(Stream(entities.Select(e => Rename(e, dataset)).ToArray()), () => Describe(dataset, published, part));

    protected static Entity Rename(Entity entity, string dataset)
    {
        var renamed = new Entity(entity.Id.Replace("pending", dataset, StringComparison.Ordinal), entity.Schema, dataset);
        foreach (var (property, values) in entity.Properties)
        {
            renamed.AddRange(property, values);
        }
        return renamed;
    }

    protected static DatasetImport Describe(string dataset, DateOnly? published, string part = "list") =>
        new(new Dataset(dataset, "Demo list", "Test publisher", published, DatasetKind.Sanctions), part == "list" ? "demo.csv" : $"{part}.csv", part,
            part == "list" ? $"hash-{dataset}" : $"hash-{dataset}-{part}", null, []);

#pragma warning disable CS1998 // async iterators without await
    protected static async IAsyncEnumerable<Entity> Stream(params Entity[] entities)
    {
        foreach (var entity in entities)
        {
            yield return entity;
        }
    }

    private static async IAsyncEnumerable<Entity> Failing(Entity first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return first;
        throw new InputException("demo.csv", 2, "wrong number of fields");
    }
#pragma warning restore CS1998

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
