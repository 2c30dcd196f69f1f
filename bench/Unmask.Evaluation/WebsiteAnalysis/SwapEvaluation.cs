using System.Globalization;
using System.Text;
using System.Text.Json;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;

namespace Unmask.Evaluation.WebsiteAnalysis;

/// <summary>Found / applied (recall) and right / reported (precision) brand substitutions of one kind or form.</summary>
public sealed record SwapFigures(string Key, int Applied, int Found, int Reported, int Right)
{
    public double Recall => Applied == 0 ? 1 : (double)Found / Applied;
    public double Precision => Reported == 0 ? 1 : (double)Right / Reported;
}

/// <summary>Brand-swap recall and precision per kind (name, person, phone, email, domain, address, tracker, social) and per page
/// form (text, href, mailto, tel, meta, script, jsonld, data), on clones generated from the corpus's reference sites
/// (<see cref="CloneGenerator"/>) and on the labelled suspects of the corpus; each on the tuning part, the held-back part
/// (<see cref="CorpusSplit"/>) and both.</summary>
public static class SwapEvaluation
{
    public static readonly string[] Kinds = ["name", "person", "phone", "email", "domain", "address", "tracker", "social"];

    public sealed record GeneratedResult(int Clones, int ClonesFound, IReadOnlyList<SwapFigures> Kinds, IReadOnlyList<SwapFigures> Forms,
        int KeptIdentifiers, int FalseSwapsOfKept, IReadOnlyList<string> Missed, IReadOnlyList<string> Wrong);

    /// <summary>Indexes the augmented references, analyses each generated clone and compares its substitutions with the swaps
    /// applied. <paramref name="heldBack"/>: only clones of held-back references (true), of the others (false), or all (null).</summary>
    public static GeneratedResult Generated(string referenceFolder, int seed, bool? heldBack)
    {
        var (references, clones) = CloneGenerator.Generate(referenceFolder, seed);
        var indexed = references.ToDictionary(r => r.Name, r => SiteFeatures.Extract(r, SiteRole.Reference), StringComparer.Ordinal);
        var index = SiteIndex.Build(indexed.Values);
        var analyzer = new SiteAnalyzer();
        var kinds = Kinds.ToDictionary(k => k, _ => new int[4], StringComparer.Ordinal);
        var forms = CloneGenerator.Forms.ToDictionary(f => f, _ => new int[2], StringComparer.Ordinal);
        var missed = new List<string>();
        var wrong = new List<string>();
        int count = 0, found = 0, kept = 0, falseKept = 0;
        foreach (var clone in clones.Where(c => heldBack is null || CorpusSplit.IsHeldBack(c.Reference) == heldBack))
        {
            count++;
            var target = SiteFeatures.Extract(clone.Site, SiteRole.Suspect);
            var report = analyzer.Analyze(target, index);
            var match = report.Clones.FirstOrDefault(c => c.Reference == indexed[clone.Reference].Key && c.Relation == CloneMatch.CloneRelation);
            found += match is null ? 0 : 1;
            if (match is null)
            {
                missed.Add($"{clone.Name}: not a clone of {indexed[clone.Reference].Key}: {string.Join(", ", report.Clones.Select(c => $"{c.Reference} {c.Relation} [{string.Join("; ", c.SameSiteEvidence)}]"))}");
            }
            var reported = match?.BrandSubstitutions ?? [];
            foreach (var swap in clone.Swaps)
            {
                var hit = reported.Any(s => s.Type == swap.Type && SiteCorpusEvaluation.SubstitutionMatches(s, swap.Original, swap.Replacement, swap.Type));
                kinds[swap.Type][0]++;
                kinds[swap.Type][1] += hit ? 1 : 0;
                if (swap.Forms.Count == 1 || clone.Variant == "everywhere")
                {
                    var form = clone.Variant == "everywhere" ? "everywhere" : swap.Forms.Single();
                    forms.TryAdd(form, new int[2]);
                    forms[form][0]++;
                    forms[form][1] += hit ? 1 : 0;
                }
                if (!hit)
                {
                    missed.Add($"{clone.Name}: {swap.Type}: {swap.Original} -> {swap.Replacement} [{string.Join(",", swap.Forms)}]");
                }
            }
            foreach (var s in reported)
            {
                var right = clone.Swaps.Any(a => a.Type == s.Type && SiteCorpusEvaluation.SubstitutionMatches(s, a.Original, a.Replacement, a.Type));
                var kind = kinds.TryGetValue(s.Type, out var k) ? k : kinds["name"];
                kind[2]++;
                kind[3] += right ? 1 : 0;
                if (!right)
                {
                    wrong.Add($"{clone.Name}: {s.Type}: {s.Original} -> {s.Replacement} x{s.Count} ({s.Where})");
                }
            }
            foreach (var k in clone.Kept)
            {
                kept++;
                falseKept += reported.Any(s => s.Type == k.Type && SiteCorpusEvaluation.SubstitutionMatches(s, k.Original, k.Original, k.Type)
                    || (s.Type == k.Type && SiteCorpusEvaluation.SubstitutionMatches(s, k.Original, s.Replacement, k.Type))) ? 1 : 0;
            }
        }
        return new GeneratedResult(count, found,
            kinds.Select(k => new SwapFigures(k.Key, k.Value[0], k.Value[1], k.Value[2], k.Value[3])).ToList(),
            forms.Select(f => new SwapFigures(f.Key, f.Value[0], f.Value[1], 0, 0)).ToList(),
            kept, falseKept, missed, wrong);
    }

