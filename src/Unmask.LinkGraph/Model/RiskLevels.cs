namespace Unmask.LinkGraph.Model;

/// <summary>INDICATORS.md §3: clear &lt; 10 ≤ low &lt; 30 ≤ medium &lt; 55 ≤ high &lt; 80 ≤ critical.</summary>
public static class RiskLevels
{
    public static string Of(int risk) => risk switch
    {
        < 10 => "clear",
        < 30 => "low",
        < 55 => "medium",
        < 80 => "high",
        _ => "critical",
    };
}
