using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Evaluation.WebsiteAnalysis;

/// <summary>Operator pivots of one part of a corpus. "Before" applies the rule the analyzer used until operator pivots were
/// weighed (any pivot to a suspect site with a non-template value was SITE_SHARED_FINGERPRINT) to the same listed pivots.</summary>
/// <param name="Pairs">Labelled (site, operator sibling) pairs.</param>
/// <param name="Found">Labelled pairs reported as operator pivots.</param>
/// <param name="Reported">Operator pivots reported (to any site).</param>
/// <param name="False">Reported operator pivots to a site that is not a labelled sibling.</param>
public sealed record PivotFigures(int Pairs, int Found, int Reported, int False, int FoundBefore, int ReportedBefore, int FalseBefore,
    IReadOnlyList<string> Missed, IReadOnlyList<string> FalsePivots, IReadOnlyList<string> FalsePivotsBefore)
{
    public double Recall => Pairs == 0 ? 1 : (double)Found / Pairs;
    public double FalseShare => Reported == 0 ? 0 : (double)False / Reported;
    public double RecallBefore => Pairs == 0 ? 1 : (double)FoundBefore / Pairs;
    public double FalseShareBefore => ReportedBefore == 0 ? 0 : (double)FalseBefore / ReportedBefore;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"operator pivot recall {Recall:0.000} ({Found}/{Pairs}), false {FalseShare:0.000} ({False}/{Reported}); before: recall {RecallBefore:0.000} ({FoundBefore}/{Pairs}), false {FalseShareBefore:0.000} ({FalseBefore}/{ReportedBefore})");
}

/// <summary>Copied artefacts of one part of a corpus, per labelled (clone, copied reference) pair: pairs where the clone's folder
/// holds a file byte-identical to one of the reference's (decided from the files), and how many of those the report gives
/// copied artefacts for.</summary>
public sealed record ArtefactFigures(int Clones, int CopiedAny, int Reported, IReadOnlyList<string> Missed)
{
    public double Rate => CopiedAny == 0 ? double.NaN : (double)Reported / CopiedAny;

    public override string ToString() => CopiedAny == 0
        ? $"copied artefacts: in none of {Clones} (clone, reference) pairs does the clone hold a file of its reference"
        : string.Create(CultureInfo.InvariantCulture, $"copied artefacts reported {Rate:0.000} ({Reported}/{CopiedAny} (clone, reference) pairs where the clone holds a file of the reference; {Clones} pairs)");
}

public sealed record ArtefactPivotResult(
    PivotFigures PivotsAll, PivotFigures PivotsHeldBack, ArtefactFigures ArtefactsAll, ArtefactFigures ArtefactsHeldBack,
    ArtefactFigures CompletedAll, ArtefactFigures CompletedHeldBack, int CompletedCommonMarked, SyntheticPivotFigures Synthetic)
{
    public override string ToString() => string.Join(Environment.NewLine,
        "corpus, all:       " + PivotsAll,
        "corpus, held back: " + PivotsHeldBack,
        "corpus, all:       " + ArtefactsAll,
        "corpus, held back: " + ArtefactsHeldBack,
        "completed clones (each clone also given the reference files its copied markup loads), all:       " + CompletedAll,
        "completed clones, held back: " + CompletedHeldBack,
        $"completed clones: copied artefacts marked common {CompletedCommonMarked}",
        "missed pivots: " + string.Join("; ", PivotsAll.Missed),
        "false pivots: " + string.Join("; ", PivotsAll.FalsePivots),
        "false pivots before: " + string.Join("; ", PivotsAll.FalsePivotsBefore),
        "missed artefacts (completed): " + string.Join("; ", CompletedAll.Missed),
        Synthetic.ToString());
}

