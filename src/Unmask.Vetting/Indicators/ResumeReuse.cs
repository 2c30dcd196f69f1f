using System.Globalization;
using System.Runtime.InteropServices;

namespace Unmask.Vetting.Indicators;

/// <summary>A passage of one résumé found in another: its length in words, a short excerpt and a stable hash for the graph node.</summary>
public sealed record ReusedPassage(int OtherIndex, int Words, string Excerpt, string Hash);

/// <summary>
/// RESUME_TEXT_REUSED detection ([ADV-2022] templates, [PSA-2025-01], [U42-2023]): 8-word shingles (64-bit hashes), boilerplate
/// shingles (in more than 2% of the batch's résumés, and at least <see cref="MinBoilerplateDocs"/>) ignored, then a sliding
/// window of 33 shingles (= 40 consecutive words) in which ≥ 80% of the shingles also occur in the other résumé.
/// </summary>
/// <remarks>
/// Candidate pairs come from "anchors": runs of <see cref="AnchorRun"/> consecutive non-boilerplate shingles (11 words) hashed
/// into one value, indexed in a single dictionary anchor → résumés. A qualifying window has at most 6 of its 33 shingles
/// missing, so at most 7 runs of shared shingles covering ≥ 27 shingles, hence at least 27 − 7·3 = 6 shared anchors: pairs
/// with fewer shared anchors cannot qualify and are never verified. Counting pairs per anchor instead of per 8-word shingle
/// matters because common phrases ("… using Python at …") are in hundreds of résumés without being boilerplate; at 11 words
/// they are rarer. Pairs are counted per document in a per-thread array (cost Σ df² over anchors, no hashing of pairs), and
/// verification is exact (the window test on the 8-word shingles, marked by merging hash-sorted lists). The only pairs the
/// anchors can miss are ones whose shared shingles are adjacent in one résumé but not in the other (text re-ordered at the
/// level of single words); ResumeReuseTests checks the result against an all-pairs implementation.
/// </remarks>
public static class ResumeReuse
{
    public const int ShingleWords = 8;
    public const int PassageWords = 40;
    public const double Containment = 0.8;

    /// <summary>A shingle in this many résumés or fewer is never boilerplate, however small the batch (2% of 50 would be 1).</summary>
    public const int MinBoilerplateDocs = 5;

    /// <summary>Consecutive shared shingles hashed into one candidate anchor.</summary>
    public const int AnchorRun = 4;

    private const int Window = PassageWords - ShingleWords + 1;
    private static readonly int MinShared = (int)Math.Ceiling(Window * Containment);
    private static readonly int MaxRuns = Window - MinShared + 1;
    private static readonly int MinSharedAnchors = Math.Max(1, MinShared - MaxRuns * (AnchorRun - 1));

    /// <summary>For each document index (null = no résumé), the passages it shares with documents of other identities.</summary>
    public static Dictionary<int, List<ReusedPassage>> Find(IReadOnlyList<string?> texts, IReadOnlyList<string> identityKeys)
    {
        var n = texts.Count;
        var shingles = new ulong[n][];
        var distinct = new ulong[n][];
        Parallel.For(0, n, d =>
        {
            if (string.IsNullOrWhiteSpace(texts[d]))
            {
                return;
            }
            shingles[d] = Shingles(WordHashes(Normalisation.TextFold.Fold(texts[d])));
            distinct[d] = SortedDistinct(shingles[d]);
        });

        var documentFrequency = new Dictionary<ulong, int>();
        var withText = 0;
        for (var d = 0; d < n; d++)
        {
            if (distinct[d] is not { } set)
            {
                continue;
            }
            withText++;
            foreach (var s in set)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(documentFrequency, s, out _)++;
            }
        }
        var boilerplate = Math.Max(MinBoilerplateDocs, 0.02 * withText);
        bool Eligible(ulong s) => documentFrequency.TryGetValue(s, out var df) && df >= 2 && df <= boilerplate;

        // Eligible = shared with another résumé and not boilerplate; per position, so the window test needs no lookups.
        var eligible = new bool[n][];
        var anchors = new ulong[n][];
        // Short résumés (fewer than 40 words) are indexed too: a long one may contain them whole plus its own words around them.
        Parallel.For(0, n, d =>
        {
            if (shingles[d] is not { Length: >= AnchorRun } mine)
            {
                return;
            }
            var marks = new bool[mine.Length];
            for (var i = 0; i < mine.Length; i++)
            {
                marks[i] = Eligible(mine[i]);
            }
            eligible[d] = marks;
            var list = new List<ulong>();
            var run = 0;
            for (var i = 0; i < mine.Length; i++)
            {
                run = marks[i] ? run + 1 : 0;
                if (run >= AnchorRun)
                {
                    var h = 0xcbf29ce484222325UL;
                    for (var k = i - AnchorRun + 1; k <= i; k++)
                    {
                        h = (h ^ mine[k]) * 0x100000001b3UL;
                        h ^= h >> 29;
                    }
                    list.Add(h);
                }
            }
            anchors[d] = SortedDistinct([.. list]);
        });

