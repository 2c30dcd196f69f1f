using Unmask.Fuzzing.Crashes;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>A few SIGKILL trials per operation (the 50-per-operation run is <c>bench crash-trials</c>): the store is sound and
/// wholly in its state before or after the operation, the audit chain verifies and the program still works on it.</summary>
public sealed class CrashAtomicityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private CrashTrials Trials(int seed) => new(CliProcess.Dll, _folder.Path, new Random(seed));

    [Fact]
    public async Task A_list_import_killed_at_random_moments_leaves_the_old_or_the_new_dataset()
    {
        var summary = await Trials(1).ImportAsync(2, oldEntities: 500, newEntities: 4_000);
        summary.Failures.ShouldBeEmpty();
        (summary.OldState + summary.NewState).ShouldBe(2);
    }

    [Fact]
    public async Task A_vetting_run_killed_at_a_random_moment_leaves_the_earlier_or_the_later_results()
    {
        var summary = await Trials(2).VettingAsync(1, newRecords: 300);
        summary.Failures.ShouldBeEmpty();
        (summary.OldState + summary.NewState).ShouldBe(1);
    }

    [Fact]
    public async Task A_case_decision_killed_at_a_random_moment_is_recorded_with_its_audit_entry_or_not_at_all()
    {
        var summary = await Trials(3).CaseDecisionAsync(1);
        summary.Failures.ShouldBeEmpty();
        (summary.OldState + summary.NewState).ShouldBe(1);
    }

    public void Dispose() => _folder.Dispose();
}
