using System.Globalization;
using Unmask.WebsiteAnalysis.Domains;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Reports;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <param name="MaxCandidates">Indexed sites compared passage by passage, best candidates first. Default 30.</param>
/// <param name="MinPassageWords">Aligned passages shorter than this many words are not evidence. Default 8.</param>
/// <param name="MinCopiedWords">A clone needs at least this many copied (not common) words. Default 40.</param>
/// <param name="MinSuspectShare">…and at least this share of the target's content found in the reference, or … Default 0.2.</param>
/// <param name="MinCopiedFraction">…at least this share of the matched reference pages found in the target. Default 0.3.</param>
/// <param name="MaxPassages">Passages reported per clone. Default 40.</param>
/// <param name="RegisteredOn">Creation date of the target's domain (RDAP/WHOIS), for DOMAIN_NEW.</param>
/// <param name="AsOf">The date DOMAIN_NEW measures against; default today from <paramref name="Clock"/>.</param>
/// <param name="Clock">Time source (default <see cref="TimeProvider.System"/>).</param>
/// <param name="MaxAddressPivotSites">A postal address links sites only when at most this many indexed sites use it
/// (registered-agent and virtual-office addresses are shared by unrelated firms). Default 2.</param>
/// <param name="MaxIdentifierSites">Identifiers on more indexed sites than this are hubs (a web agency's tag, a default icon) and are not pivots. Default 25.</param>
/// <param name="MinSeparatePassages">…or at least this many separate copied passages of 12+ words with half the share. Default 4.</param>
/// <param name="MaxOperatorSites">A tracker, favicon, e-mail, phone or messenger handle alone links the target to another suspect as one
/// operator's site only when at most this many indexed sites besides the target carry it. Default 2.</param>
/// <param name="MaxOperatorPairSites">Two shared values of different kinds (a postal address counts here) make an operator
/// link when each is carried by at most this many indexed sites besides the target. Default 5.</param>
/// <param name="MaxArtefactSites">A copied resource file loaded by more indexed sites than this (besides the target) is common.
/// Default 10.</param>
/// <param name="MinArtefactBytes">Resource files smaller than this (a spacer GIF, an empty stylesheet) are not artefacts. Default 50.</param>
/// <param name="IncludeSuspectClones">Also report text shared with indexed suspect sites that no reference explains. Default false:
/// honest firms of one trade share generic copy, so only legitimate (reference) sites are treated as copy sources.</param>
public sealed record SiteAnalysisOptions(
    int MaxCandidates = 30,
    int MinPassageWords = 8,
    int MinCopiedWords = 40,
    double MinSuspectShare = 0.2,
    double MinCopiedFraction = 0.3,
    int MaxPassages = 40,
    DateOnly? RegisteredOn = null,
    DateOnly? AsOf = null,
    TimeProvider? Clock = null,
    int MaxAddressPivotSites = 2,
    int MaxIdentifierSites = 25,
    bool IncludeSuspectClones = false,
    int MinSeparatePassages = 4,
    int MaxOperatorSites = 2,
    int MaxOperatorPairSites = 5,
    int MaxArtefactSites = 10,
    int MinArtefactBytes = 50);

/// <summary>Analyses one site against an index: which references it copies (or is an older version of), the copied passages and
/// swapped brand strings, the indexed sites it shares identifiers with, and domain findings.</summary>
public sealed class SiteAnalyzer
{
    public SiteReport Analyze(IndexedSite target, SiteIndex index, SiteAnalysisOptions? options = null)
    {
        options ??= new SiteAnalysisOptions();
        var targetText = SiteText.Of(target);
        // The target's own indexed copy: the same content read from the same source. A verbatim mirror kept elsewhere (another
        // folder of the same name) is another site, compared like any other.
        var self = index.SitesWithContentHash(target.ContentHash)
            .Where(id => index[id].Source == target.Source)
            .ToHashSet();

        var candidates = Candidates(target, index, self, options);
        var evaluated = new List<(int Id, CandidateScore Score)>();
        foreach (var id in candidates)
        {
            var score = Score(targetText, SiteText.Of(index[id]), id, index, self, options);
            if (score is not null)
            {
                evaluated.Add((id, score));
            }
        }

        // References first; a suspect-role site is reported only for text that no matched reference explains
        // (two clones of one firm share that firm's text, not an operator).
        var clones = new List<CloneMatch>();
        var explained = new HashSet<(AlignedBlock, int)>();
        foreach (var (id, evaluatedScore) in evaluated.OrderBy(e => index.RoleOf(e.Id) == SiteRole.Reference ? 0 : 1).ThenByDescending(e => e.Score.CopiedWords))
        {
            var score = evaluatedScore;
            var site = score.Reference.Site;
            var passages = score.Passages;
            if (site.Role == SiteRole.Suspect)
            {
                passages = passages.Where(p => p.Runs.Any(r => Enumerable.Range(r.TargetFirst, r.Words).Any(t => !explained.Contains((r.Target, t))))).ToList();
                var rescored = Measure(targetText, score.Reference, passages, options);
                if (!rescored.IsClone)
                {
                    continue;
                }
                score = rescored with { Passages = passages };
            }
            if (!score.IsClone)
            {
                continue;
            }
            explained.UnionWith(Alignment.CoveredTargetTokens(score.Passages));
            clones.Add(WithEvidence(BuildClone(targetText, score, options), targetText, score, id, index, self, options));
        }

        var claims = ClaimsOfOthers(target, index, self);
        var pivots = Pivots(target, index, self, options);
        var findings = Findings(target, index, clones, pivots, claims.Select(c => c.Domain).ToHashSet(StringComparer.Ordinal), options);
        findings.AddRange(ClaimFindings(claims, clones));
        pivots = WithClaimPivots(pivots, claims);
        return new SiteReport(target.Key, target.Pages.Count, clones, target.Fingerprints, pivots, findings, target.Warnings,
            target.Source, target.Role == SiteRole.Reference ? "reference" : "suspect", target.Declared);
    }

