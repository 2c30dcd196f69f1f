using Unmask.TestKit;

namespace Unmask.Fuzzing;

/// <summary>The seed inputs of each target: small valid files we wrote (fictional entries), kept in bench/fuzz/corpus/TARGET/.
/// Generated inputs are mutations of these. The list-detection target starts from the seeds of every list reader.</summary>
public static class SeedCorpus
{
    public static string Root => RepoPaths.Path("bench", "fuzz", "corpus");

    public static IReadOnlyList<byte[]> For(FuzzTarget target) => For(target.Name);

    public static IReadOnlyList<byte[]> For(string targetName)
    {
        if (targetName == FuzzTargets.ListDetection)
        {
            return [.. Enum.GetValues<Unmask.Watchlists.ListFormat>().SelectMany(f => For(FuzzTargets.NameOf(f)))];
        }
        var folder = Path.Combine(Root, targetName);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)]
            : [];
    }
}
