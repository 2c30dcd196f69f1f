using Unmask.WebsiteAnalysis.Extraction;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>A maximal run of equal consecutive shingles between a target block and a reference block, as token ranges.</summary>
/// <param name="CommonShare">Share of the run's indexed fingerprints that other reference sites also carry (boilerplate, template filler).</param>
public sealed record AlignedRun(AlignedBlock Target, AlignedBlock Reference, int TargetFirst, int TargetLast, int ReferenceFirst, int ReferenceLast, double CommonShare)
{
    public int Words => TargetLast - TargetFirst + 1;
}

/// <summary>Consecutive runs of one target block aligned with one reference block (the gaps between them are edits).</summary>
public sealed record AlignedPassage(IReadOnlyList<AlignedRun> Runs)
{
    public AlignedBlock Target => Runs[0].Target;
    public AlignedBlock Reference => Runs[0].Reference;
    public int Words => Runs.Sum(r => r.Words);
    public double WeightedWords => Runs.Sum(r => r.Words * (1 - r.CommonShare));
    public int TargetFirst => Runs[0].TargetFirst;
    public int TargetLast => Runs[^1].TargetLast;
    public int ReferenceFirst => Runs[0].ReferenceFirst;
    public int ReferenceLast => Runs[^1].ReferenceLast;
}

/// <summary>Passage alignment of a target against one reference: every shared shingle (k words) is found; runs are extended
/// greedily and joined into passages when the gap between them is short on both sides (a swapped name, a synonym).</summary>
public static class Alignment
{
    public const int MaxGapTokens = 30;

    /// <param name="commonness">1 when other reference sites carry the shingle, 0 when only this one does, -1 when unknown (not indexed).</param>
    public static List<AlignedPassage> Align(SiteText target, SiteText reference, Func<ulong, double> commonness)
    {
        var positions = new Dictionary<ulong, List<(int Block, int Shingle)>>();
        for (var b = 0; b < reference.Blocks.Count; b++)
        {
            var shingles = reference.Blocks[b].Shingles;
            for (var s = 0; s < shingles.Count; s++)
            {
                if (!positions.TryGetValue(shingles[s].Hash, out var list))
                {
                    list = [];
                    positions[shingles[s].Hash] = list;
                }
                if (list.Count < 8)
                {
                    list.Add((b, s));
                }
            }
        }

        var passages = new List<AlignedPassage>();
        foreach (var block in target.Blocks)
        {
            var runs = new List<AlignedRun>();
            var shingles = block.Shingles;
            var i = 0;
            while (i < shingles.Count)
            {
                if (!positions.TryGetValue(shingles[i].Hash, out var occurrences))
                {
                    i++;
                    continue;
                }
                var bestLength = 0;
                (int Block, int Shingle) best = default;
                foreach (var occurrence in occurrences)
                {
                    var other = reference.Blocks[occurrence.Block].Shingles;
                    var length = 0;
                    while (i + length < shingles.Count && occurrence.Shingle + length < other.Count && shingles[i + length].Hash == other[occurrence.Shingle + length].Hash)
                    {
                        length++;
                    }
                    if (length > bestLength)
                    {
                        bestLength = length;
                        best = occurrence;
                    }
                }
                var referenceBlock = reference.Blocks[best.Block];
                var common = 0.0;
                var known = 0;
                for (var s = i; s < i + bestLength; s++)
                {
                    var value = commonness(shingles[s].Hash);
                    if (value >= 0)
                    {
                        known++;
                        common += value;
                    }
                }
                runs.Add(new AlignedRun(block, referenceBlock,
                    shingles[i].FirstToken, shingles[i + bestLength - 1].LastToken,
                    referenceBlock.Shingles[best.Shingle].FirstToken, referenceBlock.Shingles[best.Shingle + bestLength - 1].LastToken,
                    known == 0 ? 0 : common / known));
                i += bestLength;
            }
            passages.AddRange(Join(runs));
        }
        return passages;
    }

    private static IEnumerable<AlignedPassage> Join(List<AlignedRun> runs)
    {
        var current = new List<AlignedRun>();
        foreach (var run in runs)
        {
            if (current.Count > 0)
            {
                var last = current[^1];
                var sameBlock = ReferenceEquals(last.Reference, run.Reference);
                var targetGap = run.TargetFirst - last.TargetLast - 1;
                var referenceGap = run.ReferenceFirst - last.ReferenceLast - 1;
                if (!sameBlock || targetGap > MaxGapTokens || referenceGap < 0 || referenceGap > MaxGapTokens || targetGap < 0)
                {
                    yield return new AlignedPassage(current);
                    current = [];
                }
            }
            current.Add(run);
        }
        if (current.Count > 0)
        {
            yield return new AlignedPassage(current);
        }
    }

    /// <summary>Target token positions (block, token) covered by the passages' runs.</summary>
    public static HashSet<(AlignedBlock, int)> CoveredTargetTokens(IEnumerable<AlignedPassage> passages)
    {
        var covered = new HashSet<(AlignedBlock, int)>();
        foreach (var run in passages.SelectMany(p => p.Runs))
        {
            for (var t = run.TargetFirst; t <= run.TargetLast; t++)
            {
                covered.Add((run.Target, t));
            }
        }
        return covered;
    }

    public static bool CountsAsContent(AlignedBlock block) => block.Role == BlockRole.Content;
}
