using System.Text;
using Unmask.Fuzzing.Crashes;
using Unmask.TestKit;

namespace Unmask.Benchmarks;

/// <summary>N SIGKILL trials per operation (list import, vetting run, case decision) on the built CLI.</summary>
public static class CrashTrialsBench
{
    public static async Task<string> RunAsync(int trialsPerOperation, int seed)
    {
        using var folder = new TempFolder();
        var trials = new CrashTrials(Path.Combine(AppContext.BaseDirectory, "unmask.dll"), folder.Path, new Random(seed));
        var report = new StringBuilder();
        report.AppendLine(await trials.ImportAsync(trialsPerOperation) + "");
        report.AppendLine(await trials.VettingAsync(trialsPerOperation) + "");
        report.Append(await trials.CaseDecisionAsync(trialsPerOperation) + "");
        return report.ToString();
    }
}
