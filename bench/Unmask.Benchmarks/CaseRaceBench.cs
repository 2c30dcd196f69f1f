using System.Diagnostics;
using System.Globalization;
using System.Text;
using Unmask.Storage;
using Unmask.Storage.Postgres;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;

namespace Unmask.Benchmarks;

/// <summary>Two analysts deciding one case at the same moment, as two <c>unmask case decide</c> processes started together,
/// both on the version they saw (1). Each trial must give exactly one winner and one conflict (exit 1, naming the winner),
/// and at the end the audit log must hold every decision and every refused attempt, its chain intact.</summary>
public static class CaseRaceBench
{
    private const string ConflictMessage = "changed while you decided";

    /// <param name="location">A SQLite file or a PostgreSQL URL (the CLI must take it as <c>--db</c>); default a fresh
    /// SQLite file in a temporary folder.</param>
    public static async Task<string> RunAsync(int trials, string? location)
    {
        using var folder = new TempFolder();
        var dataHome = Path.Combine(folder.Path, "xdg");
        var db = location ?? Path.Combine(folder.Path, "race.db");
        await using var store = await OpenAsync(db, Path.Combine(dataHome, "unmask"));
        var before = await CountAsync(store);

        var failures = new List<string>();
        var overlapping = 0;
        var alice = 0;
        var trialTimes = new List<double>();
        for (var trial = 1; trial <= trials; trial++)
        {
            var opened = await store.Cases.OpenAsync(new NewCase($"vendor:V-{trial}", "bench", TimeProvider.System.GetUtcNow(), [$"vendor:V-{trial}"], []));
            var watch = Stopwatch.StartNew();
            var runs = await Task.WhenAll(
                RunAsync(folder.Path, dataHome, "case", "decide", opened.Id, "--decision", "escalated", "--reason", $"trial {trial}", "--by", "alice", "--expect-version", "1", "--db", db),
                RunAsync(folder.Path, dataHome, "case", "decide", opened.Id, "--decision", "cleared", "--reason", $"trial {trial}", "--by", "bob", "--expect-version", "1", "--db", db));
            trialTimes.Add(watch.Elapsed.TotalMilliseconds);
            var (a, b) = (runs[0], runs[1]);
            if (a.Started < b.Ended && b.Started < a.Ended)
            {
                overlapping++;
            }
            var won = runs.Where(r => r.ExitCode == 0).ToList();
            var refused = runs.Where(r => r.ExitCode == 1 && r.Stderr.Contains(ConflictMessage, StringComparison.Ordinal)).ToList();
            if (won.Count != 1 || refused.Count != 1)
            {
                failures.Add($"trial {trial}: exit codes {a.ExitCode} and {b.ExitCode}: {a.Stderr.Trim()} | {b.Stderr.Trim()}");
                continue;
            }
            var winner = won[0] == a ? "alice" : "bob";
            alice += winner == "alice" ? 1 : 0;
            if (!refused[0].Stderr.Contains($"by {winner}", StringComparison.Ordinal))
            {
                failures.Add($"trial {trial}: the conflict does not name {winner}: {refused[0].Stderr.Trim()}");
            }
            var stored = await store.Cases.GetAsync(opened.Id);
            if (stored is not { Version: 2, Decisions: [{ By: var by }] } || by != winner)
            {
                failures.Add($"trial {trial}: the case is at version {stored?.Version} with {stored?.Decisions.Count} decisions, expected 2 and one by {winner}");
            }
        }

        var after = await CountAsync(store);
        var decided = after.Decided - before.Decided;
        var conflicts = after.Conflicts - before.Conflicts;
        var verification = await store.Audit.VerifyAsync();
        trialTimes.Sort();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"case-race on {store.Description}: {trials} trials, two 'unmask case decide' processes per trial on version 1");
        report.AppendLine(CultureInfo.InvariantCulture, $"  exactly one winner and one conflict naming it: {trials - failures.Count}/{trials} (alice won {alice}, bob {trials - failures.Count - alice})");
        report.AppendLine(CultureInfo.InvariantCulture, $"  both processes running at the same time: {overlapping}/{trials} trials");
        report.AppendLine(CultureInfo.InvariantCulture, $"  audit log: {decided} case.decide and {conflicts} case.decide.conflict entries added (expected {trials} each); verify: {(verification.Intact ? "intact" : $"TAMPERED {verification.Problem}")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  trial wall (both processes): median {trialTimes[trialTimes.Count / 2]:F0} ms, p95 {trialTimes[(int)(trialTimes.Count * 0.95)]:F0} ms");
        foreach (var failure in failures.Take(10))
        {
            report.AppendLine("  FAILED " + failure);
        }
        report.Append(failures.Count == 0 && decided == trials && conflicts == trials && verification.Intact ? "PASS" : "FAIL");
        return report.ToString();
    }

    private static async Task<IUnmaskStore> OpenAsync(string db, string auditFolder) =>
        PostgresLocation.IsPostgres(db)
            ? await PostgresStore.OpenAsync(db, TimeProvider.System, new PostgresOptions(AuditFolder: auditFolder))
            : SqliteStore.Open(db, TimeProvider.System);

    private static async Task<(int Decided, int Conflicts)> CountAsync(IUnmaskStore store)
    {
        var (decided, conflicts) = (0, 0);
        await foreach (var entry in store.Audit.ReadAsync())
        {
            decided += entry.Action == "case.decide" ? 1 : 0;
            conflicts += entry.Action == "case.decide.conflict" ? 1 : 0;
        }
        return (decided, conflicts);
    }

    private sealed record Run(int ExitCode, string Stderr, long Started, long Ended);

    private static async Task<Run> RunAsync(string workingDirectory, string dataHome, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "unmask.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("UNMASK_DB");
        info.Environment.Remove("UNMASK_AUDIT_KEY");
        info.Environment["XDG_DATA_HOME"] = dataHome;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        return new Run(process.ExitCode, await stderr, started, Stopwatch.GetTimestamp());
    }
}