    /// <summary>The report on one generated clone (<c>slug~variant</c>) with the swaps applied, to see why one is missed.</summary>
    public static string Explain(string corpusFolder, int seed, string cloneName)
    {
        var (references, clones) = CloneGenerator.Generate(Path.Combine(corpusFolder, "reference"), seed);
        var index = SiteIndex.Build(references.Select(r => SiteFeatures.Extract(r, SiteRole.Reference)));
        var clone = clones.First(c => c.Name == cloneName);
        var target = SiteFeatures.Extract(clone.Site, SiteRole.Suspect);
        var report = new SiteAnalyzer().Analyze(target, index);
        return $"brand names: {string.Join(" | ", target.BrandNames)}\napplied:\n  {string.Join("\n  ", clone.Swaps.Select(s => $"{s.Type}: {s.Original} -> {s.Replacement} [{string.Join(",", s.Forms)}]"))}\n"
            + SiteReportJson.ToJson(report with { Clones = report.Clones.Select(c => c with { Passages = [] }).ToList() }, indented: true);
    }

    /// <summary>Per-kind recall of the labelled substitutions of the corpus (labels.json, <c>brand_substitutions</c> with
    /// <c>type</c>), read from <see cref="SiteCorpusEvaluation"/>'s misses: all sites, the tuning part and the held-back part.</summary>
    public static (IReadOnlyList<SwapFigures> All, IReadOnlyList<SwapFigures> Tuning, IReadOnlyList<SwapFigures> HeldBack, double Precision, IReadOnlyList<string> Missed) Corpus(string corpusFolder)
    {
        var result = SiteCorpusEvaluation.Run(corpusFolder);
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpusFolder, "labels.json")));
        var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var label in labels.RootElement.EnumerateArray())
        {
            var types = new List<string>();
            foreach (var copy in label.TryGetProperty("copies", out var copies) ? copies.EnumerateArray() : default)
            {
                foreach (var s in copy.TryGetProperty("brand_substitutions", out var subs) ? subs.EnumerateArray() : default)
                {
                    types.Add(s.TryGetProperty("type", out var t) ? t.GetString()! : "name");
                }
            }
            expected[label.GetProperty("site").GetString()!] = types;
        }
        List<SwapFigures> Figures(Func<string, bool> include)
        {
            var details = result.Details.Where(d => include(d.Site)).ToList();
            return Kinds.Select(kind =>
            {
                var applied = details.Sum(d => expected.GetValueOrDefault(d.Site)?.Count(t => t == kind) ?? 0);
                var miss = details.Sum(d => d.MissedSubstitutions.Count(m => m.StartsWith(kind + ":", StringComparison.Ordinal)));
                return new SwapFigures(kind, applied, applied - miss, 0, 0);
            }).ToList();
        }
        var missed = result.Details.SelectMany(d => d.MissedSubstitutions.Select(m => $"{d.Site}{(CorpusSplit.IsHeldBack(d.Site) ? " (held back)" : "")}: missed {m}")
            .Concat((d.UnlabelledSubstitutions ?? []).Select(u => $"{d.Site}: unlabelled {u}"))).ToList();
        return (Figures(_ => true), Figures(s => !CorpusSplit.IsHeldBack(s)), Figures(CorpusSplit.IsHeldBack), result.BrandSubstitutionPrecision, missed);
    }

    /// <summary>The <c>sites-swaps</c> bench report: generated clones (seed 1 is the tuning seed; the other is reported too),
    /// tuning and held-back references apart, and the labelled corpus.</summary>
    public static string Report(string corpusFolder, int[] seeds, bool details = false)
    {
        var text = new StringBuilder();
        var referenceFolder = Path.Combine(corpusFolder, "reference");
        foreach (var seed in seeds)
        {
            foreach (var (part, heldBack) in new[] { ("tuning", (bool?)false), ("held-back", (bool?)true) })
            {
                var g = Generated(referenceFolder, seed, heldBack);
                text.AppendLine(CultureInfo.InvariantCulture, $"generated clones, seed {seed}, {part} references: {g.ClonesFound}/{g.Clones} clones found, kept identifiers reported as swaps {g.FalseSwapsOfKept}/{g.KeptIdentifiers}");
                text.AppendLine(Table("kind", g.Kinds, precision: true));
                text.AppendLine(Table("form", g.Forms, precision: false));
                if (details)
                {
                    text.AppendLine("missed:\n  " + string.Join("\n  ", g.Missed.Take(60)));
                    text.AppendLine("wrong:\n  " + string.Join("\n  ", g.Wrong.Take(60)));
                }
            }
        }
        var (all, tuning, held, precision, corpusMissed) = Corpus(corpusFolder);
        text.AppendLine(CultureInfo.InvariantCulture, $"labelled corpus (precision of all reported {precision:F3}): recall per kind, all / tuning / held-back");
        foreach (var kind in Kinds)
        {
            var a = all.First(f => f.Key == kind);
            var t = tuning.First(f => f.Key == kind);
            var h = held.First(f => f.Key == kind);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-8} {Cell(a)}  {Cell(t)}  {Cell(h)}");
        }
        if (details)
        {
            text.AppendLine("  " + string.Join("\n  ", corpusMissed));
        }
        return text.ToString();

        static string Cell(SwapFigures f) => f.Applied == 0 ? "      -       " : $"{f.Recall:F2} ({f.Found,3}/{f.Applied,3})";
    }

    private static string Table(string title, IReadOnlyList<SwapFigures> rows, bool precision)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"  {title,-10} recall              {(precision ? "precision" : "")}");
        foreach (var f in rows.Where(r => r.Applied > 0 || r.Reported > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {f.Key,-10} {f.Recall:F2} ({f.Found,4}/{f.Applied,4})");
            if (precision)
            {
                text.Append(CultureInfo.InvariantCulture, $"   {f.Precision:F2} ({f.Right,4}/{f.Reported,4})");
            }
            text.AppendLine();
        }
        return text.ToString().TrimEnd();
    }
}
