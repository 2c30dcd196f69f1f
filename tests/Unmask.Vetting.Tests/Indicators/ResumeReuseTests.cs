using Unmask.Vetting.Indicators;
using Unmask.Vetting.Normalisation;

namespace Unmask.Vetting.Tests.Indicators;

/// <summary>The anchor-indexed résumé matcher against a brute-force all-pairs version of the INDICATORS.md rule.</summary>
public sealed class ResumeReuseTests
{
    private static readonly string[] Vocabulary =
        ["build", "deliver", "secure", "cloud", "data", "team", "client", "remote", "scalable", "platform", "design", "test",
         "deploy", "mobile", "web", "api", "service", "project", "lead", "review", "fast", "clean", "code", "product", "support"];

    private static string Words(Random rng, int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary[rng.Next(Vocabulary.Length)]));

    /// <summary>Copies <paramref name="count"/> words of <paramref name="source"/> from a random start, replacing each word
    /// with probability <paramref name="editRate"/> (edits break shingles the way a lightly reworded template does).</summary>
    private static string Copy(Random rng, string source, int count, double editRate)
    {
        var words = source.Split(' ');
        var start = rng.Next(Math.Max(1, words.Length - count));
        return string.Join(' ', words.Skip(start).Take(count).Select(w => rng.NextDouble() < editRate ? Vocabulary[rng.Next(Vocabulary.Length)] + "x" : w));
    }

    /// <summary>Every ordered pair of different identities, the window rule applied directly: (document, other) → passage words.</summary>
    private static Dictionary<(int, int), int> BruteForce(IReadOnlyList<string?> texts, IReadOnlyList<string> identities)
    {
        var shingles = texts.Select(t => t is null ? [] : ResumeReuse.Shingles(TextFold.Tokens(t))).ToArray();
        var df = shingles.SelectMany(s => s.Distinct()).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var boilerplate = Math.Max(ResumeReuse.MinBoilerplateDocs, 0.02 * texts.Count(t => !string.IsNullOrWhiteSpace(t)));
        const int window = ResumeReuse.PassageWords - ResumeReuse.ShingleWords + 1;
        var need = (int)Math.Ceiling(window * ResumeReuse.Containment);
        var result = new Dictionary<(int, int), int>();
        for (var d = 0; d < texts.Count; d++)
        {
            for (var o = 0; o < texts.Count; o++)
            {
                if (o == d || identities[o] == identities[d])
                {
                    continue;
                }
                var other = shingles[o].ToHashSet();
                var marked = shingles[d].Select(s => other.Contains(s) && df[s] >= 2 && df[s] <= boilerplate).ToArray();
                var best = 0;
                int runStart = -1, runEnd = -1;
                for (var end = window - 1; end < marked.Length; end++)
                {
                    if (marked.Skip(end - window + 1).Take(window).Count(m => m) < need)
                    {
                        continue;
                    }
                    var start = end - window + 1;
                    if (runStart < 0 || start > runEnd)
                    {
                        runStart = start;
                    }
                    runEnd = end;
                    best = Math.Max(best, runEnd - runStart + 1);
                }
                if (best > 0)
                {
                    result[(d, o)] = best + ResumeReuse.ShingleWords - 1;
                }
            }
        }
        return result;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Finds_exactly_the_pairs_the_all_pairs_rule_finds(int seed)
    {
        var rng = new Random(seed);
        var texts = new List<string?>();
        for (var i = 0; i < 120; i++)
        {
            texts.Add(i % 17 == 0 ? null : Words(rng, rng.Next(20, 120)));
        }
        // Copies of 30-70 words with 0-6% of words edited, pasted between fresh words of other résumés.
        for (var k = 0; k < 40; k++)
        {
            var from = rng.Next(texts.Count);
            var to = rng.Next(texts.Count);
            if (texts[from] is { } source && from != to)
            {
                texts[to] = $"{Words(rng, rng.Next(0, 15))} {Copy(rng, source, rng.Next(30, 71), rng.Next(0, 4) * 0.02)} {Words(rng, rng.Next(0, 15))}";
            }
        }
        var identities = texts.Select((_, i) => $"person {i % 100}").ToList();

        var expected = BruteForce(texts, identities);
        var actual = ResumeReuse.Find(texts, identities)
            .SelectMany(kv => kv.Value.Select(p => (Key: (kv.Key, p.OtherIndex), p.Words)))
            .ToDictionary(x => x.Key, x => x.Words);

        expected.Count.ShouldBeGreaterThan(10);
        string.Join("; ", expected.Where(e => !actual.TryGetValue(e.Key, out var w) || w != e.Value).Select(e => $"{e.Key} {e.Value}/{actual.GetValueOrDefault(e.Key)}"))
            .ShouldBe("", "missed by the matcher");
        string.Join("; ", actual.Where(e => !expected.ContainsKey(e.Key)).Select(e => $"{e.Key} {e.Value}")).ShouldBeEmpty("not in the all-pairs result");
    }

    [Fact]
    public void A_passage_in_more_than_five_resumes_of_a_small_batch_is_boilerplate()
    {
        var rng = new Random(7);
        var passage = Words(rng, 50);
        string?[] Batch(int copies) => Enumerable.Range(0, 8).Select(i => (string?)(i < copies ? $"{Words(rng, 5)} {passage}" : Words(rng, 60))).ToArray();
        var identities = Enumerable.Range(0, 8).Select(i => $"person {i}").ToList();

        ResumeReuse.Find(Batch(5), identities).Keys.ShouldBe([0, 1, 2, 3, 4], ignoreOrder: true);
        ResumeReuse.Find(Batch(6), identities).ShouldBeEmpty();
    }
}
