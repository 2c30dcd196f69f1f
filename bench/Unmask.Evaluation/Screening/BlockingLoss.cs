using Unmask.Screening;

namespace Unmask.Evaluation.Screening;

/// <summary>What blocking lost on a set of queries: true matches an exhaustive scan finds that the indexed search does not.</summary>
public sealed record BlockingLossReport(int Queries, int TrueMatches, int Lost, IReadOnlyList<(string Query, string EntityId, double Score)> LostMatches)
{
    public double LossRate => TrueMatches == 0 ? 0 : (double)Lost / TrueMatches;

    public override string ToString() => System.FormattableString.Invariant(
        $"queries {Queries}, true matches (exhaustive) {TrueMatches}, lost by blocking {Lost} ({LossRate:P2})");
}

/// <summary>
/// Blocking loss: every query is screened twice, once through the index search and once by scoring every entity of the
/// index (<see cref="Screener.Compare(ScreeningQuery, IEnumerable{string}, ScreeningOptions)"/>), ranked as a search ranks
/// (score, then id) and cut at the same limit; a match of that exhaustive ranking (score at or above the threshold) that
/// the search does not return is lost. Slow (a full scan per query): a bench harness, not for every test run.
/// </summary>
public static class BlockingLoss
{
    public static BlockingLossReport Measure(Screener screener, IEnumerable<ScreeningQuery> queries, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(queries);
        var settings = (options ?? new ScreeningOptions()) with { Limit = 20 };
        var everyEntity = screener.Index.Entities
            .Where(e => settings.Datasets is null || settings.Datasets.Contains(e.Source.Dataset))
            .Select(e => e.Id).ToList();
        int count = 0, found = 0;
        var lost = new List<(string, string, double)>();
        foreach (var query in queries)
        {
            count++;
            var blocked = screener.Screen(query, settings).Results.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var exhaustive = screener.Compare(query, everyEntity, settings)
                .Where(r => r.Score >= settings.MinimumScore)
                .OrderByDescending(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Take(settings.Limit);
            foreach (var result in exhaustive.Where(r => r.Match))
            {
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
