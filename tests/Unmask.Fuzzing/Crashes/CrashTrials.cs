using System.Diagnostics;
using System.Globalization;
using System.Text;
using Unmask.TestKit;

namespace Unmask.Fuzzing.Crashes;

/// <summary>How the trials of one operation ended: killed before it finished or not, and which state each store was left in.</summary>
public sealed record CrashTrialSummary(string Operation, int Trials, int Killed, int OldState, int NewState, IReadOnlyList<string> Failures)
{
    public override string ToString() =>
        FormattableString.Invariant($"{Operation,-14}{Trials,5} trials{Killed,5} killed mid-run{OldState,5} left old{NewState,5} left new{Failures.Count,5} inconsistent")
        + (Failures.Count == 0 ? "" : "\n    " + string.Join("\n    ", Failures.Take(5)));
}

/// <summary>
/// SIGKILL trials: runs the real <c>unmask</c> program on a copy of a prepared store, kills it at a random moment
/// (seeded) while it writes, then checks that SQLite finds the file sound, that the store holds wholly the state before or
/// wholly the state after the operation (datasets by count and hash, vetting documents, case status with its audit entry),
/// that the audit chain verifies and that the program still works on it.
/// </summary>
public sealed class CrashTrials(string cliDll, string workFolder, Random random)
{
    private const string TrialDataset = "crash_trial";

    /// <summary>A <c>lists import</c> of a new version of a dataset over an old one, with an unrelated dataset beside it.</summary>
    public Task<CrashTrialSummary> ImportAsync(int trials, int oldEntities = 4_000, int newEntities = 12_000)
    {
        var folder = Folder("import");
        var oldList = TrialLists.WriteFtm(Path.Combine(folder, "old.ftm.json"), "Old", oldEntities);
        var newList = TrialLists.WriteFtm(Path.Combine(folder, "new.ftm.json"), "New", newEntities);
        return RunAsync("lists import", trials, folder,
            [["lists", "import", RepoPaths.Fixture("lists", "un", "consolidated_fictional.xml")], ["lists", "import", oldList, "--source", TrialDataset]],
            ["lists", "import", newList, "--source", TrialDataset],
            ["lists", "show", "--format", "json"]);
    }

    /// <summary>A <c>vet</c> run that stores its results and graph records over those of an earlier run.</summary>
    public Task<CrashTrialSummary> VettingAsync(int trials, int newRecords = 1_500)
    {
        var folder = Folder("vet");
        CopyFolder(RepoPaths.Sample("resumes"), Path.Combine(folder, "resumes"));
        var earlier = WriteVettingFile(Path.Combine(folder, "earlier.csv"), "E", 20);
        var later = WriteVettingFile(Path.Combine(folder, "later.csv"), "L", newRecords);
        return RunAsync("vet", trials, folder, [["vet", earlier, "--output", Path.Combine(folder, "earlier.json")]],
            ["vet", later, "--output", Path.Combine(folder, "later-out.json")],
            ["lists", "show", "--format", "json"]);
    }

    /// <summary>A <c>case decide</c> on a case opened on the demo's planted network.</summary>
    public Task<CrashTrialSummary> CaseDecisionAsync(int trials)
    {
        var folder = Folder("case");
        return RunAsync("case decide", trials, folder,
            [["demo"], ["graph", "build"], ["case", "open", "vendor:V-2", "--by", "analyst-1"]],
            ["case", "decide", "case-1", "--decision", "escalated", "--reason", "crash trial", "--by", "analyst-1"],
            ["case", "show", "case-1", "--format", "json"]);
    }

