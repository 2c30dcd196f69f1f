using System.Diagnostics;
using System.Text.Json;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Evaluation.WebsiteAnalysis;

/// <summary>Outcome for one labelled site.</summary>
public sealed record SiteEvaluation(string Site, string Kind, IReadOnlyList<string> Expected, IReadOnlyList<string> Claimed,
    IReadOnlyList<string> SameSite, int SubstitutionsExpected, int SubstitutionsFound, IReadOnlyList<string> MissedSubstitutions,
    IReadOnlyList<string> SiblingsExpected, IReadOnlyList<string> SiblingsFound, IReadOnlyList<string> OtherSuspectPivots,
    int SubstitutionsReported = 0, IReadOnlyList<string>? UnlabelledSubstitutions = null);

/// <summary>Figures of one run over a labelled corpus (layout of <c>shared/data/sites</c>: reference/, suspect/, labels.json).</summary>
/// <param name="Precision">Correct (site, reference) clone claims / all clone claims.</param>
/// <param name="Recall">Labelled (site, reference) copies claimed / all labelled copies.</param>
/// <param name="TemplateSiblingFalsePositiveRate">Template siblings with any clone claim / template siblings.</param>
/// <param name="NegativeFalsePositiveRate">Negatives (template, boilerplate, quote, same site) with any clone claim / negatives.</param>
/// <param name="SameSiteRecognised">Same-owner and archive sites reported as <c>same_site</c> of the right reference.</param>
/// <param name="BrandSubstitutionRecall">Labelled brand substitutions found / labelled brand substitutions.</param>
/// <param name="BrandSubstitutionPrecision">Reported substitutions (on correct clone claims) that match a labelled one / all reported.
/// The labels list only the pairs the generator applied, so unlabelled reports are not all wrong (a title edit, a re-worded
/// link); the list per site is in <see cref="SiteEvaluation.UnlabelledSubstitutions"/>.</param>
/// <param name="PivotRecall">Labelled operator-sibling pairs found as pivots / labelled pairs.</param>
/// <param name="PivotPrecision">Pivots to suspect sites that are labelled siblings / all pivots to suspect sites with a strong identifier.</param>
/// <param name="PagesPerSecond">Pages loaded, extracted and fingerprinted per second.</param>
/// <param name="AnalysisMilliseconds">Mean time to analyse one site against the index.</param>
/// <param name="IndexedIds">Distinct ids in the index / sites indexed: 1 when every reference and suspect keeps its own id.</param>
/// <param name="All">Clone and negative figures over every labelled site.</param>
/// <param name="HeldBack">The same over the held-back part (<see cref="CorpusSplit.IsHeldBack"/>).</param>
public sealed record SiteCorpusEvaluationResult(
    int Sites, int Pages, double Precision, double Recall, double F1, double SiteRecall,
    double TemplateSiblingFalsePositiveRate, double NegativeFalsePositiveRate, int SameSiteTotal, int SameSiteRecognised,
    double BrandSubstitutionRecall, double BrandSubstitutionPrecision, double PivotRecall, double PivotPrecision, double PagesPerSecond, double AnalysisMilliseconds,
    IReadOnlyList<SiteEvaluation> Details, double IndexedIds = 1, CloneFigures? All = null, CloneFigures? HeldBack = null);

