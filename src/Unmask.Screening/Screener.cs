using System.Globalization;
using Unmask.Domain;
using Unmask.Screening.Index;
using Unmask.Screening.Names;
using Unmask.Screening.Scoring;

namespace Unmask.Screening;

/// <summary>
/// Screens queries against a <see cref="ScreeningIndex"/>: candidates by blocking and by identifier, then features, then the score of the selected algorithm with its explanation. Thread-safe.
/// </summary>
/// <remarks>A query with no usable name (empty, whitespace, only punctuation or control characters) and no identifier is
/// refused with <see cref="ArgumentException"/>: an empty answer would read as "screened, nothing found".</remarks>
public sealed class Screener(ScreeningIndex index)
{
    /// <summary>Most candidates aligned in full per query (best upper bound first); the search stops earlier when no
    /// remaining bound can reach the results.</summary>
    public const int CandidateLimit = 60;

    /// <summary>Most candidates aligned while their bound can still reach the threshold: common names ("Muhammad Ali") have
    /// hundreds of list names whose bounds tie, and a match must not be left behind for want of aligning it.</summary>
    public const int MatchCandidateLimit = 600;

    public static IReadOnlyList<string> Algorithms { get; } = ScoringAlgorithms.All.Select(a => a.Name).ToArray();

    public ScreeningIndex Index { get; } = index ?? throw new ArgumentNullException(nameof(index));

    /// <summary>Whether a query name leaves any word to compare once cleaned: "!!!", lone combining marks or control
    /// characters alone do not, and <see cref="Screen"/> refuses such a name when the query has no identifier either.</summary>
    public static bool HasNameToMatch(string? name) => QueryText.Read(name).Names.Any(n => !PreparedName.Parse(n).IsEmpty);