    /// <summary>A domain the target's pages claim that another indexed site owns, with that site and where the claim is made
    /// (<c>canonical link on about.html</c>).</summary>
    private sealed record OtherIdentityClaim(string Domain, string Owner, SiteRole OwnerRole, List<string> Where);

    private static List<OtherIdentityClaim> ClaimsOfOthers(IndexedSite target, SiteIndex index, HashSet<int> self)
    {
        var claims = new List<OtherIdentityClaim>();
        foreach (var domain in target.Declared.Where(d => d != target.Domain))
        {
            if (index.OwnerOf(domain) is not { } owner || self.Contains(owner) || index.KeyOf(owner) == target.Key)
            {
                continue;
            }
            claims.Add(new OtherIdentityClaim(domain, index.KeyOf(owner), index.RoleOf(owner), ClaimPlaces(target, domain)));
        }
        return claims;
    }

    /// <summary>Where the pages claim the domain: the canonical link, og:url or JSON-LD organisation url, and the page.</summary>
    private static List<string> ClaimPlaces(IndexedSite target, string domain)
    {
        var suffixes = PublicSuffix.Default;
        var places = new List<string>();
        foreach (var page in target.Pages)
        {
            foreach (var value in page.Markup ?? [])
            {
                var how = value.Slot switch
                {
                    "canonical" => "canonical link",
                    "meta:og:url" => "og:url",
                    var slot when slot.StartsWith("jsonld:", StringComparison.Ordinal) && slot.EndsWith(".url", StringComparison.Ordinal) => "JSON-LD url",
                    _ => null,
                };
                if (how is not null && SiteFeatures.RegistrableOfUrl(value.Value, suffixes) == domain)
                {
                    places.Add($"{how} on {page.Path}");
                }
            }
        }
        if (places.Count == 0)
        {
            // Sites indexed before markup values were kept: their canonical and og:url artefacts.
            places.AddRange(target.Artefacts.Where(a => a.Kind is "canonical" or "og_url" && a.Value == domain)
                .Select(a => $"{(a.Kind == "canonical" ? "canonical link" : "og:url")} on {a.Page}"));
        }
        return [.. places.Distinct()];
    }

    /// <summary><c>SITE_CLAIMS_OTHER_IDENTITY</c>: high when the target copies the owner with its brand swapped (the copy kept
    /// the original's canonical link), info when it is another version of the owner's own site, medium otherwise.</summary>
    private static IEnumerable<SiteFinding> ClaimFindings(List<OtherIdentityClaim> claims, List<CloneMatch> clones)
    {
        foreach (var claim in claims)
        {
            var match = clones.FirstOrDefault(c => c.Reference == claim.Owner);
            var (severity, why) = match switch
            {
                { Relation: CloneMatch.SameSiteRelation } => ("info", "another version of that site"),
                { Relation: CloneMatch.CloneRelation, BrandSubstitutions.Count: > 0 } => ("high", "copies that site with its brand swapped and kept its claim"),
                { Relation: CloneMatch.CloneRelation } => ("medium", "copies that site"),
                _ => ("medium", "shares no copied text with it"),
            };
            var where = claim.Where.Count == 0 ? "" : $" ({string.Join(", ", claim.Where.Take(3))}{(claim.Where.Count > 3 ? $", {claim.Where.Count - 3} more" : "")})";
            yield return new SiteFinding("SITE_CLAIMS_OTHER_IDENTITY", severity,
                $"the pages claim {claim.Domain}{where}, the domain of the indexed {(claim.OwnerRole == SiteRole.Reference ? "reference" : "suspect")} site {claim.Owner}; {why}");
        }
    }

