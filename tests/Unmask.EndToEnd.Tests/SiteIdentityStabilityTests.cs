using Microsoft.Extensions.Time.Testing;
using Unmask.Application.Sites;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;

namespace Unmask.EndToEnd.Tests;

/// <summary>A site keeps the id it was indexed under: the next command derives the same id from what was stored.</summary>
public sealed class SiteIdentityStabilityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    private string Site(string name, string head, string body)
    {
        _folder.Write(Path.Combine(name, "index.html"),
            $"<html><head><title>{name}</title>{head}</head><body><h1>{name}</h1><p>{body}</p></body></html>");
        return _folder.File(name);
    }

    [Fact]
    public async Task A_reference_declaring_one_domain_twice_on_a_page_keeps_its_id_on_the_next_command()
    {
        // The engine counts zeta.example twice (two JSON-LD urls) and alpha.example once; one claim row each per page.
        var reference = Site("zeta-firm", """
            <link rel="canonical" href="https://alpha.example/">
            <script type="application/ld+json">{"@type":"Organization","name":"Zeta Works","url":"https://zeta.example/"}</script>
            <script type="application/ld+json">{"@type":"WebSite","name":"Zeta Works","url":"https://zeta.example/about"}</script>
            """, "Zeta Works builds data pipelines for logistics firms in the Midwest since 2004.");
        var suspect = Site("other", "", "Other Labs writes mobile apps for restaurants and cafes.");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = SqliteStore.Open(_folder.File("sites.db"), time);
        var service = new SiteService(store, time);

        var indexed = await service.IndexAsync([reference], SiteRole.Reference, Cancel);
        indexed[0].Key.ShouldBe("zeta.example");
        time.Advance(TimeSpan.FromSeconds(1));
        var next = await service.IndexAsync([suspect], SiteRole.Suspect, Cancel);

        next[0].Moved.ShouldBeEmpty();
        (await store.Sites.GetAsync("zeta.example", Cancel)).ShouldNotBeNull();
        var renames = new List<Storage.SiteRename>();
        await foreach (var rename in store.Sites.ListRenamesAsync(Cancel))
        {
            renames.Add(rename);
        }
        renames.ShouldBeEmpty();
    }
}
