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
            foreach (var (r0, r1, t0, t1) in Hunks(referenceBlock.Tokens, rFirst, rLast, targetBlock.Tokens, tFirst, tLast))
            {
                if (r1 - r0 >= MaxEditTokens || t1 - t0 >= MaxEditTokens)
                {
                    continue;
                }
                var type = Classify(referenceBlock, r0, r1, targetBlock, t0, t1, ordinary);
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

        // Short segments (titles, headings, footers) too short to share a shingle are paired with the most similar short segment
        // of a reference page the target page copies from.
        var aligned = passages.Select(p => p.Target).ToHashSet();
        foreach (var pagePair in passages.Select(p => (Target: p.Target.Page, Reference: p.Reference.Page)).Distinct())
        {
            var referenceSegments = reference.Blocks.Where(b => b.Page == pagePair.Reference && b.Tokens.Count is > 0 and < MaxGapTokens).ToList();
            foreach (var segment in target.Blocks.Where(b => b.Page == pagePair.Target && !aligned.Contains(b) && b.Tokens.Count is > 0 and < MaxGapTokens))
            {
                var best = referenceSegments.Select(r => (Block: r, Common: CommonTokens(r.Tokens, segment.Tokens))).OrderByDescending(x => x.Common).FirstOrDefault();
                if (best.Block is not null && best.Common >= 2 && best.Common >= 0.4 * Math.Min(best.Block.Tokens.Count, segment.Tokens.Count))
                {
                    Consider(best.Block, 0, best.Block.Tokens.Count - 1, segment, 0, segment.Tokens.Count - 1);
                }
            }
        }

        // A one-off edit of ordinary capitalised words ("Start the Conversation" → "Book a Call") is copy-editing, not a brand swap:
        // a name edit must name the reference or the target, or recur.
        var result = counts.Select(c => new BrandSubstitution(c.Key.Original, c.Key.Replacement, c.Value.Count, c.Value.Type))
            .Where(s => s.Type != "name" || s.Count >= 2 || referenceBrand.Names(s.Original) || targetBrand.Names(s.Replacement))
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

    /// <summary>Identifiers of the reference that the target no longer has, paired with the target's new ones of the same kind.</summary>
    private static void AddIdentifierSwaps(List<BrandSubstitution> result, IndexedSite reference, IndexedSite target, SiteText targetText)
    {
        var targetText64 = string.Join('\n', targetText.Blocks.Select(b => b.Text));
        void Pair(IReadOnlyList<string> fromReference, IReadOnlyList<string> fromTarget, string type, Func<string, string, bool> sameKind)
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
                if (candidates.Count == 0)
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

        Pair(reference.Fingerprints.Trackers, target.Fingerprints.Trackers, "tracker", (a, b) => Prefix(a) == Prefix(b));
        Pair(reference.Fingerprints.Phones, target.Fingerprints.Phones, "phone", (_, _) => true);
        Pair(reference.Fingerprints.Emails, target.Fingerprints.Emails, "email", (a, b) => a.Split('@')[0] == b.Split('@')[0]);
        if (reference.Domain is { } from && target.Domain is { } to && from != to)
        {
            Pair([from], [to], "domain", (_, _) => true);
        }

        static string Prefix(string tracker) => tracker.Split('-', ':')[0];
    }

    /// <summary>Length of the longest common subsequence of the two token lists (compared by normalised form).</summary>
    private static int CommonTokens(List<Token> a, List<Token> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = a[i - 1].Norm == b[j - 1].Norm ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Count];
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

    private static string? Classify(AlignedBlock referenceBlock, int rFirst, int rLast, AlignedBlock targetBlock, int tFirst, int tLast, HashSet<string> ordinary)
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
        bool NameLike(AlignedBlock block, List<Token> tokens) =>
            tokens.Any(t => t.Kind == TokenKind.Word && (char.IsUpper(block.Text[t.Start]) || t.Norm.Any(char.IsAsciiDigit)) && !ordinary.Contains(t.Norm) && t.Norm.Length > 1);
        return NameLike(referenceBlock, rTokens) && NameLike(targetBlock, tTokens) ? "name" : null;
    }

    private static string Surface(AlignedBlock block, int first, int last) =>
        block.Text[block.Tokens[first].Start..block.Tokens[last].End].Trim();

    public static string Normalise(string value) =>
        new string(value.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