    /// <summary>The pivots with each claimed domain (<c>claims:legit.example</c>) added to the pivot to the site owning it.</summary>
    private static List<Pivot> WithClaimPivots(List<Pivot> pivots, List<OtherIdentityClaim> claims)
    {
        var result = pivots.ToList();
        foreach (var claim in claims)
        {
            var label = "claims:" + claim.Domain;
            var at = result.FindIndex(p => p.Site == claim.Owner);
            if (at >= 0)
            {
                result[at] = result[at] with { Shared = [.. result[at].Shared.Where(v => v != label), label] };
            }
            else
            {
                result.Add(new Pivot(claim.Owner, [label]));
            }
        }
        return result;
    }

    private sealed record CandidateScore(SiteText Reference, List<AlignedPassage> Passages, double CopiedWords, double SuspectShare,
        double CopiedFraction, double Similarity, int LongestPassage, bool IsClone);

    private static List<int> Candidates(IndexedSite target, SiteIndex index, HashSet<int> self, SiteAnalysisOptions options)
    {
        var hits = new Dictionary<int, int>();
        var hubLimit = Math.Max(50, index.Count / 100);
        foreach (var fingerprint in SiteIndex.ContentFingerprints(target))
        {
            var sites = index.SitesWithFingerprint(fingerprint);
            if (sites.Count > hubLimit)
            {
                continue;
            }
            foreach (var id in sites)
            {
                hits[id] = hits.GetValueOrDefault(id) + 1;
            }
        }
        foreach (var id in index.LshCandidates(target.Pages.Select(p => p.MinHash)))
        {
            hits[id] = hits.GetValueOrDefault(id) + 3;
        }
        return hits.Where(h => !self.Contains(h.Key) && h.Value >= 2 && (options.IncludeSuspectClones || index.RoleOf(h.Key) == SiteRole.Reference))
            .OrderByDescending(h => h.Value).ThenBy(h => h.Key).Take(options.MaxCandidates).Select(h => h.Key).ToList();
    }

    private static CandidateScore? Score(SiteText target, SiteText reference, int referenceId, SiteIndex index, HashSet<int> self, SiteAnalysisOptions options)
    {
        // A fingerprint is common when another reference site (not this one, not the target) carries it too: legitimate firms
        // do not copy each other, so text they share is boilerplate, legal text or template filler.
        double Commonness(ulong hash)
        {
            var sites = index.SitesWithFingerprint(hash);
            if (sites.Count == 0)
            {
                return -1;
            }
            foreach (var id in sites)
            {
                if (id != referenceId && !self.Contains(id) && index.RoleOf(id) == SiteRole.Reference && !index.SameFirm(id, referenceId))
                {
                    return 1;
                }
            }
            return 0;
        }
        var passages = Alignment.Align(target, reference, Commonness);
        if (passages.Count == 0)
        {
            return null;
        }
        return Measure(target, reference, passages, options);
    }

    private static CandidateScore Measure(SiteText target, SiteText reference, List<AlignedPassage> passages, SiteAnalysisOptions options)
    {
        var evidence = passages.Where(p => p.Words >= options.MinPassageWords && Alignment.CountsAsContent(p.Target)).ToList();
        var copiedWords = evidence.Sum(p => p.WeightedWords);
        var suspectShare = target.ContentWords == 0 ? 0 : Math.Min(1, copiedWords / target.ContentWords);

        var referencePages = evidence.GroupBy(p => p.Reference.Page).Where(g => g.Sum(p => p.Words) >= 20).Select(g => g.Key).ToHashSet();
        var targetPages = evidence.Where(p => referencePages.Contains(p.Reference.Page)).Select(p => p.Target.Page).ToHashSet();
        var referenceWords = reference.Blocks.Where(b => referencePages.Contains(b.Page) && b.Role == BlockRole.Content).Sum(b => b.Tokens.Count);
        var targetWords = target.Blocks.Where(b => targetPages.Contains(b.Page) && b.Role == BlockRole.Content).Sum(b => b.Tokens.Count);
        var coveredReference = new HashSet<(AlignedBlock, int)>();
        foreach (var run in evidence.SelectMany(p => p.Runs).Where(r => referencePages.Contains(r.Reference.Page)))
        {
            for (var t = run.ReferenceFirst; t <= run.ReferenceLast; t++)
            {
                coveredReference.Add((run.Reference, t));
            }
        }
        var copiedOnPages = evidence.Where(p => referencePages.Contains(p.Reference.Page)).Sum(p => p.WeightedWords);
        var weightedReference = coveredReference.Count * (copiedWords == 0 ? 0 : copiedOnPages / Math.Max(1, evidence.Where(p => referencePages.Contains(p.Reference.Page)).Sum(p => p.Words)));
        var copiedFraction = referenceWords == 0 ? 0 : Math.Min(1, weightedReference / referenceWords);
        var similarity = targetWords + referenceWords == 0 ? 0 : Math.Min(1, 2 * copiedOnPages / (targetWords + referenceWords));
        var longest = evidence.Count == 0 ? 0 : evidence.Max(p => p.Words);
        // A clone copies a good share of the target or of the reference pages; several separate copied passages (text blocks of
        // two or three firms interleaved) also count. One long passage alone is a quotation, not a clone.
        var isClone = copiedWords >= options.MinCopiedWords && longest >= 12
            && (suspectShare >= options.MinSuspectShare || copiedFraction >= options.MinCopiedFraction
                || (evidence.Count(p => p.WeightedWords >= 12) >= options.MinSeparatePassages && suspectShare >= options.MinSuspectShare / 2));
        return new CandidateScore(reference, passages, copiedWords, suspectShare, copiedFraction, similarity, longest, isClone);
    }

