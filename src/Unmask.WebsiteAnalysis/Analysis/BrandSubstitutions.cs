using System.Text.RegularExpressions;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Similarity;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>Infers which strings of the reference were replaced in the target: the edits between aligned runs (and at the edges
/// of a well-aligned block) that look like names, domains, e-mails, phones or addresses; plus identifiers of the reference that
/// are gone from the target while the target has new ones of the same kind (trackers, e-mails, phones, the site's domain).
/// Ordinary word swaps (synonyms, machine-translation noise) are dropped: a name edit must contain a capitalised word that never
/// occurs in lower case in either text.</summary>
public static partial class BrandSubstitutions
{
    private const int MaxEditTokens = 12;
    private const int MaxGapTokens = 40;
    private const int EdgeTokens = 12;
    private const int MaxNameTokens = 6;

    /// <summary>Replaced stretches between two token ranges (word-level LCS): each hunk is a non-empty reference range replaced by a
    /// non-empty target range, both bounded by common tokens or the range ends. Pure insertions and deletions are not hunks.</summary>
    public static IEnumerable<(int R0, int R1, int T0, int T1)> Hunks(List<Token> reference, int rFirst, int rLast, List<Token> target, int tFirst, int tLast)
    {
        var n = rLast - rFirst + 1;
        var m = tLast - tFirst + 1;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = reference[rFirst + i].Norm == target[tFirst + j].Norm ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        int x = 0, y = 0, hr = -1, ht = -1;
        var result = new List<(int, int, int, int)>();
        void Emit(int xEnd, int yEnd)
        {
            if (hr >= 0 && ht >= 0 && xEnd > hr && yEnd > ht)
            {
                result.Add((rFirst + hr, rFirst + xEnd - 1, tFirst + ht, tFirst + yEnd - 1));
            }
            hr = -1;
            ht = -1;
        }
        while (x < n || y < m)
        {
            if (x < n && y < m && reference[rFirst + x].Norm == target[tFirst + y].Norm)
            {
                Emit(x, y);
                x++;
                y++;
            }
            else if (y >= m || (x < n && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                if (hr < 0)
                {
                    hr = x;
                    ht = ht < 0 ? y : ht;
                }
                x++;
            }
            else
            {
                if (ht < 0)
                {
                    ht = y;
                    hr = hr < 0 ? x : hr;
                }
                y++;
            }
        }
        Emit(x, y);
        return result;
    }

    [GeneratedRegex(@"\b(street|st|avenue|ave|blvd|boulevard|drive|dr|road|rd|suite|ste|lane|way|pkwy|parkway|floor|plaza|place)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StreetWord();

    public static List<BrandSubstitution> Infer(IReadOnlyList<AlignedPassage> passages, SiteText target, SiteText reference)
    {
        var referenceBrand = new BrandWords(reference.Site);
        var targetBrand = new BrandWords(target.Site);
        var ordinary = target.LowercaseWords();
        ordinary.UnionWith(reference.LowercaseWords());
        var counts = new Dictionary<(string Original, string Replacement), (int Count, string Type)>();

        void Consider(AlignedBlock referenceBlock, int rFirst, int rLast, AlignedBlock targetBlock, int tFirst, int tLast)
        {
            if (rFirst > rLast || tFirst > tLast || rLast - rFirst >= MaxGapTokens || tLast - tFirst >= MaxGapTokens)
            {
                return;
            }
            ConsiderHunks(referenceBlock, rFirst, rLast, targetBlock, tFirst, tLast);
        }

        void ConsiderHunks(AlignedBlock referenceBlock, int rFirst, int rLast, AlignedBlock targetBlock, int tFirst, int tLast)
        {
            foreach (var (r0, r1, t0, t1) in Hunks(referenceBlock.Tokens, rFirst, rLast, targetBlock.Tokens, tFirst, tLast))
            {
                if (r1 - r0 >= MaxEditTokens || t1 - t0 >= MaxEditTokens)
                {
                    continue;
                }
                var type = Classify(referenceBlock, r0, r1, targetBlock, t0, t1, ordinary, referenceBrand);
                if (type is null)
                {
                    continue;
                }
                var originalLines = Surface(referenceBlock, r0, r1).Split('\n');
                var replacementLines = Surface(targetBlock, t0, t1).Split('\n');
                if (originalLines.Length != replacementLines.Length)
                {
                    continue;
                }
                // "Acme\nAcme is ..." → "Lab\nLab is ...": one hunk spanning a line break is one swap per line.
                for (var line = 0; line < originalLines.Length; line++)
                {
                    var original = originalLines[line].Trim();
                    var replacement = replacementLines[line].Trim();
                    if (original.Length == 0 || replacement.Length == 0 || string.Equals(Normalise(original), Normalise(replacement), StringComparison.Ordinal))
                    {
                        continue;
                    }
                    var key = (original, replacement);
                    counts[key] = (counts.GetValueOrDefault(key).Count + 1, type);
                }
            }
        }

        foreach (var passage in passages)
        {
            for (var i = 1; i < passage.Runs.Count; i++)
            {
                var previous = passage.Runs[i - 1];
                var run = passage.Runs[i];
                Consider(passage.Reference, previous.ReferenceLast + 1, run.ReferenceFirst - 1, passage.Target, previous.TargetLast + 1, run.TargetFirst - 1);
            }
            // Edits at the start or end of a block that is otherwise copied ("Acme Consulting is ..." → "Independent Lab is ...").
            var first = passage.Runs[0];
            if (first.TargetFirst > 0 && first.ReferenceFirst > 0)
            {
                var r0 = Math.Max(0, first.ReferenceFirst - EdgeTokens);
                var t0 = Math.Max(0, first.TargetFirst - EdgeTokens);
                Consider(passage.Reference, r0, first.ReferenceFirst - 1, passage.Target, t0, first.TargetFirst - 1);
            }
            var last = passage.Runs[^1];
            var tRest = passage.Target.Tokens.Count - 1 - last.TargetLast;
            var rRest = passage.Reference.Tokens.Count - 1 - last.ReferenceLast;
            if (tRest > 0 && rRest > 0)
            {
                Consider(passage.Reference, last.ReferenceLast + 1, last.ReferenceLast + Math.Min(rRest, EdgeTokens), passage.Target, last.TargetLast + 1, last.TargetLast + Math.Min(tRest, EdgeTokens));
            }
        }

        // Lines (the original text blocks inside a segment) that runs do not cover — titles, headings, footers, contact lines —
        // are paired with the most similar line of a reference page the target page copies from. Site furniture is kept once per
        // site, on the first page that has it, so boilerplate lines of either site are candidates whatever page they sit on.
        var covered = Alignment.CoveredTargetTokens(passages);
        var referenceFurniture = Lines(reference.Blocks.Where(b => b.Role == Extraction.BlockRole.Boilerplate)).ToList();
        var pairedPages = passages.Select(p => (Target: p.Target.Page, Reference: p.Reference.Page)).Distinct().ToList();
        var pairedLines = new HashSet<(AlignedBlock, int, AlignedBlock, int)>();
        foreach (var targetPage in pairedPages.Select(p => p.Target).Distinct())
        {
            var referencePages = pairedPages.Where(p => p.Target == targetPage).Select(p => p.Reference).ToHashSet();
            var referenceLines = Lines(reference.Blocks.Where(b => referencePages.Contains(b.Page))).Concat(referenceFurniture).Distinct().ToList();
            var targetLines = Lines(target.Blocks.Where(b => b.Page == targetPage || b.Role == Extraction.BlockRole.Boilerplate))
                .Where(l => Enumerable.Range(l.First, l.Last - l.First + 1).Any(t => !covered.Contains((l.Block, t))));
            foreach (var line in targetLines)
            {
                var best = referenceLines.Select(r => (Line: r, Common: CommonTokens(r.Block.Tokens, r.First, r.Last, line.Block.Tokens, line.First, line.Last)))
                    .OrderByDescending(x => x.Common).FirstOrDefault();
                if (best.Line.Block is null)
                {
                    continue;
                }
                var shorter = Math.Min(best.Line.Last - best.Line.First, line.Last - line.First) + 1;
                if (best.Common >= 2 && best.Common >= 0.4 * shorter && pairedLines.Add((best.Line.Block, best.Line.First, line.Block, line.First)))
                {
                    Consider(best.Line.Block, best.Line.First, best.Line.Last, line.Block, line.First, line.Last);
                }
            }
        }

        // A one-off edit of ordinary capitalised words ("Start the Conversation" → "Book a Call") is copy-editing, not a brand swap:
        // a name edit must name the reference or the target, or recur.
        var result = counts.Select(c => new BrandSubstitution(c.Key.Original, c.Key.Replacement, c.Value.Count, c.Value.Type))
            .Where(s => s.Type != "name" || s.Count >= 2 || referenceBrand.Names(s.Original) || targetBrand.Names(s.Replacement) || HasLegalForm(s.Replacement))
            .ToList();

        // An e-mail swap with the same local part also swaps the domain (info@acme.com → info@lab.com: acme.com → lab.com).
        foreach (var email in result.Where(s => s.Type == "email").ToList())
        {
            var original = email.Original.Split('@');
            var replacement = email.Replacement.Split('@');
            if (original.Length == 2 && replacement.Length == 2 && !original[1].Equals(replacement[1], StringComparison.OrdinalIgnoreCase))
            {
                AddOrCount(result, new BrandSubstitution(original[1].ToLowerInvariant(), replacement[1].ToLowerInvariant(), email.Count, "domain"));
            }
        }

        AddMarkupSwaps(result, passages, target, reference);
        AddIdentifierSwaps(result, reference.Site, target.Site, target);
        AddBrandNameSwap(result, reference, target);
        return result
            .GroupBy(s => (Normalise(s.Original), Normalise(s.Replacement)))
            .Select(g => g.OrderByDescending(s => s.Count).First() with { Count = g.Sum(s => s.Count) })
            .OrderByDescending(s => s.Count).ThenBy(s => s.Original, StringComparer.Ordinal)
            .Take(40).ToList();
    }

    /// <summary>The reference's own name (og:site_name, JSON-LD, copyright, title) replaced by the target's own name, when the
    /// old name is (almost) gone from the target's text and no aligned edit already shows it.</summary>
    private static void AddBrandNameSwap(List<BrandSubstitution> result, SiteText reference, SiteText target)
    {
        if (target.Site.BrandNames.Count == 0)
        {
            return;
        }
        var targetText = string.Join('\n', target.Blocks.Select(b => b.Text));
        var referenceText = string.Join('\n', reference.Blocks.Select(b => b.Text));
        var replacement = target.Site.BrandNames[0];
        var replacementCount = CountOccurrences(targetText, replacement);
        foreach (var brand in reference.Site.BrandNames.Take(2))
        {
            if (result.Any(s => Normalise(s.Original) == Normalise(brand)) || BrandWords.Split(brand).Intersect(BrandWords.Split(replacement)).Any())
            {
                continue;
            }
            var left = CountOccurrences(targetText, brand);
            var before = CountOccurrences(referenceText, brand);
            if (before > 0 && replacementCount > left)
            {
                result.Add(new BrandSubstitution(brand, replacement, replacementCount, "name"));
            }
        }
    }

    /// <summary>Swaps in the markup of copied page pairs: the same slot (a JSON-LD field at the same path, the canonical URL,
    /// og:url, og:site_name, or a link matched to its counterpart by its host-less path, <c>tel:</c> or <c>mailto:</c> position)
    /// holding a different phone, e-mail, address, organisation name or domain. Clones often keep the markup of the copied page
    /// and swap only these values, sometimes without touching the visible text.</summary>
    private static void AddMarkupSwaps(List<BrandSubstitution> result, IReadOnlyList<AlignedPassage> passages, SiteText target, SiteText reference)
    {
        var referenceBrand = new BrandWords(reference.Site);
        var targetBrand = new BrandWords(target.Site);
        var suffixes = Domains.PublicSuffix.Default;
        var counts = new Dictionary<(string Original, string Replacement, string Type), int>();
        void Count(string original, string replacement, string type) =>
            counts[(original, replacement, type)] = counts.GetValueOrDefault((original, replacement, type)) + 1;

        void Compare(string key, string original, string replacement)
        {
            original = original.Trim();
            replacement = replacement.Trim();
            if (original.Length == 0 || replacement.Length == 0 || original == replacement)
            {
                return;
            }
            if (original.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || key is "telephone" or "faxNumber")
            {
                var a = Unescape(original.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? original[4..] : original);
                var b = Unescape(replacement.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? replacement[4..] : replacement);
                if (Digits(a).Length >= 7 && Digits(b).Length >= 7 && Digits(a) != Digits(b))
                {
                    Count(a, b, "phone");
                }
                return;
            }
            if (original.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || key == "email")
            {
                var a = MailAddress(original);
                var b = MailAddress(replacement);
                if (a.Contains('@', StringComparison.Ordinal) && b.Contains('@', StringComparison.Ordinal) && !a.Equals(b, StringComparison.OrdinalIgnoreCase))
                {
                    Count(a, b, "email");
                }
                return;
            }
            if (key is "streetAddress" or "address")
            {
                if (original.Any(char.IsLetter) && replacement.Any(char.IsLetter) && Normalise(original) != Normalise(replacement))
                {
                    Count(original, replacement, "address");
                }
                return;
            }
            if (key is "name" or "legalName" or "alternateName" or "og:site_name")
            {
                if (referenceBrand.Names(original) && Normalise(original) != Normalise(replacement))
                {
                    Count(original, replacement, "name");
                }
                return;
            }
            if (SiteFeatures.RegistrableOfUrl(LooksLikeUrl(original) ? original : null, suffixes) is { } from
                && SiteFeatures.RegistrableOfUrl(LooksLikeUrl(replacement) ? replacement : null, suffixes) is { } to
                && from != to && from != "archive.org" && to != "archive.org"
                && (referenceBrand.Domains.Contains(from) || referenceBrand.Names(from) || to == target.Site.Domain || targetBrand.Names(to)))
            {
                Count(from, to, "domain");
            }
        }

        foreach (var (targetPage, referencePage) in passages.Select(p => (p.Target.Page, p.Reference.Page)).Distinct())
        {
            var targetMarkup = target.Site.Pages[targetPage].Markup ?? [];
            var referenceMarkup = reference.Site.Pages[referencePage].Markup ?? [];
            var targetSlots = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in targetMarkup.Where(m => m.Slot != "link"))
            {
                targetSlots.TryAdd(value.Slot, value.Value);
            }
            foreach (var value in referenceMarkup.Where(m => m.Slot != "link"))
            {
                if (targetSlots.TryGetValue(value.Slot, out var replacement))
                {
                    Compare(value.Slot[(value.Slot.LastIndexOf('.') + 1)..].Replace("meta:", "", StringComparison.Ordinal), value.Value, replacement);
                }
            }
            var referenceLinks = referenceMarkup.Where(m => m.Slot == "link").Select(m => m.Value).Take(400).ToList();
            var targetLinks = targetMarkup.Where(m => m.Slot == "link").Select(m => m.Value).Take(400).ToList();
            foreach (var (r, t) in MatchedLinks(referenceLinks, targetLinks))
            {
                Compare("link", referenceLinks[r], targetLinks[t]);
            }
        }
        foreach (var ((original, replacement, type), count) in counts)
        {
            if (!result.Any(s => s.Type == type && Normalise(s.Original) == Normalise(original) && Normalise(s.Replacement) == Normalise(replacement)))
            {
                result.Add(new BrandSubstitution(original, replacement, count, type));
            }
        }

        static string Unescape(string value) => Uri.UnescapeDataString(value).Trim();
        static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
        static string MailAddress(string value) => Uri.UnescapeDataString(value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? value[7..] : value).Split('?')[0].Trim().ToLowerInvariant();
        static bool LooksLikeUrl(string value) =>
            value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("//", StringComparison.Ordinal);
    }

    /// <summary>Pairs of link indices matched by a longest common subsequence over a host-free key: the path and query of an
    /// absolute URL, <c>tel:</c>, <c>mailto:</c>, or the href itself. Links that point to the same page of a swapped domain, or the
    /// n-th phone link of a copied block, line up.</summary>
    private static List<(int Reference, int Target)> MatchedLinks(List<string> reference, List<string> target)
    {
        static string Key(string href)
        {
            if (href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            {
                return "tel:";
            }
            if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                return "mailto:";
            }
            var value = href.StartsWith("//", StringComparison.Ordinal) ? "http:" + href : href;
            if ((value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                && Uri.TryCreate(value, UriKind.Absolute, out var uri))
            {
                return "abs:" + uri.PathAndQuery.TrimEnd('/').ToLowerInvariant();
            }
            return "rel:" + href;
        }
        var r = reference.Select(Key).ToList();
        var t = target.Select(Key).ToList();
        var lcs = new int[r.Count + 1, t.Count + 1];
        for (var i = r.Count - 1; i >= 0; i--)
        {
            for (var j = t.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = r[i] == t[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var pairs = new List<(int, int)>();
        int x = 0, y = 0;
        while (x < r.Count && y < t.Count)
        {
            if (r[x] == t[y])
            {
                if (!r[x].StartsWith("rel:", StringComparison.Ordinal))
                {
                    pairs.Add((x, y));
                }
                x++;
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                x++;
            }
            else
            {
                y++;
            }
        }
        return pairs;
    }

    /// <summary>Identifiers of the reference that the target no longer has, paired with the target's new ones of the same kind.</summary>
    private static void AddIdentifierSwaps(List<BrandSubstitution> result, IndexedSite reference, IndexedSite target, SiteText targetText)
    {
        var targetText64 = string.Join('\n', targetText.Blocks.Select(b => b.Text));
        var referenceDomains = BrandWords.OwnDomains(reference);
        // sameKind picks the likely counterpart; fallback says whether, without one, any new identifier of the kind may stand in
        // (a dropped Facebook pixel is not "replaced" by a new Google tag; a theme vendor's e-mail is not the firm's).
        void Pair(IReadOnlyList<string> fromReference, IReadOnlyList<string> fromTarget, string type, Func<string, string, bool> sameKind, Func<string, bool>? fallback = null)
        {
            var gone = fromReference.Except(fromTarget, StringComparer.OrdinalIgnoreCase).ToList();
            var added = fromTarget.Except(fromReference, StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var original in gone)
            {
                if (result.Any(s => Normalise(s.Original) == Normalise(original)))
                {
                    continue;
                }
                var candidates = added.Where(a => sameKind(original, a)).ToList();
                if (candidates.Count == 0 && (fallback is null || fallback(original)))
                {
                    candidates = added;
                }
                if (candidates.Count is 0 or > 3)
                {
                    continue;
                }
                var replacement = candidates[0];
                var occurrences = Math.Max(1, CountOccurrences(targetText64, replacement));
                result.Add(new BrandSubstitution(original, replacement, occurrences, type));
            }
        }

        Pair(reference.Fingerprints.Trackers, target.Fingerprints.Trackers, "tracker", (a, b) => Family(a) == Family(b), _ => false);
        Pair(reference.Fingerprints.Phones, target.Fingerprints.Phones, "phone", (_, _) => true);
        Pair(reference.Fingerprints.Emails, target.Fingerprints.Emails, "email", (a, b) => a.Split('@')[0] == b.Split('@')[0],
            a => referenceDomains.Contains(a[(a.IndexOf('@', StringComparison.Ordinal) + 1)..]));
        // A site that declares no domain still names its own through its e-mail addresses (BrandWords.OwnDomains).
        if ((reference.Domain ?? BrandWords.OwnDomains(reference).FirstOrDefault()) is { } from
            && (target.Domain ?? BrandWords.OwnDomains(target).FirstOrDefault()) is { } to && from != to)
        {
            Pair([from], [to], "domain", (_, _) => true);
        }

        // Google's UA-, G-, GTM- and AW- ids are one family (a clone swaps an old UA- id for its own G- tag); pixels of other
        // vendors are their own.
        static string Family(string tracker) => tracker.Split('-', ':')[0] is "UA" or "G" or "GTM" or "AW" ? "google" : tracker.Split('-', ':')[0];
    }

    /// <summary>Length of the longest common subsequence of two token ranges (compared by normalised form).</summary>
    private static int CommonTokens(List<Token> a, int aFirst, int aLast, List<Token> b, int bFirst, int bLast)
    {
        var n = aLast - aFirst + 1;
        var m = bLast - bFirst + 1;
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                current[j] = a[aFirst + i - 1].Norm == b[bFirst + j - 1].Norm ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return previous[m];
    }

    /// <summary>The lines of the segments (one per original text block) as token ranges, those short enough to pair.</summary>
    private static IEnumerable<(AlignedBlock Block, int First, int Last)> Lines(IEnumerable<AlignedBlock> segments)
    {
        foreach (var segment in segments)
        {
            var first = 0;
            for (var t = 0; t < segment.Tokens.Count; t++)
            {
                var lineEnds = t == segment.Tokens.Count - 1
                    || segment.Text.AsSpan(segment.Tokens[t].End, segment.Tokens[t + 1].Start - segment.Tokens[t].End).Contains('\n');
                if (lineEnds)
                {
                    if (t - first + 1 < MaxGapTokens)
                    {
                        yield return (segment, first, t);
                    }
                    first = t + 1;
                }
            }
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        var index = 0;
        while ((index = text.IndexOf(value, index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            count++;
            index += value.Length;
        }
        return count;
    }

    private static void AddOrCount(List<BrandSubstitution> result, BrandSubstitution substitution)
    {
        var existing = result.FindIndex(s => Normalise(s.Original) == Normalise(substitution.Original) && Normalise(s.Replacement) == Normalise(substitution.Replacement));
        if (existing >= 0)
        {
            result[existing] = result[existing] with { Count = result[existing].Count + substitution.Count };
        }
        else
        {
            result.Add(substitution);
        }
    }

    private static string? Classify(AlignedBlock referenceBlock, int rFirst, int rLast, AlignedBlock targetBlock, int tFirst, int tLast, HashSet<string> ordinary, BrandWords referenceBrand)
    {
        var rTokens = referenceBlock.Tokens.GetRange(rFirst, rLast - rFirst + 1);
        var tTokens = targetBlock.Tokens.GetRange(tFirst, tLast - tFirst + 1);
        if (rTokens.Any(t => t.Kind == TokenKind.Email) && tTokens.Any(t => t.Kind == TokenKind.Email))
        {
            return "email";
        }
        if (rTokens.Any(t => t.Kind == TokenKind.Domain) && tTokens.Any(t => t.Kind is TokenKind.Domain or TokenKind.Email))
        {
            return "domain";
        }
        if (rTokens.Any(t => t.Kind == TokenKind.Phone) && tTokens.Any(t => t.Kind == TokenKind.Phone))
        {
            return "phone";
        }
        var original = Surface(referenceBlock, rFirst, rLast);
        var replacement = Surface(targetBlock, tFirst, tLast);
        if (original.Any(char.IsAsciiDigit) && StreetWord().IsMatch(original) && replacement.Any(char.IsAsciiDigit))
        {
            return "address";
        }
        // A name is a few words, not a clause.
        if (rTokens.Count > MaxNameTokens || tTokens.Count > MaxNameTokens || IsClause(original) || IsClause(replacement))
        {
            return null;
        }
        bool NameLike(AlignedBlock block, List<Token> tokens) =>
            tokens.Any(t => t.Kind == TokenKind.Word && (char.IsUpper(block.Text[t.Start]) || t.Norm.Any(char.IsAsciiDigit)) && !ordinary.Contains(t.Norm) && t.Norm.Length > 1);
        // The reference's own name may be made of ordinary words ("Talent Consulting"); replaced by a name, it is a brand swap.
        return (NameLike(referenceBlock, rTokens) || referenceBrand.Names(original)) && NameLike(targetBlock, tTokens) ? "name" : null;
    }

    [GeneratedRegex(@"\b(LLC|L\.L\.C\.|Ltd|Limited|Inc|Incorporated|Corp|Corporation|GmbH|AG|S\.?A\.?|S\.?r\.?l\.?|B\.?V\.?|N\.?V\.?|Pty|PLC|LLP|Co\.,? Ltd|Oy|AB|AS|ApS|Sp\. z o\.o\.)\b\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LegalForm();

    /// <summary>True when the text ends in a company's legal form ("Xylar Web Studio LLC", "Dalian Leptra Software Co., Ltd").</summary>
    public static bool HasLegalForm(string text) => LegalForm().IsMatch(text.Trim());

    private static bool IsClause(string text)
    {
        var withoutLegalForm = LegalFormComma().Replace(text, " ");
        return withoutLegalForm.IndexOfAny([':', ';', ',', '!', '?']) >= 0 || withoutLegalForm.TrimEnd().EndsWith('.');
    }

    [GeneratedRegex(@",\s*(?=(?:Ltd|LLC|Inc|Co|Limited|GmbH)\b)|\b(?:Co|Ltd|Inc|Corp)\.", RegexOptions.CultureInvariant)]
    private static partial Regex LegalFormComma();

    private static string Surface(AlignedBlock block, int first, int last) =>
        block.Text[block.Tokens[first].Start..block.Tokens[last].End].Trim();

    public static string Normalise(string value) =>
        new string(value.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
