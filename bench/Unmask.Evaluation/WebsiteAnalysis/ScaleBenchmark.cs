using System.Diagnostics;
using System.Text;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Evaluation.WebsiteAnalysis;

/// <summary>Figures of one scale run.</summary>
/// <param name="Sites">Synthetic reference sites in the index.</param>
/// <param name="IndexSeconds">Time to build their features and the index.</param>
/// <param name="IndexBytes">Managed heap growth while holding the index (after a full collection).</param>
/// <param name="AnalysisMilliseconds">Mean time to analyse one planted clone against the index.</param>
/// <param name="MaxAnalysisMilliseconds">Slowest of those analyses.</param>
/// <param name="PlantedFound">Planted clones whose source site was reported as copied.</param>
public sealed record ScaleBenchmarkResult(int Sites, int Pages, double IndexSeconds, long IndexBytes, int Analyses,
    double AnalysisMilliseconds, double MaxAnalysisMilliseconds, int PlantedFound);

/// <summary>Builds an index of synthetic sites (seeded, so a run is reproducible) and times the analysis of clones planted among
/// them: each clone copies most of one indexed site's text with the brand, domain and phone swapped. Pages are generated as
/// extracted features (not HTML) so that the run measures the index and the analysis, not the HTML parser.</summary>
public static class ScaleBenchmark
{
    public static ScaleBenchmarkResult Run(int sites, int seed, int analyses = 10)
    {
        var random = new Random(seed);
        var vocabulary = Vocabulary(random, 6_000);
        // Generic copy shared by many unrelated firms (the hub case: it must not make every site a candidate).
        var boilerplate = Enumerable.Range(0, 40).Select(_ => Sentence(random, vocabulary)).ToList();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var index = new SiteIndex();
        var firms = new List<(string Name, List<PageFeatures> Pages)>(Math.Min(sites, analyses * 1000));
        var pages = 0;
        for (var i = 0; i < sites; i++)
        {
            var name = FirmName(random, vocabulary, i);
            var sitePages = Pages(random, vocabulary, boilerplate, name, i);
            pages += sitePages.Count;
            index.Add(SiteFeatures.FromPages(Snapshot(name, sitePages.Count), SiteRole.Reference, sitePages));
            if (i % Math.Max(1, sites / analyses) == 0 && firms.Count < analyses)
            {
                firms.Add((name, sitePages));
            }
        }
        var indexSeconds = watch.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var analyzer = new SiteAnalyzer();
        var times = new List<double>();
        var found = 0;
        foreach (var (name, sourcePages) in firms)
        {
            var front = "Front" + name.Replace(" ", "", StringComparison.Ordinal) + " LLC";
            var clonePages = sourcePages.Select(p => p with
            {
                Blocks = p.Blocks.Where((_, b) => b % 5 != 4).Select(b => b with { Text = b.Text.Replace(name, front, StringComparison.Ordinal) }).ToList(),
                Canonical = "https://" + Slug(front) + ".example/",
                Phones = ["+13025550100"],
            }).ToList();
            var target = SiteFeatures.FromPages(Snapshot(front, clonePages.Count), SiteRole.Suspect, clonePages);
            var analysis = Stopwatch.StartNew();
            var report = analyzer.Analyze(target, index);
            times.Add(analysis.Elapsed.TotalMilliseconds);
            if (report.Clones.Any(c => c.Reference == Slug(name) + ".example" && c.Relation == CloneMatch.CloneRelation))
            {
                found++;
            }
        }
        GC.KeepAlive(index);
        return new ScaleBenchmarkResult(sites, pages, indexSeconds, after - before, times.Count, times.Count == 0 ? 0 : times.Average(),
            times.Count == 0 ? 0 : times.Max(), found);
    }

    private static SiteSnapshot Snapshot(string name, int pages) =>
        new(name, "synthetic:" + name, Enumerable.Range(0, pages).Select(p => new SitePage($"page{p}.html", "")).ToList(),
            new Dictionary<string, byte[]>(), []);

    private static List<PageFeatures> Pages(Random random, List<string> vocabulary, List<string> boilerplate, string name, int number)
    {
        var domain = Slug(name) + ".example";
        var count = random.Next(2, 5);
        var result = new List<PageFeatures>(count);
        for (var p = 0; p < count; p++)
        {
            var blocks = new List<TextBlock>
            {
                new($"{name} | {vocabulary[random.Next(vocabulary.Count)]}", BlockRole.Boilerplate),
                new("Home About Services Contact", BlockRole.Boilerplate),
            };
            var paragraphs = random.Next(4, 9);
            for (var b = 0; b < paragraphs; b++)
            {
                var text = new StringBuilder();
                var sentences = random.Next(2, 5);
                for (var s = 0; s < sentences; s++)
                {
                    text.Append(random.Next(10) == 0 ? boilerplate[random.Next(boilerplate.Count)] : Sentence(random, vocabulary)).Append(' ');
                }
                if (b == 0)
                {
                    text.Append(name).Append(" helps clients since ").Append(1990 + random.Next(30)).Append('.');
                }
                blocks.Add(new TextBlock(text.ToString().Trim(), BlockRole.Content));
            }
            blocks.Add(new TextBlock($"© 2024 {name}. All rights reserved.", BlockRole.Boilerplate));
            result.Add(new PageFeatures
            {
                Path = $"page{p}.html",
                Title = blocks[0].Text,
                Canonical = $"https://{domain}/page{p}.html",
                Blocks = blocks,
                Trackers = [$"G-{number:X8}"],
                Phones = [$"+1312{number % 10_000_000:0000000}"],
                Emails = [$"info@{domain}"],
                CopyrightLines = [blocks[^1].Text],
            });
        }
        return result;
    }

    private static string Sentence(Random random, List<string> vocabulary)
    {
        var words = random.Next(8, 18);
        var builder = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            // Squaring skews choices towards the start of the list: a few common words, a long tail (roughly Zipf-like).
            var pick = random.NextDouble();
            builder.Append(w == 0 ? "" : " ").Append(vocabulary[(int)(pick * pick * vocabulary.Count)]);
        }
        builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.Append('.').ToString();
    }

    private static List<string> Vocabulary(Random random, int size)
    {
        string[] onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "pr", "tr", "gr", "pl", "ch"];
        string[] vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"];
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < size)
        {
            var syllables = random.Next(1, 4);
            var word = new StringBuilder();
            for (var s = 0; s < syllables; s++)
            {
                word.Append(onsets[random.Next(onsets.Length)]).Append(vowels[random.Next(vowels.Length)]);
            }
            if (random.Next(3) == 0)
            {
                word.Append(onsets[random.Next(onsets.Length)]);
            }
            words.Add(word.ToString());
        }
        return words.ToList();
    }

    private static string FirmName(Random random, List<string> vocabulary, int number)
    {
        var word = vocabulary[random.Next(vocabulary.Count)];
        return char.ToUpperInvariant(word[0]) + word[1..] + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + " Systems";
    }

    private static string Slug(string name) => new(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
