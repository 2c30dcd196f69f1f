namespace Unmask.Screening.Evaluation;

/// <summary>What blocking lost on a set of queries: true matches an exhaustive scan finds that the indexed search does not.</summary>
public sealed record BlockingLossReport(int Queries, int TrueMatches, int Lost, IReadOnlyList<(string Query, string EntityId, double Score)> LostMatches)
{
    public double LossRate => TrueMatches == 0 ? 0 : (double)Lost / TrueMatches;

    public override string ToString() => System.FormattableString.Invariant(
        $"queries {Queries}, true matches (exhaustive) {TrueMatches}, lost by blocking {Lost} ({LossRate:P2})");
}

/// <summary>
/// Blocking loss: every query is screened twice, once scoring every entity (<see cref="ScreeningOptions.Exhaustive"/>) and
/// once through the index search; a match of the exhaustive scan (score at or above the threshold) that the search does not
/// return is lost. Slow (a full scan per query): a bench harness, not for every test run.
/// </summary>
public static class BlockingLoss
{
    public static BlockingLossReport Measure(Screener screener, IEnumerable<ScreeningQuery> queries, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(queries);
        var settings = (options ?? new ScreeningOptions()) with { Limit = 20 };
        int count = 0, found = 0;
        var lost = new List<(string, string, double)>();
        foreach (var query in queries)
        {
            count++;
            var blocked = screener.Screen(query, settings).Results.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var result in screener.Screen(query, settings with { Exhaustive = true }).Results)
            {
                if (!result.Match)
                {
                    continue;
                }
                found++;
                if (!blocked.Contains(result.Id))
                {
                    lost.Add((string.Join(" / ", query.Get("name")), result.Id, result.Score));
                }
            }
        }
        return new BlockingLossReport(count, found, lost.Count, lost);
    }
}
