using System.Reflection;

namespace Unmask.WebsiteAnalysis.Domains;

/// <summary>English words of 4-15 letters (Debian's wamerican, SCOWL size 50; vendored as Domains/Data/words.txt with its
/// licence). A domain whose name is a plain word (<c>blank.com</c>) is usually someone's real name for something, so one
/// letter away from a firm's name is not evidence by itself.</summary>
public static class EnglishWords
{
    private static readonly HashSet<string> Words = LoadEmbedded();

    /// <summary>True when the lower-case text is a listed English word.</summary>
    public static bool Contains(string word) => Words.Contains(word);

    /// <summary>The listed words, in no particular order (for benchmarks).</summary>
    public static IReadOnlyCollection<string> All => Words;

    private static HashSet<string> LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Unmask.WebsiteAnalysis.words.txt")
            ?? throw new InvalidOperationException("embedded words.txt missing");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line);
            }
        }
        return words;
    }
}
