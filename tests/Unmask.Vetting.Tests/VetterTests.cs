namespace Unmask.Vetting.Tests;

public sealed class VetterTests
{
    [Fact]
    public void Each_stage_is_told_once_as_it_ends_in_run_order()
    {
        var stages = new List<string>();

        Vetter.Run([Some.Applicant("A-1", "Jane Doe")], null, Some.Context().Build(), stageDone: stages.Add);

        stages.ShouldBe(["screening and site checks", "per-record indicators", "shared-value groups", "résumé reuse", "photo reuse",
            "sign-ins (read and aggregate)", "scoring"]);
    }
}
