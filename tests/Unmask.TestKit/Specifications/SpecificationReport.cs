using System.Globalization;
using System.Text;

namespace Unmask.TestKit.Specifications;

/// <summary>What a specification validator found in one file: errors (the file breaks the specification), range errors
/// (a reference points at an object of a type the property does not accept; counted apart because the issue's target
/// is "0 range errors"), and warnings (allowed by the specification but likely to lose data in other tools).</summary>
public sealed record SpecificationReport(
    int ObjectCount,
    IReadOnlyList<SpecificationIssue> Errors,
    IReadOnlyList<SpecificationIssue> RangeErrors,
    IReadOnlyList<SpecificationIssue> Warnings)
{
    private const int ListedErrors = 20;

    public bool IsValid => Errors.Count == 0 && RangeErrors.Count == 0;

    /// <summary>Counts by kind and the first 20 errors, for a test's failure message.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{ObjectCount} objects: {Errors.Count} errors, {RangeErrors.Count} range errors, {Warnings.Count} warnings");
        var byKind = Errors.Concat(RangeErrors).Concat(Warnings)
            .GroupBy(i => i.Kind)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        var kinds = string.Join(", ", byKind);
        text.Append(kinds.Length > 0 ? $" ({kinds})" : "").AppendLine();
        foreach (var issue in Errors.Concat(RangeErrors).Take(ListedErrors))
        {
            text.Append("  ").Append(issue).AppendLine();
        }
        var more = Errors.Count + RangeErrors.Count - ListedErrors;
        if (more > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  … and {more} more").AppendLine();
        }
        return text.ToString();
    }

    public override string ToString() => Summary();
}
