using System.Globalization;
using Unmask.Domain;
using Unmask.Screening;

namespace Unmask.Evaluation.Screening;

/// <summary>Confusion counts and rates of one evaluation run at one threshold.</summary>
public sealed record BenchReport(double Threshold, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives,
    IReadOnlyList<BenchCase> Failures)
{
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? 0 : (double)FalsePositives / (FalsePositives + TrueNegatives);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Total} t={Threshold:0.00} P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} FPR={FalsePositiveRate:0.000} (TP {TruePositives}, FP {FalsePositives}, TN {TrueNegatives}, FN {FalseNegatives})");
}

/// <summary>One labelled case and what the screener scored for it.</summary>
public sealed record BenchCase(string Group, string Schema, string Query, string Expected, bool IsMatch, double Score);

/// <summary>
/// Evaluation harnesses over labelled name data:
/// <list type="bullet">
/// <item><see cref="PairsFromCsv"/> + <see cref="EvaluatePairs"/>: labelled name pairs, each judged by the score of its own pair
/// only (nomenklatura name_bench <c>cases.csv</c>: <c>case_group,schema,name1,name2,is_match,...</c>; watchman
/// <c>cross_script_pairs.csv</c>: <c>Query,Expected Match,...</c>, all matches). The list side (name2) of every pair is put in
/// one index, so token rarity is that of the whole set, as in a real list.</item>
/// <item><see cref="EvaluateAgainstIndex"/>: queries screened against a real index, each expecting one entity id or none
/// (<c>id,schema,name,expected_entity,category,notes</c>): a positive counts when the expected entity is returned as a match,
/// a negative is a false positive when anything matches.</item>
/// </list>
/// </summary>
public static class NameBench
{
    public sealed record LabelledPair(string Group, string Schema, string Query, string Candidate, bool IsMatch);

    public sealed record LabelledQuery(string Id, string Schema, string Name, string? ExpectedEntity, string Category);

    /// <summary>Reads a name-pair file in either supported layout (detected from the header).</summary>
    public static IReadOnlyList<LabelledPair> PairsFromCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var pairs = new List<LabelledPair>();
        var header = Csv.Split(lines[0]);
        var nomenklatura = header.Contains("name1") && header.Contains("name2");
        foreach (var line in nomenklatura ? lines.Skip(1) : lines)
        {
            var f = Csv.Split(line);
            if (nomenklatura)
            {
                var col = (string name) => f[header.IndexOf(name)];
                pairs.Add(new LabelledPair(col("case_group"), col("schema"), col("name1"), col("name2"),
                    col("is_match").Equals("true", StringComparison.OrdinalIgnoreCase)));
            }
            else if (f.Count >= 2)
            {
                pairs.Add(new LabelledPair(f.Count > 3 ? f[3] : "cross_script", "Person", f[0], f[1], true));
            }
        }
        return pairs;
    }

    public static BenchReport EvaluatePairs(string path, double threshold = 0.70) => EvaluatePairs(PairsFromCsv(path), threshold);

    public static BenchReport EvaluatePairs(IReadOnlyList<LabelledPair> pairs, double threshold = 0.70)
    {
        var entities = new Dictionary<(string, string), Entity>();
        foreach (var pair in pairs)
        {
            var schema = Schemas.TryGet(pair.Schema, out var s) && s.Matchable ? s : Schemas.LegalEntity;
            if (!entities.ContainsKey((schema.Name, pair.Candidate)))
            {
                entities[(schema.Name, pair.Candidate)] = new Entity($"bench-{entities.Count}", schema, "bench").Add("name", pair.Candidate);
            }
        }
        var screener = new Screener(ScreeningIndex.Build(entities.Values));
        var options = new ScreeningOptions(Threshold: threshold);
        var cases = new List<BenchCase>(pairs.Count);
        foreach (var pair in pairs)
        {
            var schema = Schemas.TryGet(pair.Schema, out var s) && s.Matchable ? s : Schemas.LegalEntity;
            var entity = entities[(schema.Name, pair.Candidate)];
            var query = ScreeningQuery.ForName(pair.Query, schema.Name);
            double score;
            try
            {
                score = screener.Compare(query, entity.Id, options)?.Score ?? 0;
            }
            catch (ArgumentException)
            {
                score = 0;
            }
            cases.Add(new BenchCase(pair.Group, pair.Schema, pair.Query, pair.Candidate, pair.IsMatch, score));
        }
        return Report(cases, threshold);
    }

    public static IReadOnlyList<LabelledQuery> QueriesFromCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var header = Csv.Split(lines[0]);
        return lines.Skip(1).Select(Csv.Split).Select(f =>
        {
            var col = (string name) => header.IndexOf(name) is var i and >= 0 && i < f.Count ? f[i] : "";
            var expected = col("expected_entity");
            return new LabelledQuery(col("id"), col("schema") is { Length: > 0 } schema ? schema : "Any", col("name"),
                expected.Length == 0 ? null : expected, col("category"));
        }).ToList();
    }

    public static BenchReport EvaluateAgainstIndex(string path, Screener screener, ScreeningOptions options) =>
        EvaluateAgainstIndex(QueriesFromCsv(path), screener, options);

    public static BenchReport EvaluateAgainstIndex(IReadOnlyList<LabelledQuery> queries, Screener screener, ScreeningOptions options)
    {
        var cases = new List<BenchCase>(queries.Count);
        foreach (var q in queries)
        {
            var response = screener.Screen(ScreeningQuery.ForName(q.Name, q.Schema, q.Id), options with { Limit = Math.Max(options.Limit, 10) });
            double score;
            if (q.ExpectedEntity is null)
            {
                score = response.Results.Count > 0 ? response.Results[0].Score : 0;
            }
            else
            {
                score = response.Results.FirstOrDefault(r => r.Id == q.ExpectedEntity)?.Score ?? 0;
            }
            cases.Add(new BenchCase(q.Category, q.Schema, q.Name, q.ExpectedEntity ?? "(none)", q.ExpectedEntity is not null, score));
        }
        return Report(cases, options.Threshold);
    }

    public static BenchReport Report(IReadOnlyList<BenchCase> cases, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        var failures = new List<BenchCase>();
        foreach (var c in cases)
        {
            var predicted = c.Score >= threshold;
            switch (c.IsMatch, predicted)
            {
                case (true, true): tp++; break;
                case (true, false): fn++; failures.Add(c); break;
                case (false, true): fp++; failures.Add(c); break;
                default: tn++; break;
            }
        }
        return new BenchReport(threshold, tp, fp, tn, fn, failures);
    }

    /// <summary>Minimal RFC 4180 field splitting for one line (quoted fields, doubled quotes).</summary>
    private static class Csv
    {
        public static List<string> Split(string line)
        {
            var fields = new List<string>();
            var current = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        current.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }
            fields.Add(current.ToString());
            return fields;
        }
    }
}
