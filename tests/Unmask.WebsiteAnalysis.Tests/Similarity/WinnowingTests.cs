using Unmask.WebsiteAnalysis.Similarity;

namespace Unmask.WebsiteAnalysis.Tests.Similarity;

public sealed class WinnowingTests
{
    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(100_000)));

    [Fact]
    public void Any_shared_run_of_window_plus_k_minus_1_words_shares_a_fingerprint()
    {
        var random = new Random(7);
        var guarantee = Winnowing.DefaultWindow + Shingles.DefaultSize - 1;
        for (var trial = 0; trial < 200; trial++)
        {
            var shared = Words(random, guarantee);
            var a = Words(random, random.Next(0, 60)) + " " + shared + " " + Words(random, random.Next(0, 60));
            var b = Words(random, random.Next(0, 60)) + " " + shared + " " + Words(random, random.Next(0, 60));
            var fa = Winnowing.Fingerprints(Shingles.Of(Tokenizer.Tokenize(a)));
            var fb = Winnowing.Fingerprints(Shingles.Of(Tokenizer.Tokenize(b)));
            fa.Intersect(fb).ShouldNotBeEmpty($"trial {trial}");
        }
    }

    [Fact]
    public void Unrelated_texts_share_no_fingerprint()
    {
        var random = new Random(11);
        var fa = Winnowing.Fingerprints(Shingles.Of(Tokenizer.Tokenize(Words(random, 300))));
        var fb = Winnowing.Fingerprints(Shingles.Of(Tokenizer.Tokenize(Words(random, 300))));
        fa.Intersect(fb).ShouldBeEmpty();
    }

    [Fact]
    public void Articles_are_skipped_so_a_dropped_the_still_matches()
    {
        var a = Shingles.Of(Tokenizer.Tokenize("we build the data platforms that the plant managers trust"));
        var b = Shingles.Of(Tokenizer.Tokenize("we build data platforms that plant managers trust"));
        a.Select(s => s.Hash).ShouldBe(b.Select(s => s.Hash));
    }

    [Fact]
    public void Emails_domains_and_phones_are_single_tokens()
    {
        var tokens = Tokenizer.Tokenize("Write to info@acme.example, visit acme.example or call +1 (302) 555-0199 today");
        tokens.Where(t => t.Kind == TokenKind.Email).Select(t => t.Norm).ShouldBe(["info@acme.example"]);
        tokens.Where(t => t.Kind == TokenKind.Domain).Select(t => t.Norm).ShouldBe(["acme.example"]);
        tokens.Where(t => t.Kind == TokenKind.Phone).Select(t => t.Norm).ShouldBe(["13025550199"]);
    }

    [Fact]
    public void MinHash_estimates_jaccard()
    {
        var a = Enumerable.Range(0, 1000).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL).ToList();
        var b = a.Take(500).Concat(Enumerable.Range(5000, 500).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL)).ToList();
        MinHash.Estimate(MinHash.Signature(a), MinHash.Signature(a)).ShouldBe(1);
        MinHash.Estimate(MinHash.Signature(a), MinHash.Signature(b)).ShouldBeInRange(0.15, 0.5); // true Jaccard 1/3
    }
}
