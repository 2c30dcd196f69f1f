using System.Runtime.CompilerServices;
using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Storage.Tests;

/// <summary>What every store backend must do with lists. A backend's test class inherits this and supplies a fresh store.</summary>
public abstract class ListStoreContract
{
    protected abstract Task<IUnmaskStore> NewStoreAsync();

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
    public async Task An_older_file_does_not_replace_a_newer_version_unless_asked()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 5, 1), Person("1", "KIM Il"))]);

        var skipped = await store.Lists.ImportAsync([Pending("demo_list", new DateOnly(2020, 1, 1), Person("2", "PAK Ho"))]);
        skipped.ShouldHaveSingleItem().Status.ShouldBe(ImportStatus.SkippedOlder);
        (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem().Published.ShouldBe(new DateOnly(2026, 5, 1));

        await store.Lists.ImportAsync([new PendingImport(Stream(Person("2", "PAK Ho")), () => Describe("demo_list", new DateOnly(2020, 1, 1)) with { ReplaceNewer = true })]);
        (await store.Lists.GetDatasetsAsync()).ShouldHaveSingleItem().Published.ShouldBe(new DateOnly(2020, 1, 1));
    }

    [Fact]
    public async Task The_same_bytes_are_found_by_content_hash()
    {
        await using var store = await NewStoreAsync();
        await store.Lists.ImportAsync([Pending("demo_list", null, Person("1", "KIM Il"))]);
        (await store.Lists.FindCurrentByContentAsync("hash-demo_list", null)).ShouldNotBeNull().Dataset.ShouldBe("demo_list");
        (await store.Lists.FindCurrentByContentAsync("hash-demo_list", "other_name")).ShouldBeNull();
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
    public async Task Documents_are_put_listed_and_deleted()
    {
        await using var store = await NewStoreAsync();
        await store.Documents.PutAsync("sites", [new("a.example", "{\"x\":1}"), new("b.example", "{\"x\":2}")]);
        await store.Documents.PutAsync("sites", [new("a.example", "{\"x\":3}")]);
        (await store.Documents.GetAsync("sites", "a.example")).ShouldBe("{\"x\":3}");
        (await ToListAsync(store.Documents.ListAsync("sites"))).Count.ShouldBe(2);
        (await store.Documents.DeleteAsync("sites", "b.example")).ShouldBe(1);
        (await store.Documents.GetAsync("sites", "b.example")).ShouldBeNull();
    }

    protected static Entity Person(string id, string name, params string[] aliases)
    {
        var entity = new Entity(EntityIds.Make("pending", id), Schemas.Person, "pending").Add("name", name).Add("passportNumber", $"P-{id}")
            .Add("email", $"p{id}@example.org");
        return entity.AddRange("alias", aliases);
    }

    private static PendingImport Pending(string dataset, DateOnly? published, params Entity[] entities) =>
        new(Stream(entities.Select(e => Rename(e, dataset)).ToArray()), () => Describe(dataset, published));

    private static Entity Rename(Entity entity, string dataset)
    {
        var renamed = new Entity(entity.Id.Replace("pending", dataset, StringComparison.Ordinal), entity.Schema, dataset);
        foreach (var (property, values) in entity.Properties)
        {
            renamed.AddRange(property, values);
        }
        return renamed;
    }

    private static DatasetImport Describe(string dataset, DateOnly? published) =>
        new(new Dataset(dataset, "Demo list", "Test publisher", published, DatasetKind.Sanctions), "demo.csv", $"hash-{dataset}", null, []);

#pragma warning disable CS1998 // async iterators without await
    private static async IAsyncEnumerable<Entity> Stream(params Entity[] entities)
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
