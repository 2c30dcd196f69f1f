using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Storage.Tests;

/// <summary>What every store backend must do with cases: versions, decisions refused on a replaced version (and audited),
/// and the audit log agreeing with the cases. A backend's test class inherits this and supplies a fresh store, and a
/// second store on the same database, as a second process would open it.</summary>
public abstract class CaseStoreContract
{
    protected static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    protected abstract Task<IUnmaskStore> NewStoreAsync();

    /// <summary>Another store (its own connections) on the database of <paramref name="store"/>.</summary>
    protected abstract Task<IUnmaskStore> OpenAgainAsync(IUnmaskStore store);

    [Fact]
    public async Task Cases_are_numbered_and_opened_at_version_1_with_their_members_findings_and_audit_entry()
    {
        await using var store = await NewStoreAsync();
        var first = await store.Cases.OpenAsync(Opening("cluster-1", "vendor:V-2", "applicant:A-3"));
        var second = await store.Cases.OpenAsync(Opening("vendor:V-4", "vendor:V-4"));

        first.Id.ShouldBe("case-1");
        second.Id.ShouldBe("case-2");
        first.Version.ShouldBe(1);
        first.Status.ShouldBe("open");
        var read = (await store.Cases.GetAsync("case-1")).ShouldNotBeNull();
        read.Members.ShouldBe(["vendor:V-2", "applicant:A-3"]);
        read.Findings.ShouldBe(["vendor:V-2: PHONE_SHARED: +13025550187 also on applicant A-3"]);
        read.OpenedAt.ShouldBe(At.AddTicks(1234560)); // kept to the microsecond on every backend
        CaseDocument.Canonical(read).ShouldBe(CaseDocument.Canonical(first));
        (await store.Cases.ListAsync()).Select(c => c.Id).ShouldBe(["case-1", "case-2"]);
        (await store.Cases.GetAsync("case-3")).ShouldBeNull();

        var entries = await ReadAuditAsync(store);
        entries.Select(e => (e.Action, e.Subject)).ShouldBe([("case.open", "case-1"), ("case.open", "case-2")]);
        entries[0].Documents.ShouldBe([new AuditedDocument("cases", "case-1", CaseDocument.Sha256(first))]);
        (await store.Audit.VerifyAsync()).Problem.ShouldBeNull();
    }

    [Fact]
    public async Task A_decision_on_the_current_version_moves_the_case_to_the_next_one()
    {
        await using var store = await NewStoreAsync();
        await store.Cases.OpenAsync(Opening("vendor:V-2", "vendor:V-2"));

        var escalated = await store.Cases.DecideAsync("case-1", 1, Decision("escalated", "alice"));
        var reported = await store.Cases.DecideAsync("case-1", 2, Decision("reported", "bob"));

        escalated.Version.ShouldBe(2);
        reported.Version.ShouldBe(3);
        var read = (await store.Cases.GetAsync("case-1")).ShouldNotBeNull();
        read.Status.ShouldBe("reported");
        read.Version.ShouldBe(3);
        read.Decisions.Select(d => (d.Decision, d.By)).ShouldBe([("escalated", "alice"), ("reported", "bob")]);
        CaseDocument.Canonical(read).ShouldBe(CaseDocument.Canonical(reported));
        (await ReadAuditAsync(store)).Select(e => e.Action).ShouldBe(["case.open", "case.decide", "case.decide"]);
        var verification = await store.Audit.VerifyAsync();
        verification.Problem.ShouldBeNull();
        verification.AuditedDocuments.ShouldBe(1);
    }

