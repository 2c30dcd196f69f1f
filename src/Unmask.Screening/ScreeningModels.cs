namespace Unmask.Screening;

/// <summary>A screening query in FtM terms, as the yente matching API takes it.</summary>
/// <param name="Id">The caller's id for the query (copied to the response).</param>
/// <param name="Schema">Person, Company, Organization, LegalEntity, Vessel, Airplane, CryptoWallet, Domain, or Any (= Thing).</param>
/// <param name="Properties">FtM property names: name, alias, birthDate, country, nationality, idNumber, passportNumber, email,
/// cryptoWallet (or publicKey), domain/website.</param>
public sealed record ScreeningQuery(string? Id, string Schema, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties)
{
    public IReadOnlyList<string> Get(string property) =>
        Properties.TryGetValue(property, out var values) ? values : [];

    /// <summary>Shorthand for a query with one name.</summary>
    public static ScreeningQuery ForName(string name, string schema = "Any", string? id = null) =>
        new(id, schema, new Dictionary<string, IReadOnlyList<string>> { ["name"] = [name] });
}

/// <summary>How to screen.</summary>
/// <param name="Threshold">Results at or above this score are reported as matches. Default 0.70.</param>
/// <param name="Limit">Most results returned per query, best first. Default 5.</param>
/// <param name="Algorithm">The scoring algorithm by name (see <see cref="Screener.Algorithms"/>). Default unmask-v1.</param>
/// <param name="Datasets">Only entities of these datasets (list names); null means all.</param>
/// <param name="MinimumScore">Results scoring below this are not returned at all. Default 0.40.</param>
public sealed record ScreeningOptions(
    double Threshold = 0.70,
    int Limit = 5,
    string Algorithm = "unmask-v1",
    IReadOnlyCollection<string>? Datasets = null,
    double MinimumScore = 0.40);

/// <summary>The answer to one query: results sorted by score, best first, and how many entities matched in all.</summary>
/// <param name="Total">How many entities matched (scored at or above the threshold) before <see cref="ScreeningOptions.Limit"/>
/// cut the results, as yente counts its <c>total</c>.</param>
public sealed record ScreeningResponse(string? Id, ScreeningQuery Query, IReadOnlyList<ScreeningResult> Results, ScreeningTotal Total);

/// <summary>A count of matches, exact or a lower bound (yente's <c>{"value": N, "relation": "eq"}</c>).</summary>
/// <param name="Exact">False when the search stopped at <see cref="Screener.MatchCandidateLimit"/> with candidates left that
/// might still have matched: then <see cref="Value"/> is a lower bound (relation <c>gte</c>).</param>
public sealed record ScreeningTotal(int Value, bool Exact = true)
{
    public string Relation => Exact ? "eq" : "gte";
}

/// <summary>One list entity found for a query, with the features that made its score and the explanation in plain words.
/// The explanation lists each part that added to or took from the score; the parts add up to <see cref="Score"/>.</summary>
public sealed record ScreeningResult(string Id, string Caption, string Schema, IReadOnlyList<string> Datasets, IReadOnlyList<string> Programs,
    double Score, bool Match, string MatchedName, IReadOnlyDictionary<string, double> Features, IReadOnlyList<string> Explanation)
{
    /// <summary>The signed contributions behind <see cref="Explanation"/>, in the same order; they sum to <see cref="Score"/>.</summary>
    public IReadOnlyList<ScoreContribution> Contributions { get; init; } = [];

    /// <summary>The entity's FtM properties as stored (name, alias, birthDate, nationality, program...), values in order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Properties { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Other ids the entity was known by (FtM <c>referents</c>).</summary>
    public IReadOnlyList<string> Referents { get; init; } = [];

    /// <summary>Whether the entity is a list target (FtM <c>target</c>); context entities are never screened, so always true
    /// for a result the screener returns.</summary>
    public bool Target { get; init; } = true;

    /// <summary>When the publisher first saw the entity, if known.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>When the entity was last seen in a published file, if known.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>When the entity's content last changed, if known.</summary>
    public DateTimeOffset? LastChange { get; init; }
}

/// <summary>One part of a score: the feature, its value, the weight applied and the resulting contribution.</summary>
public sealed record ScoreContribution(string Feature, double Value, double Weight, double Contribution, string Reason);