    private static CloneMatch BuildClone(SiteText target, CandidateScore score, SiteAnalysisOptions options)
    {
        var reference = score.Reference.Site;
        var substitutions = BrandSubstitutions.Infer(score.Passages, target, score.Reference);
        var rerouted = Rerouted(substitutions, target.Site);
        var (strong, weak) = SameSiteEvidence(target.Site, reference, rerouted);
        var swapped = BrandSwapped(substitutions, reference, target);
        // A site that presents itself under another domain (owned, or claimed: a claim can only count against being the
        // reference's own site, never for it) is not the reference's own.
        var shown = target.Site.Domain ?? target.Site.Declared.FirstOrDefault();
        var referenceDomain = reference.Domain ?? reference.Declared.FirstOrDefault();
        var differentDomain = shown is not null && referenceDomain is not null && shown != referenceDomain;
        var relation = strong.Count > 0 && !swapped && !differentDomain ? CloneMatch.SameSiteRelation : CloneMatch.CloneRelation;
        var evidence = strong.Concat(weak).ToList();
        var passages = score.Passages.Where(p => p.Words >= options.MinPassageWords)
            .OrderByDescending(p => p.WeightedWords).Take(options.MaxPassages)
            .OrderBy(p => p.Target.Page).ThenBy(p => p.Target.Index)
            .Select(p => new CopiedPassage(
                target.Site.Pages[p.Target.Page].Path,
                reference.Pages[p.Reference.Page].Path,
                Span(p.Target, p.TargetFirst, p.TargetLast),
                Span(p.Reference, p.ReferenceFirst, p.ReferenceLast)))
            .ToList();
        var templateSimilarity = Similarity.MinHash.Estimate(target.Site.TemplateMinHash, reference.TemplateMinHash);
        return new CloneMatch(reference.Key, relation, Round(score.Similarity), Round(score.CopiedFraction), Round(score.SuspectShare),
            (int)Math.Round(score.CopiedWords), Round(templateSimilarity), relation == CloneMatch.SameSiteRelation ? [] : substitutions, passages, evidence);
    }

    private static string Span(AlignedBlock block, int first, int last) => block.Text[block.Tokens[first].Start..block.Tokens[last].End];

    private static double Round(double value) => Math.Round(value, 3);