    [Fact]
    public async Task A_decision_on_a_replaced_version_is_refused_naming_the_winner_and_both_attempts_are_audited()
    {
        await using var store = await NewStoreAsync();
        await store.Cases.OpenAsync(Opening("vendor:V-2", "vendor:V-2"));
        await store.Cases.DecideAsync("case-1", 1, Decision("escalated", "alice"));

        var conflict = await Should.ThrowAsync<CaseConflictException>(() => store.Cases.DecideAsync("case-1", 1, Decision("cleared", "bob")));

        conflict.AttemptedVersion.ShouldBe(1);
        conflict.CurrentVersion.ShouldBe(2);
        conflict.Winner.ShouldNotBeNull().By.ShouldBe("alice");
        conflict.Message.ShouldContain("'escalated' by alice");
        var read = (await store.Cases.GetAsync("case-1")).ShouldNotBeNull();
        (read.Status, read.Version, read.Decisions.Count).ShouldBe(("escalated", 2, 1));
        var entries = await ReadAuditAsync(store);
        entries.Select(e => (e.Action, e.Actor)).ShouldBe([("case.open", "analyst"), ("case.decide", "alice"), ("case.decide.conflict", "bob")]);
        entries[^1].Details.ShouldContain("cleared: bob's reason");
        entries[^1].Documents.ShouldBeEmpty();
        (await store.Audit.VerifyAsync()).Problem.ShouldBeNull();
    }

    [Fact]
    public async Task A_decision_on_a_version_the_case_never_had_is_a_conflict_and_an_unknown_case_is_bad_input()
    {
        await using var store = await NewStoreAsync();
        await store.Cases.OpenAsync(Opening("vendor:V-2", "vendor:V-2"));

        (await Should.ThrowAsync<CaseConflictException>(() => store.Cases.DecideAsync("case-1", 5, Decision("cleared", "bob")))).Winner.ShouldBeNull();
        (await Should.ThrowAsync<InputException>(() => store.Cases.DecideAsync("case-9", 1, Decision("cleared", "bob")))).Reason.ShouldContain("no case 'case-9'");

        (await store.Cases.GetAsync("case-1")).ShouldNotBeNull().Version.ShouldBe(1);
        (await ReadAuditAsync(store)).Select(e => e.Action).ShouldBe(["case.open", "case.decide.conflict"]);
    }

    [Fact]
    public async Task Two_stores_deciding_one_case_at_the_same_moment_give_one_winner_each_time_and_lose_nothing_from_the_log()
    {
        const int trials = 20;
        await using var one = await NewStoreAsync();
        await using var two = await OpenAgainAsync(one);
        for (var trial = 1; trial <= trials; trial++)
        {
            var id = (await one.Cases.OpenAsync(Opening($"vendor:V-{trial}", $"vendor:V-{trial}"))).Id;
            using var barrier = new Barrier(2);
            async Task<string> DecideAsync(IUnmaskStore store, string decision, string by)
            {
                await Task.Yield();
                barrier.SignalAndWait(TestContext.Current.CancellationToken);
                try
                {
                    await store.Cases.DecideAsync(id, 1, Decision(decision, by));
                    return "won";
                }
                catch (CaseConflictException conflict) when (conflict.CurrentVersion == 2)
                {
                    return "conflict";
                }
            }
            var outcomes = await Task.WhenAll(
                Task.Run(() => DecideAsync(one, "escalated", "alice"), TestContext.Current.CancellationToken),
                Task.Run(() => DecideAsync(two, "cleared", "bob"), TestContext.Current.CancellationToken));

            outcomes.Order().ToArray().ShouldBe(["conflict", "won"], $"trial {trial}");
            var decided = (await two.Cases.GetAsync(id)).ShouldNotBeNull();
            decided.Version.ShouldBe(2);
            decided.Decisions.ShouldHaveSingleItem().By.ShouldBe(outcomes[0] == "won" ? "alice" : "bob");
        }
        var entries = await ReadAuditAsync(one);
        entries.Count(e => e.Action == "case.decide").ShouldBe(trials);
        entries.Count(e => e.Action == "case.decide.conflict").ShouldBe(trials);
        entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 3 * trials).Select(i => (long)i));
        (await two.Audit.VerifyAsync()).Problem.ShouldBeNull();
    }

    protected static NewCase Opening(string subject, params string[] members) =>
        new(subject, "analyst", At.AddTicks(1234567), members, [.. members.Take(1).Select(m => $"{m}: PHONE_SHARED: +13025550187 also on applicant A-3")]);

    protected static CaseDecisionRow Decision(string decision, string by) => new(decision, $"{by}'s reason", by, At.AddMinutes(5));

    protected static async Task<List<AuditEntry>> ReadAuditAsync(IUnmaskStore store)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in store.Audit.ReadAsync())
        {
            entries.Add(entry);
        }
        return entries;
    }
}
