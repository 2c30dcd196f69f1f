using System.Security.Cryptography;
using System.Text;
using Unmask.Storage;

namespace Unmask.Storage.Tests;

/// <summary>What every backend's vetting store must do. A backend's test class inherits this and supplies a fresh store.</summary>
public abstract class VettingStoreContract
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Photo = Encoding.UTF8.GetBytes("not really a PNG, but bytes all the same");

    protected abstract Task<IUnmaskStore> NewStoreAsync();

    [Fact]
    public async Task A_saved_run_gives_back_its_batch_and_records_whole()
    {
        await using var store = await NewStoreAsync();
        var batch = Batch("run-1", Monday, 2);
        var photoSha256 = await store.Blobs.PutAsync(Photo, "image/png");
        var applicant = Record("run-1", "applicant", "A-1", 72, "high",
            [
                new StoredFinding("VOIP_PHONE", "medium", "phone +1 312 555 0101 is a VoIP number", "PSA-2023-10", null),
                new StoredFinding("SANCTIONS_MATCH", "critical", "name matches KIM Il (us_ofac_sdn)", "OFAC-SDN", """{"entity":"us_ofac_sdn-1","score":"0.93"}"""),
            ],
            [new StoredVetAttachment("photo.png", "image/png", photoSha256)]);
        var vendor = Record("run-1", "vendor", "V-3", 0, "clear", [], []);

        await store.Vetting.SaveRunAsync(batch, [applicant, vendor]);

        var batches = await store.Vetting.ListBatchesAsync();
        batches.ShouldHaveSingleItem().ShouldBe(batch);
        var read = (await store.Vetting.GetRecordAsync("applicant:A-1")).ShouldNotBeNull();
        (read.BatchId, read.Kind, read.RecordId, read.Caption, read.Risk, read.Level).ShouldBe(("run-1", "applicant", "A-1", "Caption of A-1", 72, "high"));
        SameJson(read.ResultJson, applicant.ResultJson).ShouldBeTrue(read.ResultJson);
        SameJson(read.GraphJson, applicant.GraphJson).ShouldBeTrue(read.GraphJson);
        ShouldBeTheSame(read.Findings, applicant.Findings);
        read.Attachments.ShouldHaveSingleItem().ShouldBe(new StoredVetAttachment("photo.png", "image/png", photoSha256));
        (await store.Blobs.GetAsync(photoSha256)).ShouldNotBeNull().Content.ShouldBe(Photo);
        ShouldBeTheSame(await store.Vetting.GetFindingsAsync("applicant:A-1"), applicant.Findings);
        (await store.Vetting.GetRecordAsync("vendor:V-3")).ShouldNotBeNull().Findings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_record_never_vetted_has_no_row_and_no_findings()
    {
        await using var store = await NewStoreAsync();

        (await store.Vetting.GetRecordAsync("applicant:A-404")).ShouldBeNull();
        (await store.Vetting.GetFindingsAsync("applicant:A-404")).ShouldBeEmpty();
        (await ToListAsync(store.Vetting.ListRecordsAsync())).ShouldBeEmpty();
        (await store.Vetting.ListBatchesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Vetting_a_record_again_replaces_its_findings_and_moves_it_to_the_new_batch()
    {
        await using var store = await NewStoreAsync();
        var photoSha256 = await store.Blobs.PutAsync(Photo, "image/png");
        await store.Vetting.SaveRunAsync(Batch("run-1", Monday, 2), [
            Record("run-1", "applicant", "A-1", 72, "high", [new StoredFinding("VOIP_PHONE", "medium", "VoIP", "PSA-2023-10", null)],
                [new StoredVetAttachment("photo.png", "image/png", photoSha256)]),
            Record("run-1", "applicant", "A-2", 0, "clear", [], []),
        ]);

        await store.Vetting.SaveRunAsync(Batch("run-2", Monday.AddDays(1), 1), [
            Record("run-2", "applicant", "A-1", 12, "low", [new StoredFinding("NEW_ACCOUNT", "low", "LinkedIn account 20 days old", "PSA-2025-01", null)], []),
        ]);

        var again = (await store.Vetting.GetRecordAsync("applicant:A-1")).ShouldNotBeNull();
        (again.BatchId, again.Risk, again.Level).ShouldBe(("run-2", 12, "low"));
        again.Findings.Select(f => f.Code).ShouldBe(["NEW_ACCOUNT"]);
        again.Attachments.ShouldBeEmpty();
        (await ToListAsync(store.Vetting.ListRecordsAsync("run-1"))).Select(r => r.Key).ShouldBe(["applicant:A-2"]);
        (await ToListAsync(store.Vetting.ListRecordsAsync("run-2"))).Select(r => r.Key).ShouldBe(["applicant:A-1"]);
        (await store.Vetting.ListBatchesAsync()).Select(b => b.Id).ShouldBe(["run-1", "run-2"]);
        (await store.Blobs.PruneAsync()).ShouldBe(1, "the photo the first run kept is no longer referred to");
    }

    [Fact]
    public async Task A_run_that_fails_while_writing_leaves_the_earlier_run_whole()
    {
        await using var store = await NewStoreAsync();
        var first = Record("run-1", "applicant", "A-1", 72, "high", [new StoredFinding("VOIP_PHONE", "medium", "VoIP", "PSA-2023-10", null)], []);
        await store.Vetting.SaveRunAsync(Batch("run-1", Monday, 1), [first]);

        // The second record's level is none the schema allows: the database refuses it after A-1 was replaced.
        await Should.ThrowAsync<Exception>(() => store.Vetting.SaveRunAsync(Batch("run-2", Monday.AddDays(1), 2), [
            Record("run-2", "applicant", "A-1", 5, "clear", [], []),
            Record("run-2", "applicant", "A-2", 5, "severe", [], []),
        ]));

        (await store.Vetting.ListBatchesAsync()).Select(b => b.Id).ShouldBe(["run-1"]);
        var kept = (await store.Vetting.GetRecordAsync("applicant:A-1")).ShouldNotBeNull();
        (kept.BatchId, kept.Risk).ShouldBe(("run-1", 72));
        ShouldBeTheSame(kept.Findings, first.Findings);
        (await store.Vetting.GetRecordAsync("applicant:A-2")).ShouldBeNull();
    }

    [Fact]
    public async Task The_same_record_twice_in_one_run_is_refused_before_anything_is_written()
    {
        await using var store = await NewStoreAsync();

        var error = await Should.ThrowAsync<ArgumentException>(() => store.Vetting.SaveRunAsync(Batch("run-1", Monday, 2), [
            Record("run-1", "vendor", "V-1", 0, "clear", [], []),
            Record("run-1", "vendor", "V-1", 40, "medium", [], []),
        ]));

        error.Message.ShouldContain("vendor:V-1");
        (await store.Vetting.ListBatchesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_records_may_share_a_photo_but_none_may_refer_to_a_blob_not_stored()
    {
        await using var store = await NewStoreAsync();
        var photoSha256 = await store.Blobs.PutAsync(Photo, "image/png");
        await store.Vetting.SaveRunAsync(Batch("run-1", Monday, 2), [
            Record("run-1", "applicant", "A-1", 30, "medium", [], [new StoredVetAttachment("photo.png", "image/png", photoSha256)]),
            Record("run-1", "applicant", "A-7", 30, "medium", [], [new StoredVetAttachment("headshot.png", "image/png", photoSha256)]),
        ]);

        (await store.Blobs.PruneAsync()).ShouldBe(0, "both records refer to it");
        (await store.Vetting.GetRecordAsync("applicant:A-7")).ShouldNotBeNull().Attachments.ShouldHaveSingleItem().Sha256.ShouldBe(photoSha256);
        var missing = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("never stored")));
        await Should.ThrowAsync<Exception>(() => store.Vetting.SaveRunAsync(Batch("run-2", Monday, 1), [
            Record("run-2", "applicant", "A-8", 30, "medium", [], [new StoredVetAttachment("photo.png", "image/png", missing)]),
        ]));
        (await store.Vetting.GetRecordAsync("applicant:A-8")).ShouldBeNull();
    }

    [Fact]
    public async Task Records_and_graph_facts_are_listed_by_key_in_ordinal_order_across_pages()
    {
        await using var store = await NewStoreAsync();
        var ids = Enumerable.Range(1, 1_203).Select(i => $"V-{i}").Concat(["a-1", "B-1", "Ärzte-1"]).ToList();
        await store.Vetting.SaveRunAsync(Batch("run-1", Monday, ids.Count), [.. ids.Select(id => Record("run-1", "vendor", id, 0, "clear",
            [new StoredFinding("NEW_DOMAIN", "low", $"{id}'s domain is new", "PSA-2023-10", null)], []))]);

        var expected = ids.Select(id => "vendor:" + id).Order(StringComparer.Ordinal).ToList();
        var records = await ToListAsync(store.Vetting.ListRecordsAsync());
        records.Select(r => r.Key).ShouldBe(expected);
        records.ShouldAllBe(r => r.Findings.Count == 1 && r.Findings[0].Evidence == $"{r.RecordId}'s domain is new");
        var graphJson = await ToListAsync(store.Vetting.ListGraphJsonAsync());
        graphJson.Count.ShouldBe(expected.Count);
        var expectedJson = expected.Select(key => GraphJson(key.Substring("vendor:".Length))).ToList();
        graphJson.Zip(expectedJson).ShouldAllBe(pair => SameJson(pair.First, pair.Second));
    }

    /// <summary>The findings in the same order with the same fields; data compared as JSON (PostgreSQL's jsonb keeps
    /// neither the key order nor the spacing it was given).</summary>
    private static void ShouldBeTheSame(IReadOnlyList<StoredFinding> actual, IReadOnlyList<StoredFinding> expected)
    {
        actual.Select(f => (f.Code, f.Severity, f.Evidence, f.Source)).ShouldBe(expected.Select(f => (f.Code, f.Severity, f.Evidence, f.Source)));
        actual.Zip(expected).ShouldAllBe(pair => pair.First.DataJson == null ? pair.Second.DataJson == null : SameJson(pair.First.DataJson, pair.Second.DataJson!));
    }

    private static bool SameJson(string actual, string expected) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(actual), System.Text.Json.Nodes.JsonNode.Parse(expected));

    private static StoredVetBatch Batch(string id, DateTimeOffset at, int records) =>
        new(id, "applicants.csv", new string('a', 64), "vetting-v1", at, records);

    private static StoredVetRecord Record(string batch, string kind, string id, int risk, string level,
        IReadOnlyList<StoredFinding> findings, IReadOnlyList<StoredVetAttachment> attachments) =>
        new($"{kind}:{id}", batch, kind, id, $"Caption of {id}", risk, level,
            $$"""{"id":"{{id}}","kind":"{{kind}}","risk":{{risk}},"level":"{{level}}","findings":[],"links":[]}""", GraphJson(id), findings, attachments);

    private static string GraphJson(string id) => $$"""{"Id":"{{id}}","Links":[]}""";

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