        // Anchor → documents as one flat array (CSR): ids per anchor, then the documents of each anchor in ascending order.
        var totalAnchors = 0;
        for (var d = 0; d < n; d++)
        {
            totalAnchors += anchors[d]?.Length ?? 0;
        }
        var anchorIds = new Dictionary<ulong, int>(totalAnchors / 2);
        var frequency = new List<int>(totalAnchors / 2);
        var docAnchorIds = new int[n][];
        for (var d = 0; d < n; d++)
        {
            if (anchors[d] is not { } set)
            {
                continue;
            }
            var ids = docAnchorIds[d] = new int[set.Length];
            for (var k = 0; k < set.Length; k++)
            {
                ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(anchorIds, set[k], out var exists);
                if (!exists)
                {
                    id = frequency.Count;
                    frequency.Add(0);
                }
                frequency[id]++;
                ids[k] = id;
            }
        }
        var offsets = new int[frequency.Count + 1];
        for (var a = 0; a < frequency.Count; a++)
        {
            offsets[a + 1] = offsets[a] + frequency[a];
        }
        var postings = new int[offsets[^1]];
        var fill = offsets[..^1];
        var docAnchors = new int[n][];
        for (var d = 0; d < n; d++)
        {
            if (docAnchorIds[d] is not { } set)
            {
                continue;
            }
            var shared = new List<int>(set.Length);
            foreach (var id in set)
            {
                if (frequency[id] >= 2)
                {
                    postings[fill[id]++] = d;
                    shared.Add(id);
                }
            }
            docAnchors[d] = [.. shared];
        }

        // Shared anchors per pair, counted in a per-thread array (no hashing of pairs): the cost is Σ df² over anchors, and
        // 11-word anchors are rare enough in real and generated résumés for that to stay small.
        var candidateBag = new System.Collections.Concurrent.ConcurrentBag<List<(int A, int B)>>();
        Parallel.For(0, n, () => (Counts: new int[n], Touched: new List<int>(), Found: new List<(int, int)>()), (d, _, local) =>
        {
            if (docAnchors[d] is not { Length: >= 1 } mine)
            {
                return local;
            }
            foreach (var a in mine)
            {
                var from = Array.BinarySearch(postings, offsets[a], offsets[a + 1] - offsets[a], d) + 1;
                for (var p = from; p < offsets[a + 1]; p++)
                {
                    var other = postings[p];
                    if (local.Counts[other]++ == 0)
                    {
                        local.Touched.Add(other);
                    }
                }
            }
            foreach (var other in local.Touched)
            {
                if (local.Counts[other] >= MinSharedAnchors && identityKeys[other] != identityKeys[d])
                {
                    local.Found.Add((d, other));
                }
                local.Counts[other] = 0;
            }
            local.Touched.Clear();
            return local;
        }, local => candidateBag.Add(local.Found));
        var candidates = candidateBag.SelectMany(c => c).ToList();
        candidates.Sort();

        // Eligible shingles sorted by hash with their positions, only for résumés that are in some candidate pair.
        var byHash = new (ulong[] Hashes, int[] Positions)[n];
        foreach (var (a, b) in candidates)
        {
            byHash[a].Hashes ??= [];
            byHash[b].Hashes ??= [];
        }
        Parallel.For(0, n, d =>
        {
            if (byHash[d].Hashes is null)
            {
                return;
            }
            var count = 0;
            foreach (var mark in eligible[d])
            {
                count += mark ? 1 : 0;
            }
            var (hashes, positions) = (new ulong[count], new int[count]);
            var k = 0;
            for (var i = 0; i < eligible[d].Length; i++)
            {
                if (eligible[d][i])
                {
                    (hashes[k], positions[k]) = (shingles[d][i], i);
                    k++;
                }
            }
            Array.Sort(hashes, positions);
            byHash[d] = (hashes, positions);
        });

