using System.Globalization;
using Unmask.Domain;
using Unmask.Screening.Index;
using Unmask.Screening.Names;

namespace Unmask.Screening.Scoring;

/// <summary>A feature's value in [0, 1] and a plain-words reason; value 0 means the feature did not fire.</summary>
public readonly record struct FeatureScore(double Value, string Reason);

/// <summary>The features of screening, each a small pure function.</summary>
public static class Features
{
    public const string NameSimilarity = "name_similarity";
    public const string BirthDateMatch = "birth_date_match";
    public const string BirthDateMismatch = "birth_date_mismatch";
    public const string CountryMatch = "country_match";
    public const string CountryMismatch = "country_mismatch";
    public const string IdentifierMatch = "identifier_match";

    /// <summary>Birth dates agree: 1 when equal to the finer precision both sides share beyond the year (same month or day),
    /// 0.5 when the years are equal but one side knows only the year.</summary>
    public static FeatureScore BirthDateAgreement(IReadOnlyList<PartialDate> query, IReadOnlyList<PartialDate> candidate)
    {
        var best = new FeatureScore(0, "");
        foreach (var q in query)
        {
            foreach (var c in candidate)
            {
                if (q.Year != c.Year)
                {
                    continue;
                }
                var both = (DatePrecision)Math.Min((int)q.Precision, (int)c.Precision);
                var value = both switch
                {
                    DatePrecision.Day when q.Month == c.Month && q.Day == c.Day => 1.0,
                    DatePrecision.Month when q.Month == c.Month => 1.0,
                    DatePrecision.Year => 0.5,
                    _ => 0,
                };
                if (value > best.Value)
                {
                    best = new FeatureScore(value, value == 1
                        ? $"birth date {q} equals {c}"
                        : $"birth year {q.Year} equal (only the year is known on one side: {q} / {c})");
                }
            }
        }
        return best;
    }

    /// <summary>Birth dates contradict: 1 when every pair of dates is more than a year apart, 0.5 when the closest pair
    /// is in the same or an adjacent year but the days or months differ.</summary>
    public static FeatureScore BirthDateContradiction(IReadOnlyList<PartialDate> query, IReadOnlyList<PartialDate> candidate)
    {
        if (query.Count == 0 || candidate.Count == 0 || BirthDateAgreement(query, candidate).Value > 0)
        {
            return new FeatureScore(0, "");
        }
        var closest = int.MaxValue;
        foreach (var q in query)
        {
            foreach (var c in candidate)
            {
                closest = Math.Min(closest, Math.Abs(q.Year - c.Year));
            }
        }
        var dates = $"{string.Join("/", query)} vs {string.Join("/", candidate)}";
        return closest > 1
            ? new FeatureScore(1, $"birth dates differ: {dates}")
            : new FeatureScore(0.5, $"birth dates close but not equal: {dates}");
    }

    /// <summary>A query country is among the entity's countries.</summary>
    public static FeatureScore CountryAgreement(IReadOnlyList<string> query, IReadOnlyList<string> candidate)
    {
        foreach (var q in query)
        {
            if (candidate.Contains(q, StringComparer.Ordinal))
            {
                return new FeatureScore(1, $"country {q} shared");
            }
        }
        return new FeatureScore(0, "");
    }

    /// <summary>Both sides name countries and none is shared.</summary>
    public static FeatureScore CountryContradiction(IReadOnlyList<string> query, IReadOnlyList<string> candidate) =>
        query.Count > 0 && candidate.Count > 0 && !query.Intersect(candidate, StringComparer.Ordinal).Any()
            ? new FeatureScore(1, $"countries differ: {string.Join("/", query)} vs {string.Join("/", candidate)}")
            : new FeatureScore(0, "");

    /// <summary>An identifier key of the query equals one of the entity's: conclusive.</summary>
    public static FeatureScore IdentifierAgreement(IReadOnlyList<string> query, IReadOnlyList<string> candidate)
    {
        foreach (var q in query)
        {
            if (candidate.Contains(q, StringComparer.Ordinal))
            {
                return new FeatureScore(1, $"{IdentifierKeys.Describe(q)} {IdentifierKeys.ValueOf(q)} equal (conclusive)");
            }
        }
        return new FeatureScore(0, "");
    }

    /// <summary>Plain words for a name alignment: which tokens met which, and how.</summary>
    public static string DescribeName(NameComparison comparison)
    {
        var q = comparison.Query.Tokens;
        var c = comparison.Candidate.Tokens;
        var parts = new List<string>();
        var exact = new List<string>();
        var usedQ = new bool[q.Length];
        var usedC = new bool[c.Length];
        foreach (var a in comparison.Aligned.OrderBy(a => a.QueryStart))
        {
            var left = string.Join(" ", q.Skip(a.QueryStart).Take(a.QueryCount).Select(t => t.Text.ToUpperInvariant()));
            var right = string.Join(" ", c.Skip(a.CandidateStart).Take(a.CandidateCount).Select(t => t.Text.ToUpperInvariant()));
            for (var i = a.QueryStart; i < a.QueryStart + a.QueryCount; i++)
            {
                usedQ[i] = true;
            }
            for (var j = a.CandidateStart; j < a.CandidateStart + a.CandidateCount; j++)
            {
                usedC[j] = true;
            }
            if (a.Kind == TokenMatchKind.Exact)
            {
                exact.Add(left);
                continue;
            }
            var how = a.Kind switch
            {
                TokenMatchKind.SurnameVariant => "spellings of one Korean surname",
                TokenMatchKind.Romanisation => "romanisation variants",
                TokenMatchKind.Transliteration => "same consonants across scripts",
                TokenMatchKind.Merged => "written together / apart",
                TokenMatchKind.Equivalent => "forms of one name",
                _ => string.Create(CultureInfo.InvariantCulture, $"similar {a.Similarity:0.00}"),
            };
            parts.Insert(0, $"{left} ~ {right} ({how})");
        }
        parts.Reverse();
        var text = new List<string>();
        if (exact.Count > 0)
        {
            text.Add("tokens " + string.Join("/", exact) + " equal");
        }
        text.AddRange(parts);
        var ordered = comparison.Aligned.OrderBy(a => a.QueryStart).Select(a => a.CandidateStart).ToList();
        if (ordered.Zip(ordered.Skip(1)).Any(p => p.First > p.Second))
        {
            text.Add("in another order");
        }
        var missingQ = q.Where((t, i) => !usedQ[i]).Select(t => t.Text.ToUpperInvariant()).ToList();
        var missingC = c.Where((t, i) => !usedC[i]).Select(t => t.Text.ToUpperInvariant()).ToList();
        if (missingQ.Count > 0)
        {
            text.Add("query only: " + string.Join("/", missingQ));
        }
        if (missingC.Count > 0)
        {
            text.Add("list only: " + string.Join("/", missingC));
        }
        return string.Join("; ", text);
    }
}
