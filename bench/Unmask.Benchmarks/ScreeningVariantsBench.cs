using System.Diagnostics;
using System.Globalization;
using System.Text;
using Unmask.Application.Screening;
using Unmask.Domain;
using Unmask.Evaluation.Screening;
using Unmask.Screening;
using Unmask.Storage.Sqlite;

namespace Unmask.Benchmarks;

/// <summary>
/// Recall and false positives on the real lists with generated queries: listed names rewritten the ways recruiters, HR systems
/// and OSINT notes write them (<see cref="QueryVariants"/>), and namesakes that must not match (<see cref="QueryNegatives"/>);
/// and what blocking loses against an exhaustive scan of the whole index (<see cref="BlockingLoss"/>).
/// </summary>
public static class ScreeningVariantsBench
{
    private static readonly ScreeningOptions Options = new(Threshold: 0.70, Limit: 10);
    private const int ShownCases = 30;

    /// <summary>A listed entity picked for the run and the name of it that is rewritten.</summary>
    private sealed record Sampled(Entity Entity, string Name);

    public static Task<string> VariantsAsync(int entities, int seed) => ScreeningBench.WithAllListsAsync(async store =>
    {
        var (catalogue, screener) = await LoadAsync(store);
        var random = new Random(seed);
        var sample = Sample(catalogue, entities, random, korean: entities / 4);
        var negatives = new QueryNegatives(catalogue);

        var positives = new List<(Sampled Source, QueryVariant Variant, ScreeningResponse Response)>();
        var namesakes = new List<(NegativeQuery Negative, ScreeningResponse Response)>();
        var watch = Stopwatch.StartNew();
        foreach (var source in sample)
        {
            foreach (var variant in QueryVariants.Generate(source.Name, source.Entity.Schema, random, 1 + random.Next(3)))
            {
                positives.Add((source, variant, screener.Screen(ScreeningQuery.ForName(variant.Name, source.Entity.Schema.Name), Options)));
            }
            if (negatives.Generate(source.Entity, source.Name, random) is { } negative)
            {
                namesakes.Add((negative, screener.Screen(ScreeningQuery.ForName(negative.Name, negative.Schema), Options)));
            }
        }
        var screening = watch.Elapsed;

        var report = new StringBuilder();
        report.AppendLine(Invariant($"index: {screener.Index.EntityCount:N0} entities; sampled {entities:N0} + {sample.Count - entities:N0} persons with a Korean surname ({Describe(sample.GroupBy(s => s.Entity.Schema.Name))}), seed {seed}; options threshold {Options.Threshold:0.00}, limit {Options.Limit}"));
        report.AppendLine(Invariant($"screened {positives.Count + namesakes.Count:N0} queries in {screening.TotalSeconds:F1} s"));

        bool Hit((Sampled Source, QueryVariant Variant, ScreeningResponse Response) p) =>
            p.Response.Results.Any(r => r.Match && r.Id == p.Source.Entity.Id);
        var hits = positives.Count(Hit);
        report.AppendLine(Invariant($"variants: {positives.Count:N0}, recall {Rate(hits, positives.Count)} (expected entity among the matches)"));
        report.AppendLine("  by transformation              with it (alone or combined)    alone");
        foreach (var transformation in QueryVariants.All)
        {
            var with = positives.Where(p => p.Variant.Applied.Contains(transformation)).ToList();
            var alone = with.Where(p => p.Variant.Applied.Count == 1).ToList();
            report.AppendLine(Invariant($"  {transformation,-28}{Rate(with.Count(Hit), with.Count),-31}{Rate(alone.Count(Hit), alone.Count)}"));
        }
        var korean = sample.Skip(entities).Select(k => k.Entity.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stratum in positives.GroupBy(p => korean.Contains(p.Source.Entity.Id) ? "Korean-surname persons" : "uniform sample"))
        {
            report.AppendLine(Invariant($"  {stratum.Key,-28}{Rate(stratum.Count(Hit), stratum.Count())}"));
        }
        foreach (var schema in positives.GroupBy(p => p.Source.Entity.Schema.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.AppendLine(Invariant($"  schema {schema.Key,-21}{Rate(schema.Count(Hit), schema.Count())}"));
        }

        var misses = positives.Where(p => !Hit(p)).Select(p => (p.Source, p.Variant, p.Response,
            Expected: screener.Compare(ScreeningQuery.ForName(p.Variant.Name, p.Source.Entity.Schema.Name), p.Source.Entity.Id, Options)?.Score)).ToList();
        report.AppendLine(Invariant($"misses: {misses.Count:N0}; {Describe(misses.GroupBy(m => MissCause(m.Expected)))}"));
        foreach (var miss in RoundRobin(misses, m => m.Variant.Label))
        {
            var top = miss.Response.Results.FirstOrDefault();
            report.AppendLine(Invariant($"  MISS [{miss.Variant.Label}] \"{miss.Variant.Name}\" <- \"{miss.Source.Name}\" ({miss.Source.Entity.Id}): expected {Score(miss.Expected)}; top {(top is null ? "none" : $"{top.Score:0.000} \"{top.MatchedName}\" ({top.Id})")}"));
        }

        // Whose name matched: the source (the namesake confusion the negative is made to test), the donor of the given names or
        // distinctive word (the query carries that entity's identifying part, so a match there is partly by construction), or a
        // third entity that happens to be close.
        string Cause(NegativeQuery negative, ScreeningResult result) =>
            result.Id == negative.SourceEntityId ? "source" : result.Id == negative.DonorEntityId ? "donor" : "other entity";
        var falsePositives = namesakes.Where(n => n.Response.Results.Any(r => r.Match))
            .Select(n => (n.Negative, n.Response, Cause: n.Response.Results.Where(r => r.Match).Select(r => Cause(n.Negative, r)).Min(StringComparer.Ordinal)!))
            .ToList();
        report.AppendLine(Invariant($"negatives: {namesakes.Count:N0} ({Describe(namesakes.GroupBy(n => n.Negative.Kind.ToString()))}); false positives (any match >= {Options.Threshold:0.00}) {Rate(falsePositives.Count, namesakes.Count)}"));
        report.AppendLine("  by kind                     any match              source matched         donor matched          other entity matched");
        foreach (var kind in namesakes.GroupBy(n => n.Negative.Kind))
        {
            var matched = (string cause) => kind.Count(n => n.Response.Results.Any(r => r.Match && Cause(n.Negative, r) == cause));
            report.AppendLine(Invariant($"  {kind.Key,-28}{Rate(kind.Count(n => n.Response.Results.Any(r => r.Match)), kind.Count()),-23}{Rate(matched("source"), kind.Count()),-23}{Rate(matched("donor"), kind.Count()),-23}{Rate(matched("other entity"), kind.Count())}"));
        }
        foreach (var fp in RoundRobin(falsePositives, f => f.Negative.Kind + "/" + f.Cause))
        {
            var top = fp.Response.Results.First(r => r.Match);
            report.AppendLine(Invariant($"  FP [{fp.Negative.Kind}] \"{fp.Negative.Name}\" <- \"{fp.Negative.SourceName}\" ({fp.Negative.SourceEntityId}, donor {fp.Negative.DonorEntityId}): {top.Score:0.000} \"{top.MatchedName}\" ({top.Id}, {Cause(fp.Negative, top)})"));
        }
        return report.ToString().TrimEnd();
    });

    public static Task<string> BlockingAsync(int queries, int seed) => ScreeningBench.WithAllListsAsync(async store =>
    {
        var (catalogue, screener) = await LoadAsync(store);
        var random = new Random(seed);
        var unrelated = queries / 10;
        var sample = Sample(catalogue, queries - unrelated, random);
        var variants = sample
            .Select(s => (s, Variants: QueryVariants.Generate(s.Name, s.Entity.Schema, random, 1)))
            .Where(x => x.Variants.Count > 0)
            .Select(x => (x.Variants[0].Name, Schema: x.s.Entity.Schema.Name, Source: x.s.Entity.Id))
            .ToList();
        var sourceOf = variants.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(v => v.Source).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var generated = variants.Select(v => ScreeningQuery.ForName(v.Name, v.Schema))
            .Concat(Enumerable.Range(0, unrelated).Select(_ => ScreeningQuery.ForName(
                $"{ScreeningBench.Given[random.Next(ScreeningBench.Given.Length)]} {ScreeningBench.Family[random.Next(ScreeningBench.Family.Length)]}", "Person")))
            .ToList();

        var watch = Stopwatch.StartNew();
        var done = 0;
        var report = BlockingLoss.Measure(screener, generated.Select(query =>
        {
            if (++done % 10 == 0 || done == generated.Count)
            {
                Console.Error.WriteLine(Invariant($"  {done}/{generated.Count} queries, {watch.Elapsed.TotalSeconds:F0} s, {watch.Elapsed.TotalMilliseconds / done:F0} ms per query (indexed + exhaustive)"));
            }
            return query;
        }), Options);
        var elapsed = watch.Elapsed;

        var lines = new List<string>
        {
            Invariant($"index: {screener.Index.EntityCount:N0} entities (every imported list); {generated.Count - unrelated:N0} variant queries of sampled Person/Company/Organization names + {unrelated:N0} unrelated common names, seed {seed}"),
            report.ToString(),
            Invariant($"lost matches that are the entity the query was written from: {report.LostMatches.Count(l => sourceOf.TryGetValue(l.Query, out var sources) && sources.Contains(l.EntityId)):N0}; queries that lost any match: {report.LostMatches.Select(l => l.Query).Distinct(StringComparer.Ordinal).Count():N0}"),
            Invariant($"time: {elapsed.TotalSeconds:F1} s, {elapsed.TotalMilliseconds / Math.Max(1, generated.Count):F0} ms per query (one indexed search + one exhaustive scan)"),
        };
        lines.AddRange(report.LostMatches.Select(l => Invariant($"  LOST \"{l.Query}\" -> {l.EntityId} ({catalogue.First(e => e.Id == l.EntityId).Caption}) {l.Score:0.000}")));
        return string.Join(Environment.NewLine, lines);
    });

    private static async Task<(List<Entity> Catalogue, Screener Screener)> LoadAsync(SqliteStore store)
    {
        var service = await ScreeningService.LoadAsync(store);
        var catalogue = new List<Entity>(service.EntityCount);
        await foreach (var entity in store.Lists.GetEntitiesAsync())
        {
            catalogue.Add(entity);
        }
        return (catalogue, service.Screener);
    }

    /// <summary>Up to <paramref name="count"/> Person, Company and Organization entities in a seeded order, each with one of its
    /// names or aliases written in Latin script (the generators rewrite Latin-script names only); then up to
    /// <paramref name="korean"/> more whose name starts or ends with a Korean surname, because a uniform sample of every list
    /// holds few of the DPRK names this project is for, too few to measure the Korean rewritings.</summary>
    private static List<Sampled> Sample(List<Entity> catalogue, int count, Random random, int korean = 0)
    {
        var eligible = catalogue.Where(e => e.Schema.Name is "Person" or "Company" or "Organization").ToArray();
        random.Shuffle(eligible);
        var sample = new List<Sampled>(count + korean);
        var koreanSample = new List<Sampled>(korean);
        foreach (var entity in eligible)
        {
            // A few UN entries come through as several names in one value ("A; B; C"): not a name anyone would rewrite.
            var names = entity.Get("name").Concat(entity.Get("alias"))
                .Where(n => QueryVariants.IsLatinScript(n) && !n.Contains(';', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                continue;
            }
            if (sample.Count < count)
            {
                sample.Add(new Sampled(entity, names[random.Next(names.Count)]));
            }
            else if (koreanSample.Count < korean && entity.Schema.Name == "Person"
                && names.FirstOrDefault(n => n.Split(' ') is var words && words.Length > 1
                    && (QueryVariants.KoreanSurnameGroup(words[0].TrimEnd(',')) is not null || QueryVariants.KoreanSurnameGroup(words[^1]) is not null)) is { } name)
            {
                koreanSample.Add(new Sampled(entity, name));
            }
            else if (koreanSample.Count == korean)
            {
                break;
            }
        }
        return [.. sample, .. koreanSample];
    }

    /// <summary>Up to <see cref="ShownCases"/> cases taken in turn from each group, so that every kind of failure is shown.</summary>
    private static IEnumerable<T> RoundRobin<T>(IEnumerable<T> cases, Func<T, string> group)
    {
        var queues = cases.GroupBy(group).OrderByDescending(g => g.Count()).Select(g => new Queue<T>(g)).ToList();
        var shown = 0;
        while (shown < ShownCases && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                if (shown++ == ShownCases)
                {
                    yield break;
                }
                yield return queue.Dequeue();
            }
        }
    }

    private static string MissCause(double? expected) => expected switch
    {
        null => "not comparable (schema)",
        { } s when s >= Options.Threshold => "expected scores >= threshold but was not returned (blocking or limit)",
        { } s when s >= Options.MinimumScore => "expected scores between the minimum score and the threshold",
        _ => "expected scores below the minimum score",
    };

    private static string Score(double? score) => score is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Rate(int part, int whole) =>
        whole == 0 ? "n/a (0/0)" : Invariant($"{(double)part / whole:P1} ({part:N0}/{whole:N0})");

    private static string Describe<T>(IEnumerable<IGrouping<string, T>> groups) =>
        string.Join(", ", groups.OrderByDescending(g => g.Count()).Select(g => Invariant($"{g.Key} {g.Count():N0}")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
