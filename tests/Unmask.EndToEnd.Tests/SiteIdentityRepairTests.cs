using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Unmask.Application.Sites;
using Unmask.Storage;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;

namespace Unmask.EndToEnd.Tests;

/// <summary>A store of schema version 13 knew a site by the domain its pages declare, so a suspect that kept a reference's
/// canonical link took the reference's id and overwrote it. Migration 014 marks such a store; the first open re-derives
/// the ids from the sources, records each rename with why, and says so.</summary>
public sealed class SiteIdentityRepairTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store-v13.db");

    /// <summary>Writes the store the old scheme left: the suspect 'quayside' (a copy of harborpoint that kept its canonical
    /// link) stored under harborpointconsulting.example with its report, the reference it overwrote gone, and the suspect
    /// 'novalink-techlab' under the domain it declares; then takes the store back to schema version 13.</summary>
    private async Task<string> WriteOldSchemeStoreAsync()
    {
        var front = _folder.File("quayside");
        foreach (var file in Directory.GetFiles(RepoPaths.Fixture("sites", "reference", "harborpoint")))
        {
            _folder.Write(Path.Combine("quayside", Path.GetFileName(file)),
                File.ReadAllText(file).Replace("Harbor Point Consulting", "Quayside Data Works LLC", StringComparison.Ordinal));
        }
        await using (var store = SqliteStore.Open(Db, _time))
        {
            var sites = new SiteService(store, _time);
            await sites.IndexAsync([RepoPaths.Fixture("sites", "reference", "harborpoint")], SiteRole.Reference, Cancel);
            await sites.IndexAsync([RepoPaths.Sample("sites", "suspect", "novalink-techlab")], SiteRole.Suspect, Cancel);
            await sites.AnalyzeAsync(front, null, Cancel);
        }
        using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Open();
        Execute(connection, """
            PRAGMA foreign_keys = OFF;
            DELETE FROM site_claims WHERE site_id = 'harborpointconsulting.example';
            DELETE FROM site_pages WHERE site_id = 'harborpointconsulting.example';
            DELETE FROM site_fingerprints WHERE site_id = 'harborpointconsulting.example';
            DELETE FROM sites WHERE id = 'harborpointconsulting.example';
            """);
        foreach (var (from, to) in new[] { ("quayside", "harborpointconsulting.example"), ("novalink-techlab", "novalinktech.example") })
        {
            foreach (var table in new[] { "site_claims", "site_pages", "site_fingerprints", "site_reports", "site_clones", "site_findings" })
            {
                Execute(connection, $"UPDATE {table} SET site_id = '{to}' WHERE site_id = '{from}'");
            }
            Execute(connection, $"UPDATE sites SET id = '{to}' WHERE id = '{from}'");
        }
        Execute(connection, "DROP TABLE site_renames; DELETE FROM schema_migrations WHERE version = 14;");
        return front;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Opening_a_v13_store_re_derives_site_ids_from_sources_and_records_why()
    {
        await WriteOldSchemeStoreAsync();

        var said = new List<string>();
        await using var store = SqliteStore.Open(Db, _time);
        (await store.Sites.IdentityRepairPendingAsync(Cancel)).ShouldBeTrue("migration 014 marks the store");
        var renames = (await new SiteService(store, _time) { Renamed = r => said.Add($"{r.From} -> {r.To}") }.RepairIdentitiesIfPendingAsync(Cancel)).ShouldNotBeNull();

        renames.Select(r => (r.From, r.To)).ShouldBe([("harborpointconsulting.example", "quayside"), ("novalinktech.example", "novalink-techlab")], ignoreOrder: true);
        said.Count.ShouldBe(2);
        var overwritten = renames.Single(r => r.To == "quayside").Reason;
        overwritten.ShouldContain("a domain its pages declare but it does not own");
        overwritten.ShouldContain("overwritten");
        (await store.Sites.ListRenamesAsync(Cancel).ToListAsync(Cancel)).Select(r => r.To).ShouldBe(renames.Select(r => r.To), ignoreOrder: true);
        (await store.Sites.IdentityRepairPendingAsync(Cancel)).ShouldBeFalse();

        var quayside = (await store.Sites.GetAsync("quayside", Cancel)).ShouldNotBeNull();
        quayside.Role.ShouldBe("suspect");
        quayside.Pages.Count.ShouldBe(2);
        quayside.Claims.ShouldContain(c => c.Domain == "harborpointconsulting.example");
        (await store.Sites.GetReportAsync("quayside", Cancel)).ShouldNotBeNull().Findings.ShouldNotBeEmpty();
        (await store.Sites.GetAsync("harborpointconsulting.example", Cancel)).ShouldBeNull("the overwritten reference was lost under the old scheme");
        var index = await new SiteService(store, _time).LoadIndexAsync(null, Cancel);
        index.Sites.Single(s => s.Key == "quayside").Domain.ShouldBeNull("a suspect owns no domain it only declares");

        (await new SiteService(store, _time).RepairIdentitiesIfPendingAsync(Cancel)).ShouldBeNull("the repair runs once");
    }

    [Fact]
    public async Task The_cli_says_what_it_renamed_on_the_first_command_using_sites_only_and_a_backup_leaves_the_store_as_it_is()
    {
        await WriteOldSchemeStoreAsync();

        var backup = await CliProcess.RunAsync(_folder.Path, "db", "backup", _folder.File("backup.db"), "--db", Db);
        backup.ExitCode.ShouldBe(0, backup.Stderr);
        backup.Stderr.ShouldNotContain("is now");
        await using (var store = SqliteStore.Open(Db, _time))
        {
            (await store.Sites.IdentityRepairPendingAsync(Cancel)).ShouldBeTrue("a backup writes nothing to the store it reads");
        }

        var first = await CliProcess.RunAsync(_folder.Path, "graph", "build", "--db", Db);
        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stderr.ShouldContain("unmask: site harborpointconsulting.example is now quayside: its id was harborpointconsulting.example, a domain its pages declare but it does not own");
        first.Stderr.ShouldContain("unmask: re-derived the ids of the indexed sites from where they were read: 2 renamed");

        var second = await CliProcess.RunAsync(_folder.Path, "graph", "build", "--db", Db);
        second.Stderr.ShouldNotContain("renamed");
        second.Stderr.ShouldNotContain("is now");
    }
}
