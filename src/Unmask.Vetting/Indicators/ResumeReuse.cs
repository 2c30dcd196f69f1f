using System.Globalization;

namespace Unmask.Vetting.Indicators;

/// <summary>A passage of one résumé found in another: its length in words, a short excerpt and a stable hash for the graph node.</summary>
public sealed record ReusedPassage(int OtherIndex, int Words, string Excerpt, string Hash);

/// <summary>
/// RESUME_TEXT_REUSED detection ([ADV-2022] templates, [PSA-2025-01], [U42-2023]): 8-word shingles, boilerplate shingles
/// (in more than 2% of the batch's résumés, and at least <see cref="MinBoilerplateDocs"/>) ignored, candidates found through an
/// inverted index, then a sliding window of 33 shingles (= 40 consecutive words) in which ≥ 80% of the shingles also occur in
/// the other résumé.
/// </summary>
public static class ResumeReuse
{
    public const int ShingleWords = 8;
    public const int PassageWords = 40;
    public const double Containment = 0.8;

    /// <summary>A shingle in this many résumés or fewer is never boilerplate, however small the batch (2% of 50 would be 1).</summary>
    public const int MinBoilerplateDocs = 5;

    private const int Window = PassageWords - ShingleWords + 1;

    /// <summary>For each document index (null = no résumé), the passages it shares with documents of other identities.</summary>
    public static Dictionary<int, List<ReusedPassage>> Find(IReadOnlyList<string?> texts, IReadOnlyList<string> identityKeys)
    {
        var words = new string[texts.Count][];
        var shingles = new ulong[texts.Count][];
        var documentFrequency = new Dictionary<ulong, int>();
        var withText = 0;
        for (var d = 0; d < texts.Count; d++)
        {
            if (string.IsNullOrWhiteSpace(texts[d]))
            {
                continue;
            }
            withText++;
            words[d] = Normalisation.TextFold.Tokens(texts[d]);
            shingles[d] = Shingles(words[d]);
            foreach (var s in shingles[d].Distinct())
            {
                documentFrequency[s] = documentFrequency.GetValueOrDefault(s) + 1;
            }
        }
        var boilerplate = Math.Max(MinBoilerplateDocs, 0.02 * withText);
        var postings = new Dictionary<ulong, List<int>>();
        for (var d = 0; d < texts.Count; d++)
        {
            if (shingles[d] is null)
            {
                continue;
            }
            foreach (var s in shingles[d].Distinct())
            {
                var df = documentFrequency[s];
                if (df >= 2 && df <= boilerplate)
                {
                    if (!postings.TryGetValue(s, out var list))
                    {
                        postings[s] = list = [];
                    }
                    list.Add(d);
                }
            }
        }
        var result = new Dictionary<int, List<ReusedPassage>>();
        var minShared = (int)Math.Ceiling(Window * Containment);
        for (var d = 0; d < texts.Count; d++)
        {
            if (shingles[d] is null || shingles[d].Length < Window)
            {
                continue;
            }
            var sharedCounts = new Dictionary<int, int>();
            foreach (var s in shingles[d].Distinct())
            {
                if (!postings.TryGetValue(s, out var docs))
                {
                    continue;
                }
                foreach (var other in docs)
                {
                    if (other != d && identityKeys[other] != identityKeys[d])
                    {
                        sharedCounts[other] = sharedCounts.GetValueOrDefault(other) + 1;
                    }
                }
            }
            foreach (var (other, count) in sharedCounts)
            {
                if (count < minShared)
                {
                    continue;
                }
                var otherSet = shingles[other].ToHashSet();
                if (BestPassage(shingles[d], otherSet, postings) is { } run)
                {
                    var passageWords = run.Length + ShingleWords - 1;
                    var excerpt = string.Join(' ', words[d].Skip(run.Start).Take(Math.Min(passageWords, 14))) + (passageWords > 14 ? " …" : "");
                    var hash = shingles[d].Skip(run.Start).Take(run.Length).Where(otherSet.Contains).Min();
                    if (!result.TryGetValue(d, out var list))
                    {
                        result[d] = list = [];
                    }
                    list.Add(new ReusedPassage(other, passageWords, excerpt, hash.ToString("x16", CultureInfo.InvariantCulture)));
                }
            }
        }
        return result;
    }

    /// <summary>The longest stretch covered by windows of <see cref="Window"/> shingles with ≥ 80% shared (non-boilerplate) shingles.</summary>
    private static (int Start, int Length)? BestPassage(ulong[] mine, HashSet<ulong> other, Dictionary<ulong, List<int>> postings)
    {
        var marked = new bool[mine.Length];
        for (var i = 0; i < mine.Length; i++)
        {
            marked[i] = other.Contains(mine[i]) && postings.ContainsKey(mine[i]);
        }
        var need = (int)Math.Ceiling(Window * Containment);
        var inWindow = 0;
        (int Start, int Length)? best = null;
        int? runStart = null;
        var runEnd = -1;
        for (var i = 0; i < mine.Length; i++)
        {
            inWindow += marked[i] ? 1 : 0;
            if (i >= Window)
            {
                inWindow -= marked[i - Window] ? 1 : 0;
            }
            if (i >= Window - 1 && inWindow >= need)
            {
                var start = i - Window + 1;
                if (runStart is null || start > runEnd)
                {
                    runStart = start;
                }
                runEnd = i;
                var length = runEnd - runStart.Value + 1;
                if (best is null || length > best.Value.Length)
                {
                    best = (runStart.Value, length);
                }
            }
        }
        return best;
    }

    /// <summary>FNV-1a over each run of 8 words.</summary>
    public static ulong[] Shingles(string[] words)
    {
        if (words.Length < ShingleWords)
        {
            return [];
        }
        var wordHashes = words.Select(Fnv).ToArray();
        var result = new ulong[words.Length - ShingleWords + 1];
        for (var i = 0; i < result.Length; i++)
        {
            var h = 14695981039346656037UL;
            for (var k = 0; k < ShingleWords; k++)
            {
                h = (h ^ wordHashes[i + k]) * 1099511628211UL;
            }
            result[i] = h;
        }
        return result;
    }

    private static ulong Fnv(string word)
    {
        var h = 14695981039346656037UL;
        foreach (var c in word)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }
}
