using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Unmask.Fuzzing;

namespace Unmask.Benchmarks;

/// <summary>
/// Long fuzz runs: N generated inputs per reader (seeds from bench/fuzz/corpus mutated, and random bytes), each read on its
/// own thread with a time bound. Counts what the reader contract allows (read, refused with InputException) and what it does
/// not (crashes: any other exception; hangs: over the bound). Distinct crashes are saved under the system temporary folder
/// for triage; small ones that we can keep become fixtures under tests/fixtures/fuzz/.
/// </summary>
public static class FuzzBench
{
    public static string Run(string targetName, int inputsPerTarget, TimeSpan timeBound)
    {
        var targets = targetName == "all" ? FuzzTargets.All : [FuzzTargets.Named(targetName)];
        var crashFolder = Path.Combine(Path.GetTempPath(), "unmask-fuzz-crashes");
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{"reader",-24}{"inputs",9}{"read",9}{"refused",9}{"crashes",9}{"hangs",7}{"s",8}  distinct crashes");
        Console.WriteLine(report.ToString().TrimEnd());
        foreach (var target in targets)
        {
            var line = RunTarget(target, inputsPerTarget, timeBound, crashFolder);
            Console.WriteLine(line); // as each reader finishes: a long run shows its progress
        }
        report.Clear().Append(CultureInfo.InvariantCulture, $"time bound {timeBound.TotalSeconds:F0} s per input; crash inputs saved under {crashFolder}");
        return report.ToString();
    }

    private static string RunTarget(FuzzTarget target, int count, TimeSpan timeBound, string crashFolder)
    {
        var counts = new Dictionary<FuzzOutcome, int>();
        var signatures = new Dictionary<string, int>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        using var runner = new FuzzRunner(timeBound);
        Mutations.For(SeedCorpus.For(target)).Sample(input =>
        {
            var result = runner.Run(target, input);
            counts[result.Outcome] = counts.GetValueOrDefault(result.Outcome) + 1;
            if (!result.IsAcceptable)
            {
                var signature = result.Signature;
                if (signatures.TryAdd(signature, 1))
                {
                    Save(crashFolder, target, input, signature, result);
                }
                else
                {
                    signatures[signature]++;
                }
            }
        }, iter: count, threads: 1);
        var distinct = string.Join("; ", signatures.OrderByDescending(s => s.Value).Select(s => $"{s.Key} x{s.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{target.Name,-24}{count,9}{counts.GetValueOrDefault(FuzzOutcome.Read),9}{counts.GetValueOrDefault(FuzzOutcome.Refused),9}" +
            $"{counts.GetValueOrDefault(FuzzOutcome.Crashed),9}{counts.GetValueOrDefault(FuzzOutcome.Hung),7}{watch.Elapsed.TotalSeconds,8:F0}  {distinct}");
    }

    private static void Save(string crashFolder, FuzzTarget target, byte[] input, string signature, FuzzResult result)
    {
        var folder = Path.Combine(crashFolder, target.Name);
        Directory.CreateDirectory(folder);
        var name = Convert.ToHexStringLower(SHA256.HashData(input))[..16];
        File.WriteAllBytes(Path.Combine(folder, name + Path.GetExtension(target.FileName)), input);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), $"{signature}\n{result}\n{result.Error}\n");
    }
}
