using System.Globalization;
using Unmask.Domain;
using Unmask.Screening.Index;
using Unmask.Screening.Names;
using Unmask.Screening.Scoring;

namespace Unmask.Screening;

/// <summary>
/// Screens queries against a <see cref="ScreeningIndex"/>: candidates by blocking (or every entity when exhaustive) and by
/// identifier, then features, then the score of the selected algorithm with its explanation. Thread-safe.
/// </summary>
/// <remarks>A query with no usable name (empty, whitespace, only punctuation or control characters) and no identifier is
/// refused with <see cref="ArgumentException"/>: an empty answer would read as "screened, nothing found".</remarks>
public sealed class Screener(ScreeningIndex index)
{
    /// <summary>Blocked candidates scored per query.</summary>
    public const int CandidateLimit = 150;

    // Weak aliases (OFAC "weak" a.k.a., often a bare surname) count a little less than real names.
    private const double WeakAliasFactor = 0.9;

    public static IReadOnlyList<string> Algorithms { get; } = ScoringAlgorithms.All.Select(a => a.Name).ToArray();

    public ScreeningIndex Index { get; } = index ?? throw new ArgumentNullException(nameof(index));

    public ScreeningResponse Screen(ScreeningQuery query, ScreeningOptions options)
    {
        var prepared = Prepare(query, options);
        var candidates = new HashSet<int>();
        foreach (var key in prepared.IdentifierKeys)
        {
            candidates.UnionWith(Index.EntitiesWithIdentifier(key));
        }
        if (options.Exhaustive)
        {
            candidates.UnionWith(Enumerable.Range(0, Index.EntityCount));
        }
        else if (prepared.Names.Count > 0)
        {
            candidates.UnionWith(Index.Candidates(prepared.Names, Math.Max(CandidateLimit, options.Limit * 4)));
        }
        var scored = new List<(int Entity, double Score)>(candidates.Count);
        foreach (var entity in candidates)
        {
            var indexed = Index.Entities[entity];
            if (!Eligible(prepared, indexed, options))
            {
                continue;
            }
            var score = Evaluate(prepared, indexed, explain: false).Score;
            if (score >= options.MinimumScore)
            {
                scored.Add((entity, score));
            }
        }
        var results = scored
            .OrderByDescending(s => s.Score)
            .ThenBy(s => Index.Entities[s.Entity].Id, StringComparer.Ordinal)
            .Take(options.Limit)
            .Select(s => Result(prepared, Index.Entities[s.Entity], options))
            .ToList();
        return new ScreeningResponse(query.Id, query, results);
    }

    /// <summary>Scores one named entity against the query, whatever blocking would have found (for evaluation and for
    /// "why did / didn't this match"). Null when the id is not in the index or the schemas cannot match.</summary>
    public ScreeningResult? Compare(ScreeningQuery query, string entityId, ScreeningOptions options)
    {
        var prepared = Prepare(query, options);
        if (!Index.TryGetEntityIndex(entityId, out var entity) || !SchemaCompatible(prepared.Schema, Index.Entities[entity].Schema))
        {
            return null;
        }
        return Result(prepared, Index.Entities[entity], options);
    }

    private sealed record PreparedQuery(
        Schema Schema, ScoringAlgorithm Algorithm, List<PreparedName> Names, List<PartialDate> BirthDates, List<string> Countries, List<string> IdentifierKeys);