/// <summary>Clone precision, recall and F1 over (site, reference) claims, the share of negatives with any clone claim (all and
/// per kind: templates, boilerplate, quotes, redesigns, archives) and same-site versions recognised, over one part of the corpus.</summary>
public sealed record CloneFigures(int Sites, double Precision, double Recall, double F1, int Negatives, double NegativesFlagged,
    IReadOnlyDictionary<string, (int Flagged, int Total)> NegativesFlaggedByKind, int SameSiteTotal, int SameSiteRecognised)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Sites} sites: clone precision {Precision:0.000} recall {Recall:0.000} F1 {F1:0.000}; negatives flagged {NegativesFlagged:0.000} of {Negatives} "
        + $"({string.Join(", ", NegativesFlaggedByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value.Flagged}/{k.Value.Total}"))}); "
        + $"same_site recognised {SameSiteRecognised}/{SameSiteTotal}");

    public static CloneFigures Of(IReadOnlyList<SiteEvaluation> details, IReadOnlyDictionary<string, string> sameSiteAs)
    {
        var truePositives = details.Sum(d => d.Claimed.Count(d.Expected.Contains));
        var claims = details.Sum(d => d.Claimed.Count);
        var expected = details.Sum(d => d.Expected.Count);
        var precision = claims == 0 ? 1 : (double)truePositives / claims;
        var recall = expected == 0 ? 1 : (double)truePositives / expected;
        var negatives = details.Where(d => d.Expected.Count == 0).ToList();
        var sameSite = details.Where(d => sameSiteAs.ContainsKey(d.Site)).ToList();
        return new CloneFigures(details.Count, precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            negatives.Count, negatives.Count == 0 ? 0 : (double)negatives.Count(d => d.Claimed.Count > 0) / negatives.Count,
            negatives.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => (g.Count(d => d.Claimed.Count > 0), g.Count())),
            sameSite.Count, sameSite.Count(d => d.SameSite.Contains(sameSiteAs[d.Site])));
    }
}

