namespace Unmask.Vetting.Scoring;

/// <summary>Severity names of INDICATORS.md §3, in increasing order.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Risk levels: clear &lt; 10 ≤ low &lt; 30 ≤ medium &lt; 55 ≤ high &lt; 80 ≤ critical.</summary>
public enum RiskLevel
{
    Clear,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>A link from a record to another node of the graph through a shared identifier (CONTRACT.md node ids).</summary>
/// <param name="Entity">The other node, e.g. <c>vendor:V-3</c> or <c>entity:us_ofac_sdn-24977</c>.</param>
/// <param name="Via">The shared identifier node, e.g. <c>phone:+13125550123</c>.</param>
public sealed record VetLink(string Entity, string Via);

/// <summary>
/// One indicator that fired: a reason for a person to look, never a verdict.
/// <paramref name="Evidence"/> is plain words for an HR reviewer; <paramref name="Source"/> is a key of INDICATORS.md §1.
/// <paramref name="Data"/> holds machine-readable details (matched values, counts), never full bank numbers.
/// </summary>
public sealed record Finding(
    string Code,
    Severity Severity,
    string Evidence,
    string Source,
    IReadOnlyDictionary<string, string>? Data = null,
    IReadOnlyList<VetLink>? Links = null)
{
    public IReadOnlyList<VetLink> LinksOrEmpty => Links ?? [];
}

/// <summary>An indicator that could not be evaluated for this batch or record, and why (missing column, no country in the log…).</summary>
public sealed record NotRun(string Code, string Reason);

/// <summary>The vetting result of one record: risk 0-100, level, findings with evidence, links and indicators that could not run.</summary>
public sealed record VetResult(
    string Id,
    string Kind,
    int Risk,
    RiskLevel Level,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<VetLink> Links,
    IReadOnlyList<NotRun> NotRun)
{
    /// <summary>The algorithm (weights table) that produced <see cref="Risk"/>, e.g. <c>vetting-v1</c>.</summary>
    public string Algorithm { get; init; } = "";

    /// <summary>Per distinct code, the weight that entered the risk product (the explanation of <see cref="Risk"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Contributions { get; init; } = [];
}
