namespace Unmask.Vetting.Scoring;

/// <summary>
/// INDICATORS.md §3: <c>risk = round(100 * (1 - Π(1 - w_i/100)))</c> over distinct codes (each code counted once, at its
/// highest-severity instance); levels clear &lt; 10 ≤ low &lt; 30 ≤ medium &lt; 55 ≤ high &lt; 80 ≤ critical; any critical
/// finding raises the level to at least high.
/// </summary>
public static class RiskScorer
{
    /// <summary>The weight each distinct code contributes, in first-seen order. The risk is computed from exactly this list.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Contributions(IEnumerable<Finding> findings, WeightsTable table)
    {
        var best = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var finding in findings)
        {
            var weight = table.WeightOf(finding.Code, finding.Severity);
            if (!best.TryGetValue(finding.Code, out var current))
            {
                order.Add(finding.Code);
                best[finding.Code] = weight;
            }
            else if (weight > current)
            {
                best[finding.Code] = weight;
            }
        }
        return order.Select(code => new KeyValuePair<string, int>(code, best[code])).ToList();
    }

    public static int Risk(IEnumerable<KeyValuePair<string, int>> contributions)
    {
        var clear = 1.0;
        foreach (var (_, weight) in contributions)
        {
            clear *= 1.0 - (Math.Clamp(weight, 0, 100) / 100.0);
        }
        return (int)Math.Round(100.0 * (1.0 - clear), MidpointRounding.AwayFromZero);
    }

    public static RiskLevel Level(int risk, bool anyCritical)
    {
        var level = risk switch
        {
            < 10 => RiskLevel.Clear,
            < 30 => RiskLevel.Low,
            < 55 => RiskLevel.Medium,
            < 80 => RiskLevel.High,
            _ => RiskLevel.Critical,
        };
        return anyCritical && level < RiskLevel.High ? RiskLevel.High : level;
    }
}