/// <summary>Operator pivots and copied artefacts measured on the labelled site corpus (<c>labels.json</c>:
/// <c>shares_operator_with</c>, <c>copies</c>) and on a synthetic index full of hub values.</summary>
public static class ArtefactPivotEvaluation
{
    public static ArtefactPivotResult Run(string corpusFolder, SiteAnalysisOptions? options = null)
    {
        options ??= new SiteAnalysisOptions();
        using var labelsJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpusFolder, "labels.json")));
        var labels = labelsJson.RootElement.EnumerateArray().Select(ReadLabel).ToList();
        var snapshots = new[] { "reference", "suspect" }
            .SelectMany(kind => Directory.GetDirectories(Path.Combine(corpusFolder, kind)).Order(StringComparer.Ordinal).Select(d => $"{kind}/{Path.GetFileName(d)}"))
            .ToDictionary(name => name, name => SiteLoader.Load(Path.Combine(corpusFolder, name)), StringComparer.Ordinal);

        var (pivots, artefacts) = Measure(labels, snapshots, corpusFolder, options);
        // The corpus keeps no images or scripts, and its clones carry none of their reference's files. Completed: each clone
        // also holds, byte for byte, the reference files its copied markup loads (what a whole-site copier such as HTTrack keeps).
        var completed = snapshots.ToDictionary(s => s.Key, s => labels.FirstOrDefault(l => l.Site == s.Key) is { Copies.Count: > 0 } label
            ? Complete(s.Value, label.Copies.Select(c => snapshots[c.Reference]).ToList()) : s.Value, StringComparer.Ordinal);
        var (_, completedArtefacts) = Measure(labels, completed, null, options);
        return new ArtefactPivotResult(
            Pivots(pivots, _ => true), Pivots(pivots, l => CorpusSplit.IsHeldBack(l)),
            Artefacts(artefacts, _ => true), Artefacts(artefacts, l => CorpusSplit.IsHeldBack(l)),
            Artefacts(completedArtefacts, _ => true), Artefacts(completedArtefacts, l => CorpusSplit.IsHeldBack(l)),
            completedArtefacts.Sum(a => a.CommonMarked),
            Synthetic(options));
    }

    private sealed record PivotOutcome(string Site, IReadOnlyList<string> Siblings, IReadOnlyList<string> Operator, IReadOnlyList<string> Before, IReadOnlyList<string> Described);

    private sealed record ArtefactOutcome(string Site, bool CopiedAny, bool Reported, int CommonMarked);

    private static (List<PivotOutcome>, List<ArtefactOutcome>) Measure(List<Label> labels, Dictionary<string, SiteSnapshot> snapshots, string? corpusFolder, SiteAnalysisOptions options)
    {
        var indexed = snapshots.ToDictionary(s => s.Key, s => SiteFeatures.Extract(s.Value, s.Key.StartsWith("reference/", StringComparison.Ordinal) ? SiteRole.Reference : SiteRole.Suspect), StringComparer.Ordinal);
        var index = SiteIndex.Build(indexed.Values);
        var namesOfKey = indexed.GroupBy(kv => kv.Value.Key).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToList(), StringComparer.Ordinal);
        var analyzer = new SiteAnalyzer();
        var pivots = new List<PivotOutcome>();
        var artefacts = new List<ArtefactOutcome>();
        foreach (var label in labels.Where(l => indexed.ContainsKey(l.Site)))
        {
            var report = analyzer.Analyze(indexed[label.Site], index, options);
            string Resolve(string key, string prefix) =>
                namesOfKey.TryGetValue(key, out var names) ? names.FirstOrDefault(n => n.StartsWith(prefix, StringComparison.Ordinal) && n != label.Site) ?? key : key;
            var listed = report.Pivots.Select(p => (Name: Resolve(p.Site, "suspect/"), Pivot: p)).ToList();
            pivots.Add(new PivotOutcome(label.Site, label.Siblings,
                listed.Where(p => p.Pivot.Operator).Select(p => p.Name).Distinct().ToList(),
                listed.Where(p => WasOperatorLink(p.Pivot, index)).Select(p => p.Name).Distinct().ToList(),
                listed.Select(p => $"{p.Name} [{string.Join(", ", p.Pivot.Values.Select(v => $"{v.Value} ({v.Sites})"))}]").ToList()));
            foreach (var copy in label.Copies)
            {
                var copiedAny = corpusFolder is null
                    ? snapshots[label.Site].Assets.Values.Select(a => a.Sha256).Intersect(snapshots[copy.Reference].Assets.Values.Select(a => a.Sha256)).Any()
                    : HoldsFileOf(Path.Combine(corpusFolder, label.Site), Path.Combine(corpusFolder, copy.Reference));
                var clone = report.Clones.FirstOrDefault(c => c.Relation == CloneMatch.CloneRelation && Resolve(c.Reference, "reference/") == copy.Reference);
                artefacts.Add(new ArtefactOutcome($"{label.Site} <- {copy.Reference}{(clone is null ? " (clone not found)" : "")}", copiedAny, clone is { CopiedArtefacts.Count: > 0 },
                    clone?.CopiedArtefacts.Count(a => a.Common) ?? 0));
            }
        }
        return (pivots, artefacts);
    }

    /// <summary>The rule before operator pivots were weighed: SITE_SHARED_FINGERPRINT for a pivot to a suspect site with any value
    /// but a template signature.</summary>
    private static bool WasOperatorLink(Pivot pivot, SiteIndex index) =>
        index.FirstWithKey(pivot.Site)?.Role == SiteRole.Suspect && pivot.Shared.Any(v => !v.StartsWith("template:", StringComparison.Ordinal));

    private static PivotFigures Pivots(List<PivotOutcome> outcomes, Func<string, bool> part)
    {
        var chosen = outcomes.Where(o => part(o.Site)).ToList();
        return new PivotFigures(
            Pairs: chosen.Sum(o => o.Siblings.Count),
            Found: chosen.Sum(o => o.Siblings.Count(o.Operator.Contains)),
            Reported: chosen.Sum(o => o.Operator.Count),
            False: chosen.Sum(o => o.Operator.Count(p => !o.Siblings.Contains(p))),
            FoundBefore: chosen.Sum(o => o.Siblings.Count(o.Before.Contains)),
            ReportedBefore: chosen.Sum(o => o.Before.Count),
            FalseBefore: chosen.Sum(o => o.Before.Count(p => !o.Siblings.Contains(p))),
            Missed: chosen.SelectMany(o => o.Siblings.Where(s => !o.Operator.Contains(s)).Select(s => $"{o.Site} -> {s}: {string.Join(" | ", o.Described)}")).ToList(),
            FalsePivots: FalseOnes(chosen, o => o.Operator),
            FalsePivotsBefore: FalseOnes(chosen, o => o.Before));
    }

    private static List<string> FalseOnes(List<PivotOutcome> outcomes, Func<PivotOutcome, IReadOnlyList<string>> reported) =>
        outcomes.SelectMany(o => reported(o).Where(p => !o.Siblings.Contains(p))
            .Select(p => $"{o.Site} -> {o.Described.FirstOrDefault(d => d.StartsWith(p + " ", StringComparison.Ordinal))}")).ToList();

    private static ArtefactFigures Artefacts(List<ArtefactOutcome> outcomes, Func<string, bool> part)
    {
        var chosen = outcomes.Where(o => part(o.Site.Split(' ')[0])).ToList();
        return new ArtefactFigures(chosen.Count, chosen.Count(o => o.CopiedAny), chosen.Count(o => o.CopiedAny && o.Reported),
            chosen.Where(o => o.CopiedAny && !o.Reported).Select(o => o.Site).ToList());
    }

    /// <summary>True when the clone's folder holds a non-HTML file byte-identical to one in the reference's folder.</summary>
    private static bool HoldsFileOf(string clone, string reference)
    {
        static HashSet<string> Hashes(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetExtension(f).StartsWith(".htm", StringComparison.OrdinalIgnoreCase))
            .Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))).ToHashSet(StringComparer.Ordinal);
        return Hashes(clone).Overlaps(Hashes(reference));
    }

    /// <summary>The clone with every file of its references that its pages load (at the path they load it from) and that it lacks.</summary>
    private static SiteSnapshot Complete(SiteSnapshot clone, List<SiteSnapshot> references)
    {
        var assets = new Dictionary<string, AssetFile>(clone.Assets, StringComparer.OrdinalIgnoreCase);
        var loaded = clone.Pages.SelectMany(p => AssetLinks.Find(p.Html).Select(l => AssetLinks.Resolve(p.Path, l.Href, p.Url))).OfType<string>().Append("favicon.ico");
        foreach (var path in loaded.Distinct(StringComparer.OrdinalIgnoreCase).Where(p => !assets.ContainsKey(p)))
        {
            if (references.Select(r => r.Assets.GetValueOrDefault(path)).FirstOrDefault(a => a is not null) is { } file)
            {
                assets[path] = file;
            }
        }
        return new SiteSnapshot(clone.Name, clone.Source, clone.Pages, clone.Icons, clone.Warnings, assets);
    }

    private sealed record LabelCopy(string Reference);

    private sealed record Label(string Site, IReadOnlyList<LabelCopy> Copies, IReadOnlyList<string> Siblings);

    private static Label ReadLabel(JsonElement e) => new(
        e.GetProperty("site").GetString()!,
        e.TryGetProperty("copies", out var c) ? c.EnumerateArray().Select(copy => new LabelCopy(copy.GetProperty("reference").GetString()!)).ToList() : [],
        e.TryGetProperty("shares_operator_with", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(x => x.GetString()!).ToList() : []);

    /// <summary>A generated index of <paramref name="sites"/> sites full of hub values: every site loads one CDN script and
    /// half carry a theme's default favicon; an agency's analytics id is on 30 sites and a smaller agency's on 8; a site
    /// builder's support e-mail is on 12; clones of one firm keep its phone. Planted operators (pairs and triples) share a
    /// rare phone, e-mail, messenger handle or tag, or a favicon and an address.</summary>
    public static SyntheticPivotFigures Synthetic(SiteAnalysisOptions? options = null, int sites = 300, int seed = 16)
    {
        options ??= new SiteAnalysisOptions();
        var random = new Random(seed);
        var cdnScript = Encoding.UTF8.GetBytes("/*! cdn library */ " + new string('x', 4000));
        var themeIcon = Icon(1);
        var html = new List<(string Name, SiteRole Role, StringBuilder Head, StringBuilder Body, Dictionary<string, byte[]> Files)>();
        for (var i = 0; i < sites; i++)
        {
            var role = i < sites / 5 ? SiteRole.Reference : SiteRole.Suspect;
            var name = $"{(role == SiteRole.Reference ? "firm" : "site")}{i:000}.example";
            var head = new StringBuilder("<script src=\"https://cdn.example/lib.min.js\"></script><script src=\"/js/lib.min.js\"></script>");
            var body = new StringBuilder();
            for (var p = 0; p < 4; p++)
            {
                body.Append("<p>").Append(string.Join(' ', Enumerable.Range(0, 40).Select(_ => Words[random.Next(Words.Length)]))).Append(".</p>");
            }
            body.Append(CultureInfo.InvariantCulture, $"<p>Call +1 312-555-{1000 + i:0000} or write to hello@{name}.</p>");
            var files = new Dictionary<string, byte[]> { ["js/lib.min.js"] = cdnScript, ["favicon.ico"] = i % 2 == 0 ? themeIcon : Icon(100 + i) };
            html.Add((name, role, head, body, files));
        }
        var suspects = Enumerable.Range(sites / 5, sites - (sites / 5)).ToList();
        void Hub(int count, Action<int> add)
        {
            foreach (var i in suspects.OrderBy(_ => random.Next()).Take(count))
            {
                add(i);
            }
        }
        Hub(30, i => html[i].Head.Append("<script>gtag('config', 'G-AGENCY3000');</script>"));
        Hub(8, i => html[i].Head.Append("<script>gtag('config', 'G-STUDIO0800');</script>"));
        Hub(12, i => html[i].Body.Append("<p>Site support: help@sitebuilder.example</p>"));
        // Five clones of one firm keep its phone.
        Hub(5, i => html[i].Body.Append("<p>Call +1 312-555-1000</p>"));

        var operators = new List<List<int>>();
        var free = suspects.OrderBy(_ => random.Next()).ToList();
        for (var g = 0; g < 12; g++)
        {
            var size = g % 3 == 2 ? 3 : 2;
            var group = free.Take(size).ToList();
            free = free.Skip(size).ToList();
            operators.Add(group);
            foreach (var i in group)
            {
                var shared = (g % 4) switch
                {
                    0 => $"<p>Direct line +1 505-555-{100 + g:0000}</p>",
                    1 => $"<p>Recruiting: ops{g}@mailbox.example</p>",
                    2 => $"<p>Telegram: @ops_desk_{g}</p>",
                    _ => $"<p>Office: {100 + g} Commerce Street, Suite {g + 1}, Dover, DE 19901</p>",
                };
                html[i].Body.Append(shared);
                if (g % 4 == 3)
                {
                    html[i].Files["favicon.ico"] = Icon(10_000 + g);
                }
            }
        }

        var indexed = html.Select(s => SiteFeatures.Extract(new SiteSnapshot(s.Name, s.Name,
                [new SitePage("index.html", $"<html><head><link rel=\"icon\" href=\"/favicon.ico\">{s.Head}</head><body>{s.Body}</body></html>")],
                s.Files.Where(f => f.Key.EndsWith(".ico", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value), [],
                s.Files.ToDictionary(f => f.Key, f => AssetFile.Of(f.Value))), s.Role)).ToList();
        var index = SiteIndex.Build(indexed);
        var siblingsOf = operators.SelectMany(g => g.Select(i => (i, g))).ToDictionary(x => indexed[x.i].Key, x => x.g.Where(j => j != x.i).Select(j => indexed[j].Key).ToHashSet());
        var analyzer = new SiteAnalyzer();
        int pairs = 0, found = 0, reported = 0, falsePivots = 0, foundBefore = 0, reportedBefore = 0, falseBefore = 0;
        foreach (var site in indexed.Where(s => s.Role == SiteRole.Suspect))
        {
            var report = analyzer.Analyze(site, index, options);
            var siblings = siblingsOf.GetValueOrDefault(site.Key) ?? [];
            var operatorSites = report.Pivots.Where(p => p.Operator).Select(p => p.Site).ToList();
            var before = report.Pivots.Where(p => WasOperatorLink(p, index)).Select(p => p.Site).ToList();
            pairs += siblings.Count;
            found += siblings.Count(operatorSites.Contains);
            reported += operatorSites.Count;
            falsePivots += operatorSites.Count(s => !siblings.Contains(s));
            foundBefore += siblings.Count(before.Contains);
            reportedBefore += before.Count;
            falseBefore += before.Count(s => !siblings.Contains(s));
        }
        return new SyntheticPivotFigures(indexed.Count, pairs, found, reported, falsePivots, foundBefore, reportedBefore, falseBefore);
    }

    /// <summary>A small distinct icon-like byte block.</summary>
    private static byte[] Icon(int seed)
    {
        var bytes = new byte[512];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0;
        bytes[1] = 0;
        bytes[2] = 1;
        return bytes;
    }

    private static readonly string[] Words =
    [
        "cloud", "delivery", "software", "teams", "platform", "consulting", "secure", "data", "mobile", "design", "growth", "support",
        "engineering", "strategy", "customers", "quality", "agile", "product", "launch", "scale", "modern", "systems", "integration",
        "analytics", "experience", "partners", "projects", "reliable", "custom", "solutions", "industry", "digital", "process", "value",
        "insight", "build", "trusted", "global", "local", "expert", "service", "market", "network", "results", "budget", "planning",
    ];
}

/// <summary>Operator pivots on the synthetic hub-heavy index (see <see cref="ArtefactPivotEvaluation.Synthetic"/>).</summary>
public sealed record SyntheticPivotFigures(int Sites, int Pairs, int Found, int Reported, int False, int FoundBefore, int ReportedBefore, int FalseBefore)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"synthetic ({Sites} sites, hubs: CDN script on all, theme favicon on half, agency tags on 30 and 8, builder e-mail on 12, a firm's phone on 5 clones): "
        + $"operator recall {(Pairs == 0 ? 1 : (double)Found / Pairs):0.000} ({Found}/{Pairs}), false {(Reported == 0 ? 0 : (double)False / Reported):0.000} ({False}/{Reported}); "
        + $"before: recall {(Pairs == 0 ? 1 : (double)FoundBefore / Pairs):0.000} ({FoundBefore}/{Pairs}), false {(ReportedBefore == 0 ? 0 : (double)FalseBefore / ReportedBefore):0.000} ({FalseBefore}/{ReportedBefore})");
}
