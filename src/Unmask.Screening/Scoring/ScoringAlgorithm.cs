namespace Unmask.Screening.Scoring;

/// <summary>One row of an algorithm's table: a feature, its weight and what it measures in plain words.</summary>
public sealed record FeatureWeight(string Feature, double Weight, string Meaning);

/// <summary>A named, versioned table of features and weights. Changing a weight means a new version; old ones stay
/// selectable so results can be reproduced.</summary>
public sealed record ScoringAlgorithm(string Name, IReadOnlyList<FeatureWeight> Features)
{
    public double WeightOf(string feature) => Features.FirstOrDefault(f => f.Feature == feature)?.Weight ?? 0;
}

public static class ScoringAlgorithms
{
    public static readonly ScoringAlgorithm UnmaskV1 = new("unmask-v1",
    [
        new(Features.NameSimilarity, 1.00, "best rarity-weighted token alignment between a query name and a list name, any order and script"),
        new(Features.BirthDateMatch, 0.10, "birth dates agree (full weight to the day or month, half when only the year is known on one side)"),
        new(Features.BirthDateMismatch, -0.20, "birth years differ by more than one year (half when the same year has different days)"),
        new(Features.CountryMatch, 0.05, "a query country is among the entity's nationalities, citizenships or countries"),
        new(Features.CountryMismatch, -0.10, "both sides give countries and none is shared"),
        new(Features.IdentifierMatch, 1.00, "the same passport, id number, wallet, e-mail or domain: conclusive, the score is 1.0"),
    ]);

    public static IReadOnlyList<ScoringAlgorithm> All { get; } = [UnmaskV1];

    public static ScoringAlgorithm Get(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown screening algorithm '{name}' (known: {string.Join(", ", All.Select(a => a.Name))})", nameof(name));
}