        var found = new ReusedPassage?[candidates.Count, 2];
        Parallel.For(0, candidates.Count, () => (A: new bool[64], B: new bool[64]), (c, _, marks) =>
        {
            var (a, b) = candidates[c];
            if (shingles[a].Length > marks.A.Length || shingles[b].Length > marks.B.Length)
            {
                marks = (new bool[Math.Max(shingles[a].Length, marks.A.Length) * 2], new bool[Math.Max(shingles[b].Length, marks.B.Length) * 2]);
            }
            var markA = marks.A.AsSpan(0, shingles[a].Length);
            var markB = marks.B.AsSpan(0, shingles[b].Length);
            markA.Clear();
            markB.Clear();
            MarkShared(byHash[a], byHash[b], markA, markB);
            found[c, 0] = Passage(a, b, markA, shingles, distinct, texts);
            found[c, 1] = Passage(b, a, markB, shingles, distinct, texts);
            return marks;
        }, _ => { });
        var result = new Dictionary<int, List<ReusedPassage>>();
        for (var c = 0; c < candidates.Count; c++)
        {
            for (var side = 0; side < 2; side++)
            {
                if (found[c, side] is not { } passage)
                {
                    continue;
                }
                var d = side == 0 ? candidates[c].A : candidates[c].B;
                if (!result.TryGetValue(d, out var list))
                {
                    result[d] = list = [];
                }
                list.Add(passage);
            }
        }
        return result;
    }

    /// <summary>Marks the positions of eligible shingles the two résumés share: one merge of their hash-sorted lists.</summary>
    private static void MarkShared((ulong[] Hashes, int[] Positions) a, (ulong[] Hashes, int[] Positions) b, Span<bool> markA, Span<bool> markB)
    {
        var (i, j) = (0, 0);
        while (i < a.Hashes.Length && j < b.Hashes.Length)
        {
            if (a.Hashes[i] < b.Hashes[j])
            {
                i++;
            }
            else if (a.Hashes[i] > b.Hashes[j])
            {
                j++;
            }
            else
            {
                var hash = a.Hashes[i];
                for (; i < a.Hashes.Length && a.Hashes[i] == hash; i++)
                {
                    markA[a.Positions[i]] = true;
                }
                for (; j < b.Hashes.Length && b.Hashes[j] == hash; j++)
                {
                    markB[b.Positions[j]] = true;
                }
            }
        }
    }

    private static ReusedPassage? Passage(int d, int other, ReadOnlySpan<bool> marked, ulong[][] shingles, ulong[][] distinct, IReadOnlyList<string?> texts)
    {
        if (BestPassage(marked) is not { } run)
        {
            return null;
        }
        var mine = shingles[d];
        var otherSet = distinct[other];
        var words = Normalisation.TextFold.Tokens(texts[d]);
        var passageWords = run.Length + ShingleWords - 1;
        var shown = Math.Min(passageWords, 14);
        var excerpt = string.Join(' ', words, run.Start, shown) + (passageWords > 14 ? " …" : "");
        var hash = ulong.MaxValue;
        for (var i = run.Start; i < run.Start + run.Length; i++)
        {
            if (Array.BinarySearch(otherSet, mine[i]) >= 0 && mine[i] < hash)
            {
                hash = mine[i];
            }
        }
        return new ReusedPassage(other, passageWords, excerpt, hash.ToString("x16", CultureInfo.InvariantCulture));
    }

    /// <summary>The longest stretch covered by windows of <see cref="Window"/> shingles with ≥ 80% marked (shared, non-boilerplate).</summary>
    private static (int Start, int Length)? BestPassage(ReadOnlySpan<bool> marked)
    {
        var inWindow = 0;
        (int Start, int Length)? best = null;
        var runStart = -1;
        var runEnd = -1;
        for (var i = 0; i < marked.Length; i++)
        {
            inWindow += marked[i] ? 1 : 0;
            if (i >= Window)
            {
                inWindow -= marked[i - Window] ? 1 : 0;
            }
            if (i >= Window - 1 && inWindow >= MinShared)
            {
                var start = i - Window + 1;
                if (runStart < 0 || start > runEnd)
                {
                    runStart = start;
                }
                runEnd = i;
                var length = runEnd - runStart + 1;
                if (best is null || length > best.Value.Length)
                {
                    best = (runStart, length);
                }
            }
        }
        return best;
    }

    private static ulong[] SortedDistinct(ulong[] values)
    {
        if (values.Length == 0)
        {
            return values;
        }
        var copy = (ulong[])values.Clone();
        Array.Sort(copy);
        var count = 1;
        for (var i = 1; i < copy.Length; i++)
        {
            if (copy[i] != copy[count - 1])
            {
                copy[count++] = copy[i];
            }
        }
        return count == copy.Length ? copy : copy[..count];
    }

    /// <summary>FNV-1a over each run of 8 words.</summary>
    public static ulong[] Shingles(string[] words)
    {
        var hashes = new ulong[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            hashes[i] = Fnv(words[i]);
        }
        return Shingles(hashes);
    }

    private static ulong[] Shingles(ulong[] wordHashes)
    {
        if (wordHashes.Length < ShingleWords)
        {
            return [];
        }
        var result = new ulong[wordHashes.Length - ShingleWords + 1];
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

    /// <summary>The hash of each space-separated word of folded text (the words of <see cref="Normalisation.TextFold.Tokens"/>),
    /// without allocating the words.</summary>
    private static ulong[] WordHashes(string folded)
    {
        var hashes = new List<ulong>(folded.Length / 5);
        foreach (var range in folded.AsSpan().Split(' '))
        {
            var word = folded.AsSpan(range);
            if (!word.IsEmpty)
            {
                hashes.Add(Fnv(word));
            }
        }
        return [.. hashes];
    }

    private static ulong Fnv(ReadOnlySpan<char> word)
    {
        var h = 14695981039346656037UL;
        foreach (var c in word)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }
}