    private PreparedQuery Prepare(ScreeningQuery query, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threshold is < 0 or > 1 || double.IsNaN(options.Threshold))
        {
            throw new ArgumentException($"threshold {options.Threshold} is outside [0, 1]", nameof(options));
        }
        if (options.Limit < 1)
        {
            throw new ArgumentException($"limit {options.Limit} must be at least 1", nameof(options));
        }
        var algorithm = ScoringAlgorithms.Get(options.Algorithm);
        var schemaName = string.IsNullOrWhiteSpace(query.Schema) || query.Schema.Equals("Any", StringComparison.OrdinalIgnoreCase) ? "Thing" : query.Schema.Trim();
        if (!Schemas.TryGet(schemaName, out var schema))
        {
            throw new ArgumentException($"unknown schema '{query.Schema}' (use Person, Company, Organization, LegalEntity, Vessel, Airplane, CryptoWallet, Domain or Any)", nameof(query));
        }
        var identifierKeys = IdentifierKeys.FromProperties(query.Get).ToList();
        var rawNames = query.Get("name").Concat(query.Get("alias")).ToList();
        if (schema.Name is "CryptoWallet" or "Domain")
        {
            // for wallet and domain queries the "name" is the address itself
            foreach (var raw in rawNames)
            {
                var key = schema.Name == "CryptoWallet" ? IdentifierKeys.Wallet(raw) : IdentifierKeys.Domain(raw);
                if (key is not null)
                {
                    identifierKeys.Add(key);
                }
            }
            if (schema.Name == "Domain")
            {
                identifierKeys.AddRange(identifierKeys.Where(k => k.StartsWith("email:", StringComparison.Ordinal))
                    .Select(k => IdentifierKeys.EmailDomain(IdentifierKeys.ValueOf(k))).OfType<string>().ToList());
            }
            rawNames.Clear();
        }
        var names = rawNames.Select(Index.PrepareQueryName).Where(n => !n.IsEmpty).ToList();
        if (names.Count == 0 && identifierKeys.Count == 0)
        {
            throw new ArgumentException(rawNames.Count == 0
                ? "query has no name and no identifier (give name, idNumber, passportNumber, email, cryptoWallet or domain)"
                : "query name has no letters or digits to match on (empty, whitespace or control characters only)", nameof(query));
        }
        var dates = new List<PartialDate>();
        foreach (var value in query.Get("birthDate"))
        {
            if (PartialDate.TryParseIso(value, out var date))
            {
                dates.Add(date);
            }
        }
        var countries = query.Get("country").Concat(query.Get("nationality")).Concat(query.Get("citizenship"))
            .Select(c => c.Trim()).Where(c => c.Length > 0)
            .Select(c => c.Length == 2 ? c.ToLowerInvariant() : Countries.TryGetCode(c, out var code) ? code : c.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).ToList();
        return new PreparedQuery(schema, algorithm, names, dates, countries, identifierKeys.Distinct(StringComparer.Ordinal).ToList());
    }

    private static bool Eligible(PreparedQuery query, IndexedEntity entity, ScreeningOptions options) =>
        (options.Datasets is null || options.Datasets.Contains(entity.Source.Dataset)) && SchemaCompatible(query.Schema, entity.Schema);

    /// <summary>Person never matches Company; Any, CryptoWallet and Domain queries may find any holder of the identifier.</summary>
    internal static bool SchemaCompatible(Schema query, Schema entity) =>
        query.Name is "Thing" or "CryptoWallet" or "Domain" || Schemas.Common(query, entity) is not null;

    private sealed record Evaluation(double Score, List<ScoreContribution> Parts, NameComparison? Name, PreparedName? MatchedName);

    private static (double Score, NameVariant? Query, NameVariant? Candidate, PreparedName? Name) BestName(PreparedQuery query, IndexedEntity entity)
    {
        double best = 0;
        NameVariant? bestQuery = null, bestCandidate = null;
        PreparedName? bestName = null;
        foreach (var name in query.Names)
        {
            foreach (var qv in name.Variants)
            {
                for (var n = 0; n < entity.Names.Length; n++)
                {
                    var factor = entity.WeakNames[n] ? WeakAliasFactor : 1.0;
                    foreach (var cv in entity.Names[n].Variants)
                    {
                        var score = NameMatcher.Score(qv, cv) * factor;
                        if (score > best || bestQuery is null)
                        {
                            (best, bestQuery, bestCandidate, bestName) = (score, qv, cv, entity.Names[n]);
                        }
                    }
                }
            }
        }
        return (best, bestQuery, bestCandidate, bestName);
    }

    /// <summary>The one scoring path: features, weighted by the algorithm, summed; the parts are the explanation.</summary>
    private static Evaluation Evaluate(PreparedQuery query, IndexedEntity entity, bool explain)
    {
        var algorithm = query.Algorithm;
        var parts = new List<ScoreContribution>(6);
        var identifier = Features.IdentifierAgreement(query.IdentifierKeys, entity.IdentifierKeys);
        var (nameScore, qv, cv, matched) = BestName(query, entity);
        NameComparison? comparison = explain && qv is not null && cv is not null ? NameMatcher.Compare(qv, cv) : null;
        if (identifier.Value > 0)
        {
            var weight = algorithm.WeightOf(Features.IdentifierMatch);
            parts.Add(new ScoreContribution(Features.IdentifierMatch, 1, weight, 1.0, identifier.Reason));
            if (query.Names.Count > 0)
            {
                parts.Add(new ScoreContribution(Features.NameSimilarity, nameScore, 0, 0,
                    Invariant($"name similarity {nameScore:0.00} not counted: the identifier is conclusive")));
            }
            return new Evaluation(1.0, parts, comparison, matched);
        }
        if (query.Names.Count == 0)
        {
            return new Evaluation(0, parts, null, null);
        }
        var nameWeight = algorithm.WeightOf(Features.NameSimilarity);
        parts.Add(new ScoreContribution(Features.NameSimilarity, nameScore, nameWeight, nameScore * nameWeight,
            explain && comparison is not null
                ? Invariant($"name \"{query.Names.First(n => n.Variants.Contains(comparison.Query)).Original}\" vs \"{matched!.Original}\": {Features.DescribeName(comparison)}")
                : ""));
        AddIfFired(parts, algorithm, Features.BirthDateMatch, Features.BirthDateAgreement(query.BirthDates, entity.BirthDates));
        AddIfFired(parts, algorithm, Features.BirthDateMismatch, Features.BirthDateContradiction(query.BirthDates, entity.BirthDates));
        AddIfFired(parts, algorithm, Features.CountryMatch, Features.CountryAgreement(query.Countries, entity.Countries));
        AddIfFired(parts, algorithm, Features.CountryMismatch, Features.CountryContradiction(query.Countries, entity.Countries));
        var sum = parts.Sum(p => p.Contribution);
        if (sum > 1)
        {
            parts.Add(new ScoreContribution("cap", sum, 1, 1 - sum, "score capped at 1.00"));
        }
        else if (sum < 0)
        {
            parts.Add(new ScoreContribution("floor", sum, 1, -sum, "score floored at 0.00"));
        }
        return new Evaluation(parts.Sum(p => p.Contribution), parts, comparison, matched);
    }

    private static void AddIfFired(List<ScoreContribution> parts, ScoringAlgorithm algorithm, string feature, FeatureScore score)
    {
        var weight = algorithm.WeightOf(feature);
        if (score.Value > 0 && weight != 0)
        {
            parts.Add(new ScoreContribution(feature, score.Value, weight, score.Value * weight, score.Reason));
        }
    }

    private ScreeningResult Result(PreparedQuery query, IndexedEntity entity, ScreeningOptions options)
    {
        var evaluation = Evaluate(query, entity, explain: true);
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in evaluation.Parts.Where(p => p.Feature is not ("cap" or "floor")))
        {
            features[part.Feature] = Math.Round(part.Value, 4);
        }
        var explanation = evaluation.Parts
            .Select(p => Invariant($"{p.Reason} ({(p.Contribution >= 0 ? "+" : "")}{p.Contribution:0.00})"))
            .ToList();
        var score = Math.Clamp(evaluation.Score, 0, 1);
        return new ScreeningResult(entity.Id, entity.Caption, entity.Schema.Name, [entity.Source.Dataset], entity.Programs,
            score, score >= options.Threshold, evaluation.MatchedName?.Original ?? entity.Caption, features, explanation)
        {
            Contributions = evaluation.Parts,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