/// <summary>Indexes every <c>reference/</c> site as a reference and every <c>suspect/</c> site as a suspect, analyses each
/// labelled suspect against that index and compares the report with <c>labels.json</c>.</summary>
public static class SiteCorpusEvaluation
{
    public static SiteCorpusEvaluationResult Run(string corpusFolder, SiteAnalysisOptions? options = null)
    {
        options ??= new SiteAnalysisOptions();
        using var labelsJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpusFolder, "labels.json")));
        var labels = labelsJson.RootElement.EnumerateArray().Select(ReadLabel).ToList();

        var folders = new[] { "reference", "suspect" }
            .SelectMany(kind => Directory.GetDirectories(Path.Combine(corpusFolder, kind)).Order(StringComparer.Ordinal).Select(d => (Kind: kind, Folder: d)))
            .ToList();
        var watch = Stopwatch.StartNew();
        var indexed = new Dictionary<string, IndexedSite>(StringComparer.Ordinal);
        var pages = 0;
        foreach (var (kind, folder) in folders)
        {
            var snapshot = SiteLoader.Load(folder);
            pages += snapshot.Pages.Count;
            indexed[$"{kind}/{Path.GetFileName(folder)}"] = SiteFeatures.Extract(snapshot, kind == "reference" ? SiteRole.Reference : SiteRole.Suspect);
        }
        var extractSeconds = watch.Elapsed.TotalSeconds;
        // Ids from where each site was read (SiteIdentity), as the store gives them: every reference and suspect keeps its own,
        // whatever its pages declare.
        var names = indexed.Keys.ToList();
        var identified = SiteIdentity.Identify(indexed.Values);
        for (var i = 0; i < names.Count; i++)
        {
            indexed[names[i]] = identified[i];
        }
        var index = SiteIndex.Build(identified);
        var nameOfKey = indexed.GroupBy(kv => kv.Value.Key).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToList(), StringComparer.Ordinal);
        var indexedIds = names.Count == 0 ? 1 : (double)nameOfKey.Count / names.Count;

        var analyzer = new SiteAnalyzer();
        var details = new List<SiteEvaluation>();
        watch.Restart();
        foreach (var label in labels)
        {
            if (!indexed.TryGetValue(label.Site, out var target))
            {
                continue;
            }
            var report = analyzer.Analyze(target, index, options);
            string Resolve(string key, string prefix) =>
                nameOfKey.TryGetValue(key, out var names) ? names.FirstOrDefault(n => n.StartsWith(prefix, StringComparison.Ordinal) && n != label.Site) ?? key : key;
            var claimed = report.Clones.Where(c => c.Relation == CloneMatch.CloneRelation).Select(c => Resolve(c.Reference, "reference/")).Distinct().ToList();
            var sameSite = report.Clones.Where(c => c.Relation == CloneMatch.SameSiteRelation).Select(c => Resolve(c.Reference, "reference/")).Distinct().ToList();
            var expectedSubs = 0;
            var foundSubs = 0;
            var missed = new List<string>();
            foreach (var copy in label.Copies)
            {
                var clone = report.Clones.FirstOrDefault(c => c.Relation == CloneMatch.CloneRelation && Resolve(c.Reference, "reference/") == copy.Reference);
                foreach (var (original, replacement, type) in copy.Substitutions)
                {
                    expectedSubs++;
                    if (clone is not null && clone.BrandSubstitutions.Any(s => SubstitutionMatches(s, original, replacement, type)))
                    {
                        foundSubs++;
                    }
                    else
                    {
                        missed.Add($"{type}: {original} -> {replacement}");
                    }
                }
            }
            var reported = 0;
            var unlabelled = new List<string>();
            foreach (var clone in report.Clones.Where(c => c.Relation == CloneMatch.CloneRelation))
            {
                var copy = label.Copies.FirstOrDefault(c => c.Reference == Resolve(clone.Reference, "reference/"));
                foreach (var s in clone.BrandSubstitutions)
                {
                    reported++;
                    if (copy is null || !copy.Substitutions.Any(l => SubstitutionMatches(s, l.Original, l.Replacement, l.Type)))
                    {
                        unlabelled.Add($"{s.Type}: {s.Original} -> {s.Replacement} x{s.Count}");
                    }
                }
            }
            var pivotSites = report.Pivots.Select(p => (Name: Resolve(p.Site, "suspect/"), Pivot: p)).ToList();
            var siblingsFound = label.Siblings.Where(s => pivotSites.Any(p => p.Name == s)).ToList();
            var otherPivots = pivotSites.Where(p => p.Name.StartsWith("suspect/", StringComparison.Ordinal) && !label.Siblings.Contains(p.Name)
                    && p.Pivot.Shared.Any(s => !s.StartsWith("template:", StringComparison.Ordinal)))
                .Select(p => $"{p.Name} [{string.Join(", ", p.Pivot.Shared)}]").ToList();
            details.Add(new SiteEvaluation(label.Site, label.Kind, label.Copies.Select(c => c.Reference).ToList(), claimed, sameSite,
                expectedSubs, foundSubs, missed, label.Siblings, siblingsFound, otherPivots, reported, unlabelled));
        }
        var analysisMs = details.Count == 0 ? 0 : watch.Elapsed.TotalMilliseconds / details.Count;

        var truePositives = details.Sum(d => d.Claimed.Count(d.Expected.Contains));
        var claims = details.Sum(d => d.Claimed.Count);
        var expected = details.Sum(d => d.Expected.Count);
        var precision = claims == 0 ? 1 : (double)truePositives / claims;
        var recall = expected == 0 ? 1 : (double)truePositives / expected;
        var clones = details.Where(d => d.Expected.Count > 0).ToList();
        var templateSiblings = details.Where(d => d.Kind == "template_sibling").ToList();
        var negatives = details.Where(d => d.Expected.Count == 0).ToList();
        var sameSiteLabels = labels.Where(l => l.SameSiteAs is not null).ToList();
        var sameSiteAs = sameSiteLabels.ToDictionary(l => l.Site, l => l.SameSiteAs!, StringComparer.Ordinal);
        var siblingPairs = details.Sum(d => d.SiblingsExpected.Count);
        var suspectPivots = details.Sum(d => d.SiblingsFound.Count + d.OtherSuspectPivots.Count);
        return new SiteCorpusEvaluationResult(
            Sites: details.Count,
            Pages: pages,
            Precision: precision,
            Recall: recall,
            F1: precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            SiteRecall: clones.Count == 0 ? 1 : (double)clones.Count(d => d.Claimed.Any(d.Expected.Contains)) / clones.Count,
            TemplateSiblingFalsePositiveRate: templateSiblings.Count == 0 ? 0 : (double)templateSiblings.Count(d => d.Claimed.Count > 0) / templateSiblings.Count,
            NegativeFalsePositiveRate: negatives.Count == 0 ? 0 : (double)negatives.Count(d => d.Claimed.Count > 0) / negatives.Count,
            SameSiteTotal: sameSiteLabels.Count,
            SameSiteRecognised: sameSiteLabels.Count(l => details.First(d => d.Site == l.Site).SameSite.Contains(l.SameSiteAs!)),
            BrandSubstitutionRecall: details.Sum(d => d.SubstitutionsExpected) == 0 ? 1 : (double)details.Sum(d => d.SubstitutionsFound) / details.Sum(d => d.SubstitutionsExpected),
            BrandSubstitutionPrecision: details.Sum(d => d.SubstitutionsReported) == 0 ? 1
                : 1 - ((double)details.Sum(d => d.UnlabelledSubstitutions?.Count ?? 0) / details.Sum(d => d.SubstitutionsReported)),
            PivotRecall: siblingPairs == 0 ? 1 : (double)details.Sum(d => d.SiblingsFound.Count) / siblingPairs,
            PivotPrecision: suspectPivots == 0 ? 1 : (double)details.Sum(d => d.SiblingsFound.Count) / suspectPivots,
            PagesPerSecond: extractSeconds == 0 ? 0 : pages / extractSeconds,
            AnalysisMilliseconds: analysisMs,
            Details: details,
            IndexedIds: indexedIds,
            All: CloneFigures.Of(details, sameSiteAs),
            HeldBack: CloneFigures.Of([.. details.Where(d => CorpusSplit.IsHeldBack(d.Site))], sameSiteAs));
    }

    /// <summary>A reported substitution matches a labelled one when each side contains the other after dropping case and
    /// punctuation (phones: the same last 10 digits), so "Acme" → "Lab" matches a label "Acme Consulting" → "Lab LLC" only
    /// when one is inside the other.</summary>
    public static bool SubstitutionMatches(BrandSubstitution found, string original, string replacement, string type)
    {
        static string Digits(string s)
        {
            var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
            return digits.Length > 10 ? digits[^10..] : digits;
        }
        static bool Overlaps(string a, string b) => a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));
        bool Side(string reported, string labelled) =>
            type == "phone" && Digits(reported).Length >= 7
                ? Digits(reported).EndsWith(Digits(labelled), StringComparison.Ordinal) || Digits(labelled).EndsWith(Digits(reported), StringComparison.Ordinal)
                : Overlaps(BrandSubstitutions.Normalise(reported), BrandSubstitutions.Normalise(labelled));
        return Side(found.Original, original) && Side(found.Replacement, replacement);
    }

    private sealed record LabelCopy(string Reference, IReadOnlyList<(string Original, string Replacement, string Type)> Substitutions);

    private sealed record Label(string Site, string Kind, IReadOnlyList<LabelCopy> Copies, IReadOnlyList<string> Siblings, string? SameSiteAs);

    private static Label ReadLabel(JsonElement e)
    {
        var copies = e.TryGetProperty("copies", out var c) ? c.EnumerateArray().Select(copy => new LabelCopy(
            copy.GetProperty("reference").GetString()!,
            copy.TryGetProperty("brand_substitutions", out var subs)
                ? subs.EnumerateArray().Select(s => (s.GetProperty("original").GetString()!, s.GetProperty("replacement").GetString()!, s.TryGetProperty("type", out var t) ? t.GetString()! : "name")).ToList()
                : [])).ToList() : [];
        var siblings = e.TryGetProperty("shares_operator_with", out var s2) && s2.ValueKind == JsonValueKind.Array
            ? s2.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        var sameSite = e.TryGetProperty("same_site_as", out var ss) && ss.ValueKind == JsonValueKind.String ? ss.GetString() : null;
        return new Label(e.GetProperty("site").GetString()!, e.GetProperty("kind").GetString()!, copies, siblings, sameSite);
    }
}
