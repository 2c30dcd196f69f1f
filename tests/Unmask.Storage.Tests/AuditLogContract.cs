using System.Text;
using Unmask.Storage;

namespace Unmask.Storage.Tests;

/// <summary>What every store backend's audit log must do, and what <c>audit verify</c> must catch. A backend's test class
/// inherits this and supplies a fresh store. The tampering cases below build the evidence by hand, as an attacker who can
/// write the store (but does not hold the key) would leave it.</summary>
public abstract class AuditLogContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = new(Encoding.UTF8.GetBytes("a test key of at least thirty-two bytes"), "test key");
    private static readonly AuditKey OtherKey = new(Encoding.UTF8.GetBytes("another key of at least thirty-two bytes"), "other key");

    protected abstract Task<IUnmaskStore> NewStoreAsync();

    [Fact]
    public async Task Appended_entries_are_keyed_chained_and_an_untouched_log_is_intact()
    {
        await using var store = await NewStoreAsync();
        var first = await store.Audit.AppendAsync("analyst", "case.open", "case-1", "subject vendor:V-3");
        var second = await store.Audit.AppendAsync("analyst", "export", "graph", "stix to graph.json");

        first.Sequence.ShouldBe(1);
        first.PreviousHash.ShouldBe(AuditChain.Genesis);
        first.Scheme.ShouldBe(AuditScheme.HmacSha256);
        second.PreviousHash.ShouldBe(first.Hash);
        (await ToListAsync(store.Audit.ReadAsync())).Select(e => e.Hash).ShouldBe([first.Hash, second.Hash]);
        var verification = await store.Audit.VerifyAsync();
        verification.Problem.ShouldBeNull();
        verification.Entries.ShouldBe(2);
        verification.CheckpointSequence.ShouldBe(2);
    }

    [Fact]
    public void An_untouched_chain_is_intact()
    {
        var entries = Chain(4);
        AuditChain.Verify(Evidence(entries)).Problem.ShouldBeNull();
    }

    [Fact]
    public void An_edited_entry_is_named_with_its_mac_mismatch()
    {
        var entries = Chain(4);
        var checkpoint = Checkpoint(entries);
        entries[1] = entries[1] with { Details = "cleared quietly" };
        ShouldBeTampered(Evidence(entries, checkpoint), sequence: 2, "MAC does not match");
    }

    [Fact]
    public void An_entry_deleted_in_the_middle_is_named()
    {
        var entries = Chain(4);
        var checkpoint = Checkpoint(entries);
        entries.RemoveAt(1);
        ShouldBeTampered(Evidence(entries, checkpoint), sequence: 3, "entry 2 was removed");
    }

    [Fact]
    public void Reordered_entries_break_the_link()
    {
        var entries = Chain(4);
        var checkpoint = Checkpoint(entries);
        (entries[1], entries[2]) = (entries[2] with { Sequence = 2 }, entries[1] with { Sequence = 3 });
        ShouldBeTampered(Evidence(entries, checkpoint), sequence: 2, "link to the previous entry");
    }

    [Fact]
    public void An_inserted_entry_made_without_the_key_is_caught()
    {
        var entries = Chain(4);
        var checkpoint = Checkpoint(entries);
        var forged = AuditChain.Keyed(OtherKey, 3, 1, At, "analyst", "case.decide", "case-1", "cleared: forged", [], entries[1].Hash);
        var renumbered = entries.Skip(2).Select((e, i) => e with { Sequence = 4 + i });
        ShouldBeTampered(Evidence([entries[0], entries[1], forged, .. renumbered], checkpoint), sequence: 3, "MAC does not match");
    }

    [Fact]
    public void A_chain_recomputed_with_plain_sha256_is_caught()
    {
        var entries = Chain(4);
        var checkpoint = Checkpoint(entries);
        entries[1] = entries[1] with { Details = "cleared quietly" };
        // As the old verifier allowed: every hash recomputed from the edited entry on, with the public algorithm.
        ShouldBeTampered(Evidence(RecomputedPlain(entries, AuditScheme.LegacySha256), checkpoint), sequence: 1, "plain SHA-256 but keyed entries begin at 1");
        ShouldBeTampered(Evidence(RecomputedPlain(entries, AuditScheme.HmacSha256), checkpoint), sequence: 1, "MAC does not match");
    }

    [Fact]
    public void A_removed_tail_is_caught_by_the_checkpoint()
    {
        var entries = Chain(4);
        ShouldBeTampered(Evidence(entries[..2], Checkpoint(entries)), sequence: 3, "entries 3–4 were removed");
        ShouldBeTampered(Evidence([], Checkpoint(entries)), sequence: 1, "entries 1–4 were removed");
    }

    [Fact]
    public void Entries_after_the_checkpoint_are_accepted_when_their_chain_holds()
    {
        // A process that stops between its commit and the checkpoint leaves the checkpoint one entry behind.
        var entries = Chain(4);
        var verification = AuditChain.Verify(Evidence(entries, Checkpoint(entries[..3])));
        verification.Problem.ShouldBeNull();
        verification.CheckpointSequence.ShouldBe(3);
    }

    [Fact]
    public void A_checkpoint_edited_to_hide_a_cut_tail_is_caught()
    {
        var entries = Chain(4);
        var lowered = Checkpoint(entries) with { Sequence = 2, Head = entries[1].Hash };
        ShouldBeTampered(Evidence(entries[..2], lowered), sequence: null, "the checkpoint: its MAC does not match");
    }

    [Fact]
    public void A_missing_checkpoint_or_key_and_a_wrong_key_are_each_named()
    {
        var entries = Chain(2);
        ShouldBeTampered(Evidence(entries) with { Checkpoint = null, CheckpointProblem = "the checkpoint file x is missing" }, null, "checkpoint file x is missing");
        ShouldBeTampered(Evidence(entries) with { Key = null, KeyProblem = "no audit key: the key file x is missing" }, null, "key file x is missing");
        ShouldBeTampered(Evidence(entries) with { Key = OtherKey }, null, "wrong key");
    }

    [Fact]
    public void Legacy_entries_before_the_keyed_ones_are_checked_with_plain_sha256()
    {
        var entries = LegacyThenKeyed(legacy: 2, keyed: 2);
        var verification = AuditChain.Verify(Evidence(entries));
        verification.Problem.ShouldBeNull();
        verification.LegacyEntries.ShouldBe(2);

        entries[0] = entries[0] with { Details = "changed" };
        ShouldBeTampered(Evidence(entries), sequence: 1, "does not match its hash");
    }

    [Fact]
    public void Removing_every_keyed_entry_of_an_upgraded_log_is_caught()
    {
        var entries = LegacyThenKeyed(legacy: 2, keyed: 2);
        ShouldBeTampered(Evidence(entries[..2], Checkpoint(entries)), sequence: 3, "entries 3–4 were removed");
    }

    [Fact]
    public void A_document_changed_added_or_removed_behind_the_logs_back_is_reported()
    {
        var body = "{\"status\":\"escalated\"}";
        var entries = Chain(1);
        entries[0] = AuditChain.Keyed(Key, 1, 1, At, "analyst", "case.decide", "case-1", "escalated: shared phone",
            [new AuditedDocument("cases", "case-1", AuditChain.BodySha256(body))], AuditChain.Genesis);
        AuditChain.Verify(Evidence(entries, stored: Cases(("case-1", body)))).Problem.ShouldBeNull();

        ShouldBeTampered(Evidence(entries, stored: Cases(("case-1", "{\"status\":\"cleared\"}"))), sequence: 1, "changed behind the log's back");
        ShouldBeTampered(Evidence(entries, stored: Cases(("case-1", body), ("case-2", "{}"))), sequence: null, "added behind the log's back");
        ShouldBeTampered(Evidence(entries, stored: Cases()), sequence: 1, "removed behind the log's back");
    }

    private static void ShouldBeTampered(AuditEvidence evidence, long? sequence, string reason)
    {
        var problem = AuditChain.Verify(evidence).Problem.ShouldNotBeNull();
        problem.Sequence.ShouldBe(sequence);
        (problem.Where + ": " + problem.Reason).ShouldContain(reason);
    }

    private static List<AuditEntry> Chain(int count) => Extend([], count, keyedFrom: 1);

    private static List<AuditEntry> LegacyThenKeyed(int legacy, int keyed)
    {
        var entries = new List<AuditEntry>();
        for (var sequence = 1; sequence <= legacy; sequence++)
        {
            var previous = entries.Count == 0 ? AuditChain.Genesis : entries[^1].Hash;
            entries.Add(new AuditEntry(sequence, At, "analyst", "case.open", $"case-{sequence}", "legacy", previous,
                AuditChain.HashOf(sequence, At, "analyst", "case.open", $"case-{sequence}", "legacy", previous)));
        }
        return Extend(entries, keyed, keyedFrom: legacy + 1);
    }

    private static List<AuditEntry> Extend(List<AuditEntry> entries, int count, long keyedFrom)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = entries.Count + 1;
            entries.Add(AuditChain.Keyed(Key, sequence, keyedFrom, At.AddMinutes(sequence), "analyst", "case.decide", $"case-{sequence}",
                $"escalated: reason {sequence}", [], entries.Count == 0 ? AuditChain.Genesis : entries[^1].Hash));
        }
        return entries;
    }

    private static List<AuditEntry> RecomputedPlain(List<AuditEntry> entries, AuditScheme scheme)
    {
        var recomputed = new List<AuditEntry>();
        foreach (var e in entries)
        {
            var previous = recomputed.Count == 0 ? AuditChain.Genesis : recomputed[^1].Hash;
            recomputed.Add(e with { PreviousHash = previous, Scheme = scheme, Hash = AuditChain.HashOf(e.Sequence, e.At, e.Actor, e.Action, e.Subject, e.Details, previous) });
        }
        return recomputed;
    }

    private static AuditCheckpoint Checkpoint(IReadOnlyList<AuditEntry> entries) =>
        AuditCheckpoint.Create(Key, entries.FirstOrDefault(e => e.Scheme == AuditScheme.HmacSha256)?.KeyedFrom ?? 1, entries.Count,
            entries.Count == 0 ? AuditChain.Genesis : entries[^1].Hash, At);

    private static AuditEvidence Evidence(List<AuditEntry> entries, AuditCheckpoint? checkpoint = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? stored = null) =>
        new(entries, checkpoint ?? Checkpoint(entries), null, Key, null, stored ?? Cases());

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Cases(params (string Key, string Body)[] documents) =>
        new() { ["cases"] = documents.ToDictionary(d => d.Key, d => AuditChain.BodySha256(d.Body)) };

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