    public ScreeningResponse Screen(ScreeningQuery query, ScreeningOptions options)
    {
        var prepared = Prepare(query, options);
        var scored = new List<ScoredEntity>();
        var complete = true;
        var scratch = Index.RentScratch();
        try
        {
            QuerySimilarities? similarities = null;
            foreach (var key in prepared.IdentifierKeys)
            {
                foreach (var entity in Index.EntitiesWithIdentifier(key))
                {
                    if (!Contains(scored, entity))
                    {
                        Consider(prepared, entity, options, null, scored);
                    }
                }
            }
            if (prepared.Variants.Count > 0)
            {
                var bonus = MaximumBonus(prepared);
                Index.Search(prepared.Variants, scratch, options.MinimumScore - bonus);
                similarities = new QuerySimilarities(scratch.Similarities, scratch.Offsets, scratch.RowBound);
                var aligned = 0;
                var kth = new PriorityQueue<int, double>();
                foreach (var (entity, bound) in scratch.Entities)
                {
                    var reach = bound + bonus;
                    // a candidate that cannot enter the results is still aligned while it may match: total counts it
                    if (reach < options.MinimumScore
                        || (reach < options.Threshold && aligned >= Math.Max(CandidateLimit, options.Limit * 4))
                        || (reach < options.Threshold && kth.Count >= options.Limit && kth.TryPeek(out _, out var lowest) && reach < lowest))
                    {
                        break;
                    }
                    if (aligned >= MatchCandidateLimit)
                    {
                        complete = reach < options.Threshold;
                        break;
                    }
                    if (prepared.IdentifierKeys.Count > 0 && Contains(scored, entity))
                    {
                        continue;
                    }
                    aligned++;
                    if (Consider(prepared, entity, options, similarities, scored) is { } score)
                    {
                        if (kth.Count < options.Limit)
                        {
                            kth.Enqueue(entity, score);
                        }
                        else if (kth.TryPeek(out _, out var low) && score > low)
                        {
                            kth.DequeueEnqueue(entity, score);
                        }
                    }
                }
            }
            var matches = 0;
            foreach (var candidate in scored)
            {
                if (candidate.Score >= options.Threshold)
                {
                    matches++;
                }
            }
            scored.Sort((x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : string.CompareOrdinal(Index.Entities[x.Entity].Id, Index.Entities[y.Entity].Id));
            // only the returned few are described; their best names were found while scoring
            var results = new List<ScreeningResult>(Math.Min(options.Limit, scored.Count));
            for (var i = 0; i < scored.Count && i < options.Limit; i++)
            {
                results.Add(Result(prepared, scored[i].Entity, options, similarities, scored[i].Name));
            }
            return new ScreeningResponse(query.Id, query, results, new ScreeningTotal(matches, complete));
        }
        finally
        {
            Index.ReturnScratch(scratch);
        }
    }

    private readonly record struct ScoredEntity(int Entity, double Score, BestNameMatch Name);

    private double? Consider(PreparedQuery prepared, int entity, ScreeningOptions options, QuerySimilarities? similarities, List<ScoredEntity> scored)
    {
        var indexed = Index.Entities[entity];
        if (!Eligible(prepared, indexed, options))
        {
            return null;
        }
        var evaluation = Evaluate(prepared, indexed, entity, null, similarities, null);
        var score = evaluation.Score;
        if (score < options.MinimumScore)
        {
            return null;
        }
        scored.Add(new ScoredEntity(entity, score, evaluation.Best));
        return score;
    }

    private static bool Contains(List<ScoredEntity> scored, int entity)
    {
        foreach (var candidate in scored)
        {
            if (candidate.Entity == entity)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The most the features other than the name can add: the name bound plus this is a bound of the score.</summary>
    private static double MaximumBonus(PreparedQuery query)
    {
        double bonus = 0;
        if (query.BirthDates.Count > 0)
        {
            bonus += Math.Max(0, query.Algorithm.WeightOf(Features.BirthDateMatch));
        }
        if (query.Countries.Count > 0)
        {
            bonus += Math.Max(0, query.Algorithm.WeightOf(Features.CountryMatch));
        }
        return bonus;
    }

    /// <summary>Scores one named entity against the query, whatever blocking would have found ("why did / didn't this
    /// match"). Null when the id is not in the index or the schemas cannot match.</summary>
    public ScreeningResult? Compare(ScreeningQuery query, string entityId, ScreeningOptions options) =>
        Compare(query, [entityId], options).SingleOrDefault();

    /// <summary>Scores each named entity against the query, whatever blocking would have found (re-checking the entities a
    /// case already names); the query is prepared once. Ids not in the index and entities whose schema cannot match are
    /// left out; the results are in the order of <paramref name="entityIds"/>, whatever their score.</summary>
    public IReadOnlyList<ScreeningResult> Compare(ScreeningQuery query, IEnumerable<string> entityIds, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        var prepared = Prepare(query, options);
        var results = new List<ScreeningResult>();
        foreach (var entityId in entityIds)
        {
            if (Index.TryGetEntityIndex(entityId, out var entity) && SchemaCompatible(prepared.Schema, Index.Entities[entity].Schema))
            {
                results.Add(Result(prepared, entity, options, null, null));
            }
        }
        return results;
    }

    private sealed record PreparedQuery(
        Schema Schema, ScoringAlgorithm Algorithm, List<PreparedName> Names, List<PartialDate> BirthDates, List<string> Countries, List<string> IdentifierKeys)
    {
        /// <summary>Every Latin reading of every query name, in order; token positions run on across them.</summary>
        public List<NameVariant> Variants { get; } = Names.SelectMany(n => n.Variants).ToList();
    }

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
        var readings = rawNames.Select(QueryText.Read).ToList();
        var names = readings.SelectMany(r => r.Names).Select(Index.PrepareQueryName).Where(n => !n.IsEmpty).ToList();
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
        if (dates.Count == 0)
        {
            // a birth date written into the name ("Kim Jong Un, DOB 08 Jan 1984") counts when none was given apart
            dates.AddRange(readings.SelectMany(r => r.BirthDates).Distinct());
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

    private readonly record struct Evaluation(double Score, NameComparison? Name, BestNameMatch Best);

    /// <summary>The best-scoring pair of query and list name readings of one entity.</summary>
    private readonly record struct BestNameMatch(double Score, NameVariant? Query, NameVariant? Candidate, PreparedName? Name, int QueryStart);

    private BestNameMatch BestName(PreparedQuery query, IndexedEntity entity, int entityIndex, QuerySimilarities? similarities)
    {
        double best = 0;
        NameVariant? bestQuery = null, bestCandidate = null;
        PreparedName? bestName = null;
        var bestStart = 0;
        var position = 0;
        var rowStart = similarities is null ? 0 : Index.RowStart(entityIndex);
        foreach (var name in query.Names)
        {
            foreach (var qv in name.Variants)
            {
                var start = position;
                position += Math.Min(qv.Tokens.Length, PreparedName.MaxTokens);
                var row = rowStart;
                for (var n = 0; n < entity.Names.Length; n++)
                {
                    var factor = entity.WeakNames[n] ? ScreeningIndex.WeakAliasFactor : 1.0;
                    foreach (var cv in entity.Names[n].Variants)
                    {
                        if (similarities is not null && similarities.RowBound[row++] <= best && bestQuery is not null)
                        {
                            continue; // the search's bound says this name cannot beat the best so far
                        }
                        var score = (similarities is null
                            ? NameMatcher.Align(qv, cv, null, default(NameMatcher.DirectComparer))
                            : NameMatcher.Align(qv, cv, null, new CachedComparer(similarities, start))) * factor;
                        if (score > best || bestQuery is null)
                        {
                            (best, bestQuery, bestCandidate, bestName, bestStart) = (score, qv, cv, entity.Names[n], start);
                        }
                    }
                }
            }
        }
        return new BestNameMatch(best, bestQuery, bestCandidate, bestName, bestStart);
    }

    /// <summary>The one scoring path: features, weighted by the algorithm, summed; the parts are the explanation. Without
    /// <paramref name="parts"/> (scoring candidates that may not be returned) the same sum is computed and nothing is
    /// described.</summary>
    private Evaluation Evaluate(PreparedQuery query, IndexedEntity entity, int entityIndex, List<ScoreContribution>? parts, QuerySimilarities? similarities, BestNameMatch? known)
    {
        var algorithm = query.Algorithm;
        var explain = parts is not null;
        var identifier = Features.IdentifierAgreement(query.IdentifierKeys, entity.IdentifierKeys);
        var best = known ?? BestName(query, entity, entityIndex, similarities);
        var (nameScore, qv, cv, matched, start) = best;
        NameComparison? comparison = !explain || qv is null || cv is null ? null
            : similarities is null ? NameMatcher.Compare(qv, cv) : NameMatcher.Compare(qv, cv, new CachedComparer(similarities, start));
        if (identifier.Value > 0)
        {
            var weight = algorithm.WeightOf(Features.IdentifierMatch);
            parts?.Add(new ScoreContribution(Features.IdentifierMatch, 1, weight, 1.0, identifier.Reason));
            if (query.Names.Count > 0)
            {
                parts?.Add(new ScoreContribution(Features.NameSimilarity, nameScore, 0, 0,
                    Invariant($"name similarity {nameScore:0.00} not counted: the identifier is conclusive")));
            }
            return new Evaluation(1.0, comparison, best);
        }
        if (query.Names.Count == 0)
        {
            return new Evaluation(0, null, best);
        }
        var nameWeight = algorithm.WeightOf(Features.NameSimilarity);
        var sum = nameScore * nameWeight;
        parts?.Add(new ScoreContribution(Features.NameSimilarity, nameScore, nameWeight, nameScore * nameWeight,
            comparison is not null
                ? Invariant($"name \"{query.Names.First(n => n.Variants.Contains(comparison.Query)).Original}\" vs \"{matched!.Original}\": {Features.DescribeName(comparison)}")
                : ""));
        if (query.BirthDates.Count > 0 && entity.BirthDates.Length > 0)
        {
            sum += AddIfFired(parts, algorithm, Features.BirthDateMatch, Features.BirthDateAgreement(query.BirthDates, entity.BirthDates));
            sum += AddIfFired(parts, algorithm, Features.BirthDateMismatch, Features.BirthDateContradiction(query.BirthDates, entity.BirthDates));
        }
        if (query.Countries.Count > 0 && entity.Countries.Length > 0)
        {
            sum += AddIfFired(parts, algorithm, Features.CountryMatch, Features.CountryAgreement(query.Countries, entity.Countries));
            sum += AddIfFired(parts, algorithm, Features.CountryMismatch, Features.CountryContradiction(query.Countries, entity.Countries));
        }
        if (sum > 1)
        {
            parts?.Add(new ScoreContribution("cap", sum, 1, 1 - sum, "score capped at 1.00"));
            sum = 1;
        }
        else if (sum < 0)
        {
            parts?.Add(new ScoreContribution("floor", sum, 1, -sum, "score floored at 0.00"));
            sum = 0;
        }
        return new Evaluation(sum, comparison, best);
    }

    private static double AddIfFired(List<ScoreContribution>? parts, ScoringAlgorithm algorithm, string feature, FeatureScore score)
    {
        var weight = algorithm.WeightOf(feature);
        if (score.Value > 0 && weight != 0)
        {
            parts?.Add(new ScoreContribution(feature, score.Value, weight, score.Value * weight, score.Reason));
            return score.Value * weight;
        }
        return 0;
    }

    private ScreeningResult Result(PreparedQuery query, int entityIndex, ScreeningOptions options, QuerySimilarities? similarities, BestNameMatch? known)
    {
        var entity = Index.Entities[entityIndex];
        var parts = new List<ScoreContribution>(6);
        var evaluation = Evaluate(query, entity, entityIndex, parts, similarities, known);
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in parts.Where(p => p.Feature is not ("cap" or "floor")))
        {
            features[part.Feature] = Math.Round(part.Value, 4);
        }
        var explanation = parts
            .Select(p => Invariant($"{p.Reason} ({(p.Contribution >= 0 ? "+" : "")}{p.Contribution:0.00})"))
            .ToList();
        var score = Math.Clamp(evaluation.Score, 0, 1);
        var source = entity.Source;
        return new ScreeningResult(entity.Id, entity.Caption, entity.Schema.Name, source.Datasets, entity.Programs,
            score, score >= options.Threshold, evaluation.Best.Name?.Original ?? entity.Caption, features, explanation)
        {
            Contributions = parts,
            Properties = new PropertyView(source.Properties),
            Referents = source.Referents,
            Target = source.Target,
            FirstSeen = source.FirstSeen,
            LastSeen = source.LastSeen,
            LastChange = source.LastChange,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Token similarities the search computed for one query: per query token position, sorted by list token id.</summary>
    private sealed class QuerySimilarities(List<TokenSimilarity> similarities, List<int> offsets, float[] rowBound)
    {
        public float[] RowBound => rowBound;

        public (double Similarity, TokenMatchKind Kind) Lookup(int position, int token)
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(similarities).Slice(offsets[position], offsets[position + 1] - offsets[position]);
            int low = 0, high = span.Length - 1;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                var id = span[mid].Token;
                if (id == token)
                {
                    return (span[mid].Similarity, span[mid].Kind);
                }
                if (id < token)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            return (0, TokenMatchKind.Typo);
        }
    }

    /// <summary>Looks token pairs up in what the search computed; initials and tokens the index does not hold are compared directly.</summary>
    private readonly struct CachedComparer(QuerySimilarities similarities, int start) : NameMatcher.ITokenComparer
    {
        public (double Similarity, TokenMatchKind Kind) Compare(int queryPosition, NameToken query, NameToken candidate)
        {
            if (query.Text.Length == 1 || candidate.Text.Length == 1 || candidate.Id < 0)
            {
                return NameMatcher.CompareTokens(query, candidate);
            }
            if (query.Id == candidate.Id && query.FromAbjad == candidate.FromAbjad)
            {
                return (1, TokenMatchKind.Exact);
            }
            return similarities.Lookup(start + queryPosition, candidate.Id);
        }
    }
}