    private async Task<CrashTrialSummary> RunAsync(string operation, int trials, string folder, string[][] prepare, string[] act, string[] stillWorks)
    {
        var template = Path.Combine(folder, "template.db");
        foreach (var step in prepare)
        {
            await RequireSuccessAsync(folder, template, step);
        }
        var oldState = await StoreState.ReadAsync(template);
        var reference = Path.Combine(folder, "reference.db");
        CopyStore(template, reference);
        var watch = Stopwatch.StartNew();
        await RequireSuccessAsync(folder, reference, act);
        var duration = watch.Elapsed;
        var newState = await StoreState.ReadAsync(reference);
        if (oldState.SequenceEqual(newState))
        {
            throw new InvalidOperationException($"{operation}: the operation changes nothing, so the trials could not tell old from new");
        }

        var (killed, old, @new) = (0, 0, 0);
        var failures = new List<string>();
        for (var trial = 0; trial < trials; trial++)
        {
            var db = Path.Combine(folder, "trial.db");
            DeleteStore(db);
            CopyStore(template, db);
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * duration.TotalMilliseconds * 1.5);
            using (var process = Process.Start(StartInfo(folder, db, act))!)
            {
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                if (!process.WaitForExit(delay))
                {
                    process.Kill(entireProcessTree: true); // SIGKILL on Linux: no finally blocks, no disposal, no flush
                    killed++;
                }
                await process.WaitForExitAsync();
            }
            var failure = await CheckAsync(folder, db, oldState, newState, stillWorks);
            if (failure is null)
            {
                continue;
            }
            if (failure == "old")
            {
                old++;
            }
            else if (failure == "new")
            {
                @new++;
            }
            else
            {
                failures.Add($"trial {trial} (killed after {delay.TotalMilliseconds:F0} ms): {failure}");
                CopyStore(db, Path.Combine(folder, $"failed-{trial}.db"));
            }
        }
        return new CrashTrialSummary(operation, trials, killed, old, @new, failures);
    }

    /// <summary>"old" or "new" when the store is sound and wholly in one of the two states, else what is wrong.</summary>
    private async Task<string> CheckAsync(string folder, string db, IReadOnlyList<string> oldState, IReadOnlyList<string> newState, string[] stillWorks)
    {
        var integrity = StoreState.IntegrityCheck(db);
        if (integrity != "ok")
        {
            return $"integrity_check: {integrity}";
        }
        var state = await StoreState.ReadAsync(db);
        var which = state.SequenceEqual(oldState) ? "old" : state.SequenceEqual(newState) ? "new" : null;
        if (which is null)
        {
            var differences = state.Except(oldState).Concat(oldState.Except(state).Select(l => "missing " + l)).Take(4);
            return "neither old nor new state: " + string.Join(" | ", differences.Select(d => d.Length > 160 ? d[..160] + "…" : d));
        }
        foreach (var check in new[] { stillWorks, ["audit", "verify"] })
        {
            var (exit, output) = await RunAsync(folder, db, check);
            if (exit != 0)
            {
                return $"'{string.Join(' ', check)}' exits {exit}: {output.Trim()}";
            }
        }
        return which;
    }

    private async Task RequireSuccessAsync(string folder, string db, string[] args)
    {
        var (exit, stderr) = await RunAsync(folder, db, args);
        if (exit is not (0 or 1))
        {
            throw new InvalidOperationException($"'unmask {string.Join(' ', args)}' exited {exit}: {stderr}");
        }
    }

    /// <returns>The exit code and what the program said (stderr, then stdout: <c>audit verify</c> reports on stdout).</returns>
    private async Task<(int Exit, string Output)> RunAsync(string folder, string db, string[] args)
    {
        using var process = Process.Start(StartInfo(folder, db, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stderr).Trim() + " " + (await stdout).Trim());
    }

    private ProcessStartInfo StartInfo(string folder, string db, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        info.ArgumentList.Add(cliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add("--db");
        info.ArgumentList.Add(db);
        info.Environment.Remove("UNMASK_DB");
        info.Environment["XDG_DATA_HOME"] = Path.Combine(folder, "xdg");
        return info;
    }

    private string Folder(string name)
    {
        var folder = Path.Combine(workFolder, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    // The audit key and checkpoint live beside the database (docs/audit.md): a copy of the store without them is a store
    // whose log can no longer be verified.
    private static readonly string[] StoreFileSuffixes = ["", "-wal", "-shm", "-journal", ".audit-key", ".audit-checkpoint"];

    private static void CopyStore(string from, string to)
    {
        foreach (var suffix in StoreFileSuffixes.Where(s => File.Exists(from + s)))
        {
            File.Copy(from + suffix, to + suffix, overwrite: true);
        }
    }

    private static void DeleteStore(string path)
    {
        foreach (var suffix in StoreFileSuffixes)
        {
            File.Delete(path + suffix);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>The sample vetting file's rows again and again under new ids (<paramref name="prefix"/>-1, -2...).</summary>
    private static string WriteVettingFile(string path, string prefix, int count)
    {
        var lines = File.ReadAllLines(RepoPaths.Sample("vetting.csv"));
        var rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
        var output = new StringBuilder().AppendLine(lines[0]);
        for (var i = 0; i < count; i++)
        {
            var row = rows[i % rows.Length];
            output.Append(prefix).Append('-').Append(i + 1).AppendLine(row[row.IndexOf(',', StringComparison.Ordinal)..]);
        }
        File.WriteAllText(path, output.ToString());
        return path;
    }
}
