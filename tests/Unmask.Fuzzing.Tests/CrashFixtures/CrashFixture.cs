using Unmask.TestKit;

namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Inputs that fuzzing found to crash or hang a reader, kept under tests/fixtures/fuzz/READER/: each must now be read
/// or refused with InputException within the time bound.</summary>
public static class CrashFixture
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);

    public static void EachIsReadOrRefused(string targetName)
    {
        var folder = RepoPaths.Fixture("fuzz", targetName);
        var files = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).ToList();
        files.ShouldNotBeEmpty();
        var target = FuzzTargets.Named(targetName);
        using var runner = new FuzzRunner(TimeBound);
        var failures = files
            .Select(file => (File: Path.GetFileName(file), Result: runner.Run(target, File.ReadAllBytes(file))))
            .Where(r => !r.Result.IsAcceptable)
            .Select(r => $"{r.File}: {r.Result.Signature}")
            .ToList();
        failures.ShouldBeEmpty();
    }
}
