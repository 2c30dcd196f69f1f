using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Unmask.Application.Cases;
using Unmask.Application.Demo;
using Unmask.Application.Export;
using Unmask.LinkGraph.Export;
using Unmask.Storage;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.Watchlists;

namespace Unmask.EndToEnd.Tests;

/// <summary><see cref="ExportService"/> in process on the demo store with a fake clock: what it gathers for a case, and
/// the STIX object times it reads back from the store.</summary>
public sealed class ExportServiceTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private SqliteStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _store = SqliteStore.Open(_folder.File("demo.db"), _time);
        await new DemoRunner(_store, ListReaders.Default, _time).RunAsync(RepoPaths.Sample(), _folder.File("demo.html"), null, TestContext.Current.CancellationToken);
        var cases = new CaseService(_store, _time);
        await cases.OpenAsync("vendor:V-2", "analyst-1", TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromHours(2));
        await cases.DecideAsync("case-1", "escalated", "copied site and shared phone", "analyst-2", null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_case_export_holds_its_decisions_structured_findings_and_audit_entries_but_not_earlier_exports()
    {
        var service = new ExportService(_store, _time);
        await service.ExportAsync(ExportFormat.Html, "case-1", _folder.File("first.html"), "analyst-3", TestContext.Current.CancellationToken);

        var content = await service.AssembleAsync("case-1", TestContext.Current.CancellationToken);

        var item = content.Cases.ShouldHaveSingleItem();
        item.Decisions.ShouldHaveSingleItem().ShouldBe(new CaseDecisionExport("escalated", "copied site and shared phone", "analyst-2",
            new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero)));
        item.Audit.Select(a => a.Action).ShouldBe(["case.open", "case.decide"]);
        item.Audit.ShouldAllBe(a => a.Hash.Length > 0);
        var copied = item.Findings.Single(f => f.Subject == "vendor:V-2" && f.Code == "SITE_COPIED");
        copied.Severity.ShouldBe("high");
        copied.Source.ShouldNotBeNullOrWhiteSpace();
        copied.Evidence.ShouldContain("brightpath-consulting.example");
        content.ExportedAt.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task A_case_export_holds_the_list_entities_of_its_members_and_only_their_datasets()
    {
        var content = await new ExportService(_store, _time).AssembleAsync("case-1", TestContext.Current.CancellationToken);

        var members = content.Cases[0].Members.Where(m => m.StartsWith("entity:", StringComparison.Ordinal)).Select(m => m["entity:".Length..]).ToList();
        members.ShouldNotBeEmpty();
        members.ShouldAllBe(id => content.Entities.ContainsKey(id));
        content.Entities.Values.ShouldAllBe(e => members.Contains(e.Id) || !e.Target, "anything else is context, never a target");
        content.Datasets.Keys.Order(StringComparer.Ordinal).ShouldBe(content.Entities.Values.SelectMany(e => e.Datasets).Distinct().Order(StringComparer.Ordinal));
        content.Datasets["sample_ioc_astrill_exits_sample"].Publisher.ShouldBe("Spur (spur.us)");
    }

    [Fact]
    public async Task Findings_whose_record_was_vetted_again_without_them_keep_their_code_and_evidence()
    {
        var vendor = (await _store.Vetting.GetRecordAsync("vendor:V-2", TestContext.Current.CancellationToken)).ShouldNotBeNull();
        vendor.Findings.ShouldContain(f => f.Code == "SITE_COPIED");
        var later = new StoredVetBatch("later-run", "vetting.csv", new string('0', 64), "vetting-v1", _time.GetUtcNow(), 1);
        await _store.Vetting.SaveRunAsync(later, [vendor with { BatchId = later.Id, Findings = [] }], TestContext.Current.CancellationToken);

        var content = await new ExportService(_store, _time).AssembleAsync("case-1", TestContext.Current.CancellationToken);

        var copied = content.Cases[0].Findings.Single(f => f.Subject == "vendor:V-2" && f.Code == "SITE_COPIED");
        copied.Severity.ShouldBe("");
        copied.Evidence.ShouldContain("brightpath-consulting.example");
    }

    [Fact]
    public async Task Kept_stix_object_times_are_read_back_exactly()
    {
        var kept = new StixObjectTime("sha256:ab12", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero));
        await _store.Exports.PutStixTimesAsync([new StixObjectTimes("indicator--0b4e0e46-4a0b-5a0e-9d3c-1f2e3d4c5b6a", kept.ContentHash, kept.Created, kept.Modified)],
            TestContext.Current.CancellationToken);

        var content = await new ExportService(_store, _time).AssembleAsync(null, TestContext.Current.CancellationToken);

        content.ObjectTimes["indicator--0b4e0e46-4a0b-5a0e-9d3c-1f2e3d4c5b6a"].ShouldBe(kept);
        content.Cases.Select(c => c.Id).ShouldBe(["case-1"]);
    }

    [Fact]
    public async Task Every_export_is_audited_and_an_unknown_format_is_bad_input()
    {
        await new ExportService(_store, _time).ExportAsync(ExportFormat.Csv, null, _folder.File("edges.csv"), "analyst-3", TestContext.Current.CancellationToken);

        var entries = new List<Unmask.Storage.AuditEntry>();
        await foreach (var entry in _store.Audit.ReadAsync(TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
        }
        entries[^1].ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("export"), e => e.Subject.ShouldBe("graph"), e => e.Actor.ShouldBe("analyst-3"), e => e.Details.ShouldBe("csv to edges.csv"));
        Should.Throw<Unmask.Domain.InputException>(() => ExportService.ParseFormat("pdf")).Message.ShouldContain("'pdf' is not one of stix, ftm, graphml, csv, html");
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