    /// <summary>Signs that the target is the reference itself (older version, redesign, archive capture), not a copy by someone
    /// else: a web-archive capture of the reference's domain, the same registrable domain fetched, or the reference owner's own
    /// contact details (an e-mail at the reference's own domain, its phone, its postal address). The caller counts them only
    /// when no brand was substituted (clones inherit the reference's phone too). A domain the target's pages declare is not
    /// evidence: whoever made the pages wrote it. Trackers shared are listed as weak evidence.</summary>
    private static (List<string> Strong, List<string> Weak) SameSiteEvidence(IndexedSite target, IndexedSite reference, List<BrandSubstitution> rerouted)
    {
        var strong = new List<string>();
        if (reference.Domain is { } domain && target.Domain == domain)
        {
            strong.Add($"fetched from the same domain {domain}");
        }
        var own = BrandWords.OwnDomains(reference);
        if (target.IsArchiveCapture)
        {
            var archived = target.Artefacts.Where(a => a.Kind == "archived").Select(a => a.Value).Distinct().ToList();
            var plainKey = Plain(reference.Name);
            var hit = archived.FirstOrDefault(h => own.Contains(h) || (plainKey.Length >= 4 && Plain(h.Split('.')[0]) == plainKey));
            if (hit is not null)
            {
                strong.Add($"web-archive capture of {hit}");
            }
            else if (own.Count == 0)
            {
                strong.Add("web-archive capture (the reference declares no domain)");
            }
        }
        var ownEmails = target.Fingerprints.Emails.Intersect(reference.Fingerprints.Emails)
            .Where(e => own.Contains(e[(e.IndexOf('@', StringComparison.Ordinal) + 1)..])).ToList();
        var contacts = ownEmails
            .Concat(target.Fingerprints.Phones.Intersect(reference.Fingerprints.Phones))
            .Concat(target.Fingerprints.Addresses.Intersect(reference.Fingerprints.Addresses)).ToList();
        var trackers = target.Fingerprints.Trackers.Intersect(reference.Fingerprints.Trackers).ToList();
        var weak = new List<string>();
        // The owner's contacts and analytics id are the owner's only under the owner's name: a copy renamed for another firm
        // that kept them is a clone that forgot to change them.
        if (rerouted.Count > 0)
        {
            // A copy that kept the firm's name and e-mail but routes its phone (or e-mail, or analytics) to someone else is not the
            // firm's own site: the contacts it kept are not evidence.
            weak.Add("keeps some of the reference's own details but routes " + string.Join(", ", rerouted.Take(3).Select(s => $"{s.Type} {s.Original} to {s.Replacement}")));
        }
        else if (SameName(target, reference))
        {
            if (contacts.Count > 0)
            {
                strong.Add($"the same name ({target.BrandNames[0]}) and the reference owner's own contact details " + string.Join(", ", contacts.Take(4)));
            }
            if (trackers.Count > 0)
            {
                strong.Add($"the same name ({target.BrandNames[0]}) and the reference owner's own analytics id " + string.Join(", ", trackers.Take(4)));
            }
        }
        else if (contacts.Count + trackers.Count > 0)
        {
            weak.Add("keeps the reference's own " + string.Join(", ", contacts.Concat(trackers).Take(4)));
        }
        return (strong, weak);

        static string Plain(string text) => new string(text.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
    }

    /// <summary>The contact substitutions (phone, e-mail, tracker) whose original the target no longer carries anywhere: the copy
    /// routes that contact to someone else. A social profile is left out: a firm's own redesign renames its profile handles
    /// (linkedin.com/in/jane-doe → linkedin.com/in/janedoe).</summary>
    private static List<BrandSubstitution> Rerouted(IReadOnlyList<BrandSubstitution> substitutions, IndexedSite target)
    {
        var fingerprints = target.Fingerprints;
        return substitutions.Where(s => s.Type switch
        {
            "phone" => Extraction.ContactPatterns.NormalisePhone(s.Original, "US") is { } phone && !fingerprints.Phones.Contains(phone),
            "email" => !fingerprints.Emails.Contains(s.Original, StringComparer.OrdinalIgnoreCase),
            "tracker" => !fingerprints.Trackers.Contains(s.Original, StringComparer.OrdinalIgnoreCase),
            _ => false,
        }).ToList();
    }

    /// <summary>True when the target's main name (its first brand name) shares a word of four letters or more with the
    /// reference's: "CodeCraft Systems" and "CodeCraft Studio" are one firm renamed, "Brightpath" and "Threestup" are not, nor are "Harbor
    /// Consulting" and "Summit Consulting" (a word of the trade names no firm).</summary>
    private static bool SameName(IndexedSite target, IndexedSite reference) =>
        target.BrandNames.Count > 0 && reference.BrandNames.Count > 0
        && BrandWords.Split(target.BrandNames[0]).Where(w => w.Length >= 4 && !BrandWords.IsDescriptor(w))
            .Intersect(BrandWords.Split(reference.BrandNames[0]), StringComparer.Ordinal).Any();

    /// <summary>True when the reference's own name or domain was replaced by an unrelated one throughout: the replacement occurs
    /// at least as often as the old name still does. A rename that keeps a word ("CodeCraft Studio" → "CodeCraft Systems") or
    /// an edit next to a brand that still appears everywhere is not a swap.</summary>
    private static bool BrandSwapped(IReadOnlyList<BrandSubstitution> substitutions, IndexedSite reference, SiteText target)
    {
        var brand = new BrandWords(reference);
        var text = string.Join("\n", target.Blocks.Select(b => b.Text)).ToLowerInvariant();
        // A firm that renamed itself keeping a word of its name (CodeCraft Studio → CodeCraft Systems) has not swapped brands,
        // even where a single word of the name differs.
        // The word must still be in the visible text: a clone that swapped the name in the text but kept og:site_name or the
        // JSON-LD name of the original has not been renamed.
        var referenceText = string.Join("\n", reference.Pages.SelectMany(p => p.Blocks).Select(b => b.Text)).ToLowerInvariant();
        var renamed = target.Site.BrandNames.Take(1).SelectMany(BrandWords.Split).Where(w => w.Length >= 4 && !BrandWords.IsDescriptor(w))
            .Intersect(reference.BrandNames.Take(1).SelectMany(BrandWords.Split), StringComparer.Ordinal)
            .Any(w => CountWord(text, w) > 0 && 2 * CountWord(text, w) >= CountWord(referenceText, w));
        foreach (var substitution in substitutions.Where(s => s.Type is "domain" or "email" || (s.Type == "name" && !renamed)))
        {
            var original = BrandWords.Split(substitution.Original).Where(w => !BrandWords.IsDescriptor(w)).ToHashSet(StringComparer.Ordinal);
            var replacement = BrandWords.Split(substitution.Replacement).Where(w => !BrandWords.IsDescriptor(w)).ToHashSet(StringComparer.Ordinal);
            if (original.Overlaps(replacement))
            {
                continue;
            }
            // A name made of ordinary words ("Talent Consulting") is counted as the whole name, not as "talent".
            var fullName = reference.BrandNames.Take(2).FirstOrDefault(b => BrandSubstitutions.Normalise(b) == BrandSubstitutions.Normalise(substitution.Original));
            if (fullName is not null && substitution.Count >= CountWord(text, fullName.ToLowerInvariant()))
            {
                return true;
            }
            foreach (var word in brand.In(substitution.Original).Distinct())
            {
                if (substitution.Count >= CountWord(text, word))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int CountWord(string text, string word)
    {
        var count = 0;
        var index = 0;
        while ((index = text.IndexOf(word, index, StringComparison.Ordinal)) >= 0)
        {
            // A name left inside an e-mail address or a host name (info@acme.com, www.acme.com/about) is not the name shown.
            var end = index + word.Length;
            var before = index == 0 || (!char.IsLetterOrDigit(text[index - 1]) && text[index - 1] is not ('@' or '.' or '/' or '-'));
            var after = end >= text.Length || (!char.IsLetterOrDigit(text[end]) && text[end] is not ('@' or '-')
                && !(text[end] == '.' && end + 1 < text.Length && char.IsLetter(text[end + 1])));
            if (before && after)
            {
                count++;
            }
            index += word.Length;
        }
        return count;
    }

    /// <summary>The clone's copied artefacts (resource files of the reference byte-identical in the target) and its page map.</summary>
    private static CloneMatch WithEvidence(CloneMatch clone, SiteText target, CandidateScore score, int referenceId, SiteIndex index,
        HashSet<int> self, SiteAnalysisOptions options) =>
        clone with
        {
            CopiedArtefacts = CopiedArtefacts(target.Site, score.Reference.Site, referenceId, index, self, options),
            PageMap = PageMap(target, score, options),
        };

    private static List<CopiedArtefact> CopiedArtefacts(IndexedSite target, IndexedSite reference, int referenceId, SiteIndex index,
        HashSet<int> self, SiteAnalysisOptions options)
    {
        var referenceFiles = new Dictionary<string, SiteAsset>(StringComparer.Ordinal);
        foreach (var asset in reference.Assets)
        {
            referenceFiles.TryAdd(asset.Sha256, asset);
        }
        var copied = new List<CopiedArtefact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var asset in target.Assets)
        {
            if (asset.Length < options.MinArtefactBytes || !referenceFiles.TryGetValue(asset.Sha256, out var original) || !seen.Add(asset.Sha256))
            {
                continue;
            }
            var sites = index.SitesWithAsset(asset.Sha256).Where(id => !self.Contains(id)).ToList();
            // Legitimate firms do not copy each other: a file another reference loads too is a library or a theme's.
            var otherReference = sites.Any(id => id != referenceId && index.RoleOf(id) == SiteRole.Reference && !index.SameFirm(id, referenceId));
            copied.Add(new CopiedArtefact(original.Kind, asset.Path, original.Path, asset.Sha256, sites.Count,
                otherReference || sites.Count > options.MaxArtefactSites));
        }
        return copied.OrderBy(c => c.Common).ThenBy(c => c.TargetPath, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every target page that copied text, with the reference page(s) its aligned passages came from, most words first.</summary>
    private static List<PageSource> PageMap(SiteText target, CandidateScore score, SiteAnalysisOptions options)
    {
        var pageWords = target.Blocks.Where(b => b.Role == BlockRole.Content).GroupBy(b => b.Page).ToDictionary(g => g.Key, g => g.Sum(b => b.Tokens.Count));
        return score.Passages.Where(p => p.Words >= options.MinPassageWords)
            .GroupBy(p => (Target: p.Target.Page, Reference: p.Reference.Page))
            .Select(g => (g.Key.Target, g.Key.Reference, Words: g.Sum(p => p.Words)))
            .Select(m => new PageSource(target.Site.Pages[m.Target].Path, score.Reference.Site.Pages[m.Reference].Path, m.Words,
                Round(Math.Min(1, (double)m.Words / Math.Max(1, pageWords.GetValueOrDefault(m.Target))))))
            .OrderBy(m => m.TargetPage, StringComparer.Ordinal).ThenByDescending(m => m.CopiedWords).ThenBy(m => m.ReferencePage, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Indexed sites sharing identifiers with the target, each value with how many indexed sites carry it and its
    /// IDF-like weight, and whether the link is an operator's (see <see cref="Pivot"/>).</summary>
    private static List<Pivot> Pivots(IndexedSite target, SiteIndex index, HashSet<int> self, SiteAnalysisOptions options)
    {
        var shared = new Dictionary<int, List<(string Kind, PivotValue Value)>>();
        var indexed = Math.Max(1, index.Count - self.Count);
        // A legitimate firm's site (analysed as given, or indexed as a reference) shares its own details with its clones: they
        // copied it, it does not run them.
        var targetIsReference = target.Role == SiteRole.Reference || self.Any(id => index.RoleOf(id) == SiteRole.Reference);
        foreach (var identifier in SiteIndex.Identifiers(target).Distinct(StringComparer.Ordinal))
        {
            var kind = identifier[..identifier.IndexOf(':', StringComparison.Ordinal)];
            var limit = kind == "address" ? options.MaxAddressPivotSites : options.MaxIdentifierSites;
            // A hub (one template shared by every generated site) would be filtered in full only to be dropped.
            if (index.CountWithIdentifier(identifier) > limit + self.Count)
            {
                continue;
            }
            var sites = index.SitesWithIdentifier(identifier).Where(id => !self.Contains(id)).ToList();
            if (sites.Count == 0 || sites.Count > limit)
            {
                continue;
            }
            var value = new PivotValue(PivotLabel(identifier), sites.Count, Round(Math.Log(1 + ((double)indexed / sites.Count)) / Math.Log(1 + indexed)));
            // Identifiers of a legitimate (reference) site link its clones to it, not to each other.
            var ownerReferences = sites.Where(id => index.RoleOf(id) == SiteRole.Reference).ToList();
            foreach (var id in sites)
            {
                if (ownerReferences.Count > 0 && !ownerReferences.Contains(id))
                {
                    continue;
                }
                if (!shared.TryGetValue(id, out var list))
                {
                    list = [];
                    shared[id] = list;
                }
                list.Add((kind, value));
            }
        }
        return shared
            .Where(s => s.Value.Any(v => v.Kind != "template") || index.RoleOf(s.Key) == SiteRole.Reference)
            .GroupBy(s => index.KeyOf(s.Key))
            .Select(g =>
            {
                var values = g.SelectMany(s => s.Value).DistinctBy(v => v.Value.Value).ToList();
                var isOperator = !targetIsReference && g.All(s => index.RoleOf(s.Key) == SiteRole.Suspect) && IsOperatorLink(values, options);
                return new Pivot(g.Key, values.Select(v => v.Value.Value).ToList(), isOperator, values.Select(v => v.Value).ToList());
            })
            .OrderByDescending(p => p.Operator)
            .ThenByDescending(p => p.Shared.Count(v => !v.StartsWith("template:", StringComparison.Ordinal) && !v.StartsWith("addresses:", StringComparison.Ordinal)))
            .ThenBy(p => p.Site, StringComparer.Ordinal).ToList();
    }

    /// <summary>An operator link needs a tracker, favicon, e-mail, phone or messenger handle that few indexed sites carry, or two
    /// values of different kinds (postal address included) that are each fairly rare. A postal address alone is not enough
    /// (registered agents and virtual offices serve many firms), and a template signature never counts: unrelated sites share
    /// free themes.</summary>
    private static bool IsOperatorLink(List<(string Kind, PivotValue Value)> values, SiteAnalysisOptions options)
    {
        if (values.Any(v => v.Kind is "tracker" or "favicon" or "email" or "phone" or "messenger" && v.Value.Sites <= options.MaxOperatorSites))
        {
            return true;
        }
        return values.Where(v => v.Kind != "template" && v.Value.Sites <= options.MaxOperatorPairSites).Select(v => v.Kind).Distinct().Count() >= 2;
    }

    private static string PivotLabel(string identifier)
    {
        var colon = identifier.IndexOf(':', StringComparison.Ordinal);
        var kind = identifier[..colon];
        var value = identifier[(colon + 1)..];
        return kind switch
        {
            "tracker" => "trackers:" + value,
            "favicon" => "favicon_mmh3:" + value,
            "email" => "emails:" + value,
            "phone" => "phones:" + value,
            "address" => "addresses:" + value,
            "messenger" => "messengers:" + value,
            _ => kind + ":" + value,
        };
    }

    private static List<SiteFinding> Findings(IndexedSite target, SiteIndex index, List<CloneMatch> clones, List<Pivot> pivots, HashSet<string> claimed,
        SiteAnalysisOptions options)
    {
        var findings = new List<SiteFinding>();
        var copies = clones.Where(c => c.Relation == CloneMatch.CloneRelation).ToList();
        foreach (var clone in copies)
        {
            var swaps = clone.BrandSubstitutions.Where(s => s.Type == "name").Take(2).Select(s => $"'{s.Original}'→'{s.Replacement}'");
            findings.Add(new SiteFinding("SITE_COPIED_CONTENT", "high",
                $"{Percent(clone.SuspectShare)} of the site's text ({clone.CopiedWords} words, {clone.Passages.Count} passages) copied from {clone.Reference}"
                + (swaps.Any() ? "; brand swapped " + string.Join(", ", swaps) : "")));
        }
        if (copies.Count > 0)
        {
            findings.Add(new SiteFinding("SITE_COPIED", "high",
                $"copies {string.Join(", ", copies.Select(c => $"{c.Reference} ({Percent(c.CopiedFraction)} of the copied pages)"))}"));
        }
        foreach (var same in clones.Where(c => c.Relation == CloneMatch.SameSiteRelation))
        {
            findings.Add(new SiteFinding("SITE_SAME_SITE", "info", $"another version of {same.Reference}: {string.Join("; ", same.SameSiteEvidence)}"));
        }

        var foreignDomains = copies.Select(c => index.FirstWithKey(c.Reference)?.Domain).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        // A canonical link or og:url naming another indexed site's domain is reported once, as SITE_CLAIMS_OTHER_IDENTITY.
        foreignDomains.ExceptWith(claimed);
        foreach (var group in target.Artefacts.Where(a => a.Kind is "httrack" or "saved_from" or "canonical" or "og_url")
                     .Select(a => (a.Kind, a.Page, Domain: SiteFeatures.RegistrableOfUrl(a.Value, PublicSuffix.Default)))
                     .Where(a => a.Domain is not null && a.Domain != target.Domain && (a.Kind is "httrack" or "saved_from" || foreignDomains.Contains(a.Domain)))
                     .GroupBy(a => (a.Kind, a.Domain)))
        {
            var pages = group.Select(a => a.Page).Distinct().ToList();
            var what = group.Key.Kind switch
            {
                "httrack" => "HTTrack 'Mirrored from' comment",
                "saved_from" => "browser 'saved from url' comment",
                "canonical" => "canonical link",
                _ => "og:url",
            };
            findings.Add(new SiteFinding("SITE_CLONE_ARTEFACT", "medium",
                $"{what} names {group.Key.Domain} on {pages.Count} page(s): {string.Join(", ", pages.Take(3))}"));
        }
        foreach (var clone in copies)
        {
            var reference = index.FirstWithKey(clone.Reference);
            if (reference is null || !clone.BrandSubstitutions.Any(s => s.Type == "name"))
            {
                continue;
            }
            foreach (var brand in reference.BrandNames.Where(b => b.Length >= 3).Take(3))
            {
                var pages = target.Pages.Where(p => Contains(p.Title, brand) || p.Alts.Any(a => Contains(a, brand))).Select(p => p.Path).ToList();
                if (pages.Count > 0)
                {
                    findings.Add(new SiteFinding("SITE_BRAND_LEFTOVER", "medium",
                        $"the copied firm's name '{brand}' is left in the title or image text of {string.Join(", ", pages.Take(3))}"));
                    break;
                }
            }
        }
        findings.AddRange(ArtefactFindings(copies));
        foreach (var pivot in pivots.Where(p => p.Operator))
        {
            var values = pivot.Values.Where(v => !v.Value.StartsWith("template:", StringComparison.Ordinal)).Take(4)
                .Select(v => v.Sites == 1 ? v.Value : $"{v.Value} (on {v.Sites} indexed sites)");
            findings.Add(new SiteFinding("SITE_SHARED_FINGERPRINT", "high", $"shares {string.Join(", ", values)} with {pivot.Site}"));
        }

        findings.AddRange(DomainFindings.Of(target, index, options));
        return findings;
    }

    /// <summary>SITE_COPIED_ASSETS: a clone that also carries the reference's own resource files, byte for byte (common files
    /// such as a CDN's library do not count).</summary>
    private static IEnumerable<SiteFinding> ArtefactFindings(List<CloneMatch> copies)
    {
        foreach (var clone in copies)
        {
            var own = clone.CopiedArtefacts.Where(a => !a.Common).ToList();
            if (own.Count > 0)
            {
                var kinds = own.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}(s)");
                yield return new SiteFinding("SITE_COPIED_ASSETS", "medium",
                    $"{string.Join(", ", kinds)} byte-identical to {clone.Reference}'s: {string.Join(", ", own.Take(3).Select(a => a.TargetPath == a.ReferencePath ? a.TargetPath : $"{a.TargetPath} = {a.ReferencePath}"))}");
            }
        }
    }

    private static bool Contains(string? text, string value) => text is not null && text.Contains(value, StringComparison.OrdinalIgnoreCase);

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
