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

    [GeneratedRegex(@"\b(CEO|CTO|COO|CFO|CMO|CIO|founder|co-founder|cofounder|owner|director|manager|engineer|developer|designer|consultant|head|lead|president|vice|officer|partner|chairman|chair|architect|recruiter|specialist|analyst)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleWord();

    public static List<BrandSubstitution> Infer(IReadOnlyList<AlignedPassage> passages, SiteText target, SiteText reference)
    {
        var referenceBrand = new BrandWords(reference.Site);
        var targetBrand = new BrandWords(target.Site);
        var ordinary = target.LowercaseWords();
        ordinary.UnionWith(reference.LowercaseWords());
        // Each (original, replacement) pair once, counted, with where it was seen first.
        var found = new Dictionary<(string Original, string Replacement), BrandSubstitution>();

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
                // "+31 6 488 661 95 · info@acme.nl" → "206.555.0179 · hello@lab.com": identifiers in the same order are swapped one by one.
                var identifiers = IdentifierPairs(referenceBlock, r0, r1, targetBlock, t0, t1);
                if (identifiers.Count > 0)
                {
                    foreach (var (original, replacement, kind) in identifiers)
                    {
                        Add(found, Seen(original, replacement, kind, r0, t0));
                    }
                    // The words before the first identifier may be a swapped name ("Acme Inc, 513.818.4650" → "Lab LLC, 312-555-0101").
                    var rWord = FirstIdentifier(referenceBlock, r0, r1);
                    var tWord = FirstIdentifier(targetBlock, t0, t1);
                    if (rWord > r0 && tWord > t0)
                    {
                        ConsiderSpan(r0, rWord - 1, t0, tWord - 1);
                    }
                    continue;
                }
                ConsiderSpan(r0, r1, t0, t1);
            }

            void ConsiderSpan(int r0, int r1, int t0, int t1)
            {
                var targetLine = LineAround(targetBlock, t0);
                var referenceLine = LineAround(referenceBlock, r0);
                var type = Classify(referenceBlock, r0, r1, targetBlock, t0, t1, ordinary, referenceBrand);
                if (type is null)
                {
                    return;
                }
                var originalLines = Surface(referenceBlock, r0, r1).Split('\n');
                var replacementLines = Surface(targetBlock, t0, t1).Split('\n');
                // "Jane Doe, CEO" → "John Smith, CEO": a name next to a job title is a person, not the firm ("Jane Doe" →
                // "Mara Doe" shows as one word changed: the person is the whole name).
                if (type == "name" && originalLines.Length == 1 && replacementLines.Length == 1 && RoleWord().IsMatch(targetLine) && RoleWord().IsMatch(referenceLine))
                {
                    var (e0, e1) = ExpandName(referenceBlock, r0, r1);
                    var (f0, f1) = ExpandName(targetBlock, t0, t1);
                    var person = Surface(referenceBlock, e0, e1);
                    var replacementPerson = Surface(targetBlock, f0, f1);
                    if (IsPersonName(person) && IsPersonName(replacementPerson) && !referenceBrand.Names(person))
                    {
                        type = "person";
                        originalLines = [person];
                        replacementLines = [replacementPerson];
                    }
                }
                if (originalLines.Length != replacementLines.Length)
                {
                    return;
                }
                // "Acme\nAcme is ..." → "Lab\nLab is ...": one hunk spanning a line break is one swap per line.
                for (var line = 0; line < originalLines.Length; line++)
                {
                    var original = originalLines[line].Trim();
                    var replacement = replacementLines[line].Trim();
                    if (type == "domain")
                    {
                        (original, replacement) = (Registrable(original) ?? original, Registrable(replacement) ?? replacement);
                    }
                    if (original.Length == 0 || replacement.Length == 0 || Same(type, original, replacement))
                    {
                        continue;
                    }
                    Add(found, Seen(original, replacement, type, r0, t0));
                }
            }

            BrandSubstitution Seen(string original, string replacement, string type, int r0, int t0)
            {
                var targetLine = LineAround(targetBlock, t0);
                var where = targetBlock.Index == 0 && target.Site.Pages[targetBlock.Page].Title is { } title && targetLine == title ? "title" : "text";
                return new(original, replacement, 1, type, target.Site.Pages[targetBlock.Page].Path, reference.Site.Pages[referenceBlock.Page].Path,
                    where, targetLine, LineAround(referenceBlock, r0));
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
                // A short team line shares only the job title ("Jane Doe, CEO" → "John Smith, CEO").
                var personLine = best.Common == 1 && shorter <= 4 && SharesRoleWord(best.Line, line);
                if ((personLine || (best.Common >= 2 && best.Common >= 0.4 * shorter)) && pairedLines.Add((best.Line.Block, best.Line.First, line.Block, line.First)))
                {
                    Consider(best.Line.Block, best.Line.First, best.Line.Last, line.Block, line.First, line.Last);
                }
            }
        }

        // A one-off edit of ordinary capitalised words ("Start the Conversation" → "Book a Call") is copy-editing, not a brand swap:
        // a name edit must name the reference or the target, or recur.
        var result = found.Values
            .Where(s => s.Type != "name" || s.Count >= 2 || referenceBrand.Names(s.Original) || targetBrand.Names(s.Replacement) || HasLegalForm(s.Replacement))
            .ToList();

        // An e-mail swap with the same local part also swaps the domain (info@acme.com → info@lab.com: acme.com → lab.com).
        foreach (var email in result.Where(s => s.Type == "email").ToList())
        {
            var original = email.Original.Split('@');
            var replacement = email.Replacement.Split('@');
            if (original.Length == 2 && replacement.Length == 2 && !original[1].Equals(replacement[1], StringComparison.OrdinalIgnoreCase)
                && !BrandWords.IsWebmail(original[1]) && (referenceBrand.Domains.Contains(original[1].ToLowerInvariant()) || referenceBrand.Names(original[1])))
            {
                AddOrCount(result, email with { Original = original[1].ToLowerInvariant(), Replacement = replacement[1].ToLowerInvariant(), Type = "domain" });
            }
        }

        AddMarkupSwaps(result, passages, target, reference);
        AddIdentifierSwaps(result, reference.Site, target.Site, target);
        AddBrandNameSwap(result, reference, target);
        return result
            .GroupBy(s => (s.Type, Key(s.Type, s.Original), Key(s.Type, s.Replacement)))
            .Select(g => g.OrderByDescending(s => s.Count).ThenBy(s => s.Where == "site" ? 1 : 0).First() with { Count = g.Sum(s => s.Count) })
            .GroupBy(s => (Normalise(s.Original), Normalise(s.Replacement)))
            .Select(g => g.OrderByDescending(s => s.Count).First() with { Count = g.Sum(s => s.Count) })
            .OrderByDescending(s => s.Count).ThenBy(s => s.Original, StringComparer.Ordinal)
            .Take(MaxSubstitutions).ToList();

        bool SharesRoleWord((AlignedBlock Block, int First, int Last) a, (AlignedBlock Block, int First, int Last) b) =>
            RoleWord().IsMatch(Surface(a.Block, a.First, a.Last)) && RoleWord().IsMatch(Surface(b.Block, b.First, b.Last));
    }

    private const int MaxSubstitutions = 60;

    /// <summary>True when the two sides are the same value written differently: the same phone number in another format, the
    /// same e-mail or domain in another case, the same text with other punctuation.</summary>
    public static bool Same(string type, string original, string replacement) => type switch
    {
        "phone" => Extraction.ContactPatterns.SamePhone(original, replacement),
        "domain" => string.Equals(Registrable(original) ?? original, Registrable(replacement) ?? replacement, StringComparison.OrdinalIgnoreCase),
        _ => Normalise(original) == Normalise(replacement),
    };

    /// <summary>The form two reports of one swap share: E.164 for phones, the registrable domain for domains, letters and digits
    /// otherwise.</summary>
    private static string Key(string type, string value) => type switch
    {
        "phone" => Extraction.ContactPatterns.NormalisePhone(value, "US") ?? Normalise(value),
        "domain" => Registrable(value) ?? Normalise(value),
        _ => Normalise(value),
    };

    /// <summary>The registrable domain of a host or URL (<c>https://www.acme.com/about</c> → <c>acme.com</c>).</summary>
    private static string? Registrable(string value)
    {
        var v = value.Trim().TrimEnd('.', ',', ';');
        if (!v.Contains("://", StringComparison.Ordinal))
        {
            v = "http://" + v.TrimStart('/');
        }
        return SiteFeatures.RegistrableOfUrl(v, Domains.PublicSuffix.Default);
    }

    /// <summary>Two or three capitalised words of letters, as a person's name is written ("Jane Doe", "Mary-Ann O'Neil").</summary>
    private static bool IsPersonName(string text)
    {
        var words = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is 2 or 3 && !HasLegalForm(text)
            && words.All(w => w.Length >= 2 && char.IsUpper(w[0]) && w.All(c => char.IsLetter(c) || c is '-' or '\'' or '’' or '.'));
    }

    /// <summary>The e-mail, phone and domain tokens of two edited ranges paired in order, when both hold the same kinds in the
    /// same order (those written the same way on both sides, a phone in another format, left out); empty otherwise.</summary>
    private static List<(string Original, string Replacement, string Type)> IdentifierPairs(AlignedBlock reference, int r0, int r1, AlignedBlock target, int t0, int t1)
    {
        var a = Enumerable.Range(r0, r1 - r0 + 1).Where(t => reference.Tokens[t].Kind != TokenKind.Word).ToList();
        var b = Enumerable.Range(t0, t1 - t0 + 1).Where(t => target.Tokens[t].Kind != TokenKind.Word).ToList();
        var pairs = new List<(string, string, string)>();
        if (a.Count == 0 || a.Count != b.Count || a.Select(t => reference.Tokens[t].Kind).Where((k, i) => k != target.Tokens[b[i]].Kind).Any())
        {
            return pairs;
        }
        for (var i = 0; i < a.Count; i++)
        {
            var kind = reference.Tokens[a[i]].Kind;
            var type = kind switch { TokenKind.Email => "email", TokenKind.Phone => "phone", _ => "domain" };
            var original = Surface(reference, a[i], a[i]);
            var replacement = Surface(target, b[i], b[i]);
            if (type == "domain")
            {
                (original, replacement) = (Registrable(original) ?? original, Registrable(replacement) ?? replacement);
            }
            if (!Same(type, original, replacement))
            {
                pairs.Add((original, replacement, type));
            }
        }
        return pairs;
    }

    private static int FirstIdentifier(AlignedBlock block, int first, int last)
    {
        for (var t = first; t <= last; t++)
        {
            if (block.Tokens[t].Kind != TokenKind.Word)
            {
                return t;
            }
        }
        return last + 1;
    }

    /// <summary>The token range widened to the capitalised words next to it on the same line, up to three words in all
    /// (not across a comma, a bar or a job title).</summary>
    private static (int First, int Last) ExpandName(AlignedBlock block, int first, int last)
    {
        bool Capital(int t) => block.Tokens[t].Kind == TokenKind.Word && char.IsUpper(block.Text[block.Tokens[t].Start]) && !RoleWord().IsMatch(block.Tokens[t].Norm);
        bool Joined(int a, int b) => block.Text.AsSpan(block.Tokens[a].End, block.Tokens[b].Start - block.Tokens[a].End).Trim().IsEmpty;
        while (last - first < 2 && first > 0 && Capital(first - 1) && Joined(first - 1, first))
        {
            first--;
        }
        while (last - first < 2 && last + 1 < block.Tokens.Count && Capital(last + 1) && Joined(last, last + 1))
        {
            last++;
        }
        return (first, last);
    }

    /// <summary>The line of the block that holds token <paramref name="token"/>, trimmed to 200 characters.</summary>
    private static string LineAround(AlignedBlock block, int token)
    {
        var at = block.Tokens[token].Start;
        var start = block.Text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var end = block.Text.IndexOf('\n', at);
        var line = block.Text[start..(end < 0 ? block.Text.Length : end)].Trim();
        return line.Length <= 200 ? line : line[..200];
    }

    /// <summary>Adds a swap or counts it again when the same pair was seen before (the first sighting's page and context stay).</summary>
    private static void Add(Dictionary<(string, string), BrandSubstitution> found, BrandSubstitution substitution)
    {
        var key = (substitution.Original, substitution.Replacement);
        found[key] = found.TryGetValue(key, out var seen) ? seen with { Count = seen.Count + 1 } : substitution;
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
            // A name read from a garbled copyright line ("s, trademarks, or ...") is no name.
            if (IsClause(brand) || !(char.IsUpper(brand[0]) || char.IsDigit(brand[0])))
            {
                continue;
            }
            if (result.Any(s => Normalise(s.Original) == Normalise(brand)) || BrandWords.Split(brand).Intersect(BrandWords.Split(replacement)).Any())
            {
                continue;
            }
            var left = CountOccurrences(targetText, brand);
            var before = CountOccurrences(referenceText, brand);
            if (before > 0 && replacementCount > left)
            {
                result.Add(new BrandSubstitution(brand, replacement, replacementCount, "name", Where: "site"));
            }
        }
    }

    /// <summary>Swaps in the markup of copied page pairs: the same slot (a JSON-LD field at the same path, the canonical URL, a meta
    /// tag, a data-* attribute, the n-th tracker id or image alt text, or a link matched to its counterpart by its host-less path,
    /// social platform, <c>tel:</c> or <c>mailto:</c> position) holding a different phone, e-mail, address, organisation name,
    /// tracker, social profile or domain. Clones often keep the markup of the copied page and swap only these values, sometimes
    /// without touching the visible text.</summary>
    private static void AddMarkupSwaps(List<BrandSubstitution> result, IReadOnlyList<AlignedPassage> passages, SiteText target, SiteText reference)
    {
        var referenceBrand = new BrandWords(reference.Site);
        var targetBrand = new BrandWords(target.Site);
        var targetDomain = BrandWords.ShownDomain(target.Site);
        var suffixes = Domains.PublicSuffix.Default;
        var found = new Dictionary<(string, string), BrandSubstitution>();
        string targetPath = "", referencePath = "";

        void Compare(string slot, string original, string replacement)
        {
            original = original.Trim();
            replacement = replacement.Trim();
            if (original.Length == 0 || replacement.Length == 0 || original == replacement)
            {
                return;
            }
            var where = WhereOf(slot, original);
            var key = slot.StartsWith("jsonld:", StringComparison.Ordinal) ? slot[(slot.LastIndexOf('.') + 1)..] : slot.Replace("meta:", "", StringComparison.Ordinal);
            if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                // An array item (sameAs.0): the property is one step up.
                var trimmed = slot[..slot.LastIndexOf('.')];
                key = trimmed[(trimmed.LastIndexOf('.') + 1)..];
            }
            void Count(string from, string to, string type) =>
                Add(found, new BrandSubstitution(from, to, 1, type, targetPath, referencePath, where, $"{slot}: {Cut(replacement)}", $"{slot}: {Cut(original)}"));

            if (slot == "tracker")
            {
                Count(original, replacement, "tracker");
                return;
            }
            var a = Unescape(StripScheme(original, "tel:"));
            var b = Unescape(StripScheme(replacement, "tel:"));
            var isPhone = original.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || key is "telephone" or "faxNumber" or "phone"
                || (where is "data" or "meta" && Extraction.ContactPatterns.NormalisePhone(a, "US") is not null && Extraction.ContactPatterns.NormalisePhone(b, "US") is not null);
            if (isPhone)
            {
                if (Digits(a).Length >= 7 && Digits(b).Length >= 7 && !Extraction.ContactPatterns.SamePhone(a, b))
                {
                    Count(a, b, "phone");
                }
                return;
            }
            if (SocialOf(key, original) is { } fromProfile && SocialOf(key, replacement) is { } toProfile)
            {
                if (fromProfile != toProfile && Extraction.ContactPatterns.SocialPlatform(fromProfile) == Extraction.ContactPatterns.SocialPlatform(toProfile))
                {
                    Count(fromProfile, toProfile, "social");
                }
                return;
            }
            var isEmail = original.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || key == "email"
                || (MailAddress(original).IndexOf('@', StringComparison.Ordinal) > 0 && !original.Contains(' ', StringComparison.Ordinal) && !LooksLikeUrl(original));
            if (isEmail)
            {
                var x = MailAddress(original);
                var y = MailAddress(replacement);
                if (x.Contains('@', StringComparison.Ordinal) && y.Contains('@', StringComparison.Ordinal) && !x.Equals(y, StringComparison.OrdinalIgnoreCase))
                {
                    Count(x, y, "email");
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
            if (where is "meta" or "alt" && !LooksLikeUrl(original))
            {
                // Free text (og:title, description, an image's alt): the words that differ, where they named the reference.
                foreach (var (from, to) in WordSwaps(original, replacement))
                {
                    if (referenceBrand.Names(from) && !BrandWords.Split(from).Intersect(BrandWords.Split(to)).Any()
                        && from.Split(' ').Length <= 4 && to.Split(' ').Length <= 4)
                    {
                        Count(from, to, "name");
                    }
                }
                return;
            }
            var fromDomain = SiteFeatures.RegistrableOfUrl(LooksLikeUrl(original) ? original : where == "data" ? "http://" + original : null, suffixes);
            var toDomain = SiteFeatures.RegistrableOfUrl(LooksLikeUrl(replacement) ? replacement : where == "data" ? "http://" + replacement : null, suffixes);
            if (fromDomain is not null && toDomain is not null && fromDomain != toDomain && fromDomain != "archive.org" && toDomain != "archive.org"
                && (referenceBrand.Domains.Contains(fromDomain) || referenceBrand.Names(fromDomain) || toDomain == targetDomain || targetBrand.Names(toDomain)))
            {
                Count(fromDomain, toDomain, "domain");
            }
        }

        // Each target page's markup is compared with the reference page it copies most from: slots of two different pages
        // (the about page's og:title and the home page's) are not a swap.
        var pagePairs = passages.GroupBy(p => p.Target.Page)
            .Select(g => (TargetPage: g.Key, ReferencePage: g.GroupBy(p => p.Reference.Page).OrderByDescending(r => r.Sum(p => p.Words)).First().Key));
        foreach (var (targetPage, referencePage) in pagePairs)
        {
            var targetSite = target.Site.Pages[targetPage];
            var referenceSite = reference.Site.Pages[referencePage];
            targetPath = targetSite.Path;
            referencePath = referenceSite.Path;
            var targetMarkup = targetSite.Markup ?? [];
            var referenceMarkup = referenceSite.Markup ?? [];
            var targetSlots = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in targetMarkup.Where(m => m.Slot is not ("link" or "tracker")))
            {
                targetSlots.TryAdd(value.Slot, value.Value);
            }
            foreach (var value in referenceMarkup.Where(m => m.Slot is not ("link" or "tracker")).DistinctBy(m => m.Slot))
            {
                if (targetSlots.TryGetValue(value.Slot, out var replacement))
                {
                    Compare(value.Slot, value.Value, replacement);
                }
            }
            foreach (var (r, t) in Paired(referenceMarkup.Where(m => m.Slot == "tracker").Select(m => m.Value).ToList(),
                         targetMarkup.Where(m => m.Slot == "tracker").Select(m => m.Value).ToList(), Extraction.ContactPatterns.TrackerFamily))
            {
                Compare("tracker", r, t);
            }
            foreach (var (r, t) in Paired(referenceSite.Alts, targetSite.Alts, _ => ""))
            {
                Compare("alt", r, t);
            }
            var referenceLinks = referenceMarkup.Where(m => m.Slot == "link").Select(m => m.Value).Take(400).ToList();
            var targetLinks = targetMarkup.Where(m => m.Slot == "link").Select(m => m.Value).Take(400).ToList();
            foreach (var (r, t) in MatchedLinks(referenceLinks, targetLinks))
            {
                Compare("link", referenceLinks[r], targetLinks[t]);
            }
        }
        foreach (var substitution in found.Values)
        {
            if (!result.Any(s => s.Type == substitution.Type && Same(s.Type, s.Original, substitution.Original) && Same(s.Type, s.Replacement, substitution.Replacement)))
            {
                result.Add(substitution);
            }
        }

        static string Unescape(string value) => Uri.UnescapeDataString(value).Trim();
        static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
        static string StripScheme(string value, string scheme) => value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? value[scheme.Length..] : value;
        static string MailAddress(string value) => Uri.UnescapeDataString(StripScheme(value, "mailto:")).Split('?')[0].Trim().ToLowerInvariant();
        static string Cut(string value) => value.Length <= 200 ? value : value[..200];
        static string? SocialOf(string key, string value) =>
            key is "twitter:site" or "twitter:creator" && value.StartsWith('@') && value.Length > 2
                ? "twitter.com/" + value[1..].ToLowerInvariant()
                : Extraction.ContactPatterns.SocialProfile(value);
    }

    private static bool LooksLikeUrl(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("//", StringComparison.Ordinal);

    /// <summary>The part of the page a markup slot sits in: href, mailto, tel (links), meta (canonical link, meta tags), jsonld,
    /// script (tracker ids), data (data-* attributes), alt.</summary>
    private static string WhereOf(string slot, string value) => slot switch
    {
        "link" when value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) => "mailto",
        "link" when value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) => "tel",
        "link" => "href",
        "tracker" => "script",
        "alt" => "alt",
        _ when slot.StartsWith("jsonld:", StringComparison.Ordinal) => "jsonld",
        _ when slot.StartsWith("data:", StringComparison.Ordinal) => "data",
        _ => "meta",
    };

    /// <summary>Items only in the reference paired with items only in the target that stand in the same place: by position when
    /// there are as many of each, else each with the first unpaired one of the same group.</summary>
    private static List<(string Reference, string Target)> Paired(IReadOnlyList<string> reference, IReadOnlyList<string> target, Func<string, string> group)
    {
        var gone = reference.Except(target, StringComparer.Ordinal).ToList();
        var added = target.Except(reference, StringComparer.Ordinal).ToList();
        if (gone.Count == added.Count)
        {
            return gone.Zip(added).ToList();
        }
        var pairs = new List<(string, string)>();
        foreach (var original in gone)
        {
            var replacement = added.FirstOrDefault(a => group(a) == group(original));
            if (replacement is not null)
            {
                pairs.Add((original, replacement));
                added.Remove(replacement);
            }
        }
        return pairs;
    }

    /// <summary>The stretches of words that differ between two short texts ("Acme | Home" → "Lab | Home": Acme → Lab).</summary>
    private static IEnumerable<(string Original, string Replacement)> WordSwaps(string original, string replacement)
    {
        var a = Tokenizer.Tokenize(original);
        var b = Tokenizer.Tokenize(replacement);
        if (a.Count == 0 || b.Count == 0 || a.Count > 60 || b.Count > 60)
        {
            yield break;
        }
        foreach (var (r0, r1, t0, t1) in Hunks(a, 0, a.Count - 1, b, 0, b.Count - 1))
        {
            if (r1 - r0 < MaxNameTokens && t1 - t0 < MaxNameTokens)
            {
                yield return (original[a[r0].Start..a[r1].End], replacement[b[t0].Start..b[t1].End]);
            }
        }
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
            if (Extraction.ContactPatterns.SocialProfile(href) is { } profile)
            {
                return "social:" + Extraction.ContactPatterns.SocialPlatform(profile);
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
        // closest ranks the counterparts (lower is closer, null: not one); fallback says whether, without one, any new identifier
        // of the kind may stand in (a dropped Facebook pixel is not "replaced" by a new Google tag; a theme vendor's e-mail is not
        // the firm's). Each new identifier stands in for one old one at most.
        void Pair(IReadOnlyList<string> fromReference, IReadOnlyList<string> fromTarget, string type, Func<string, string, int?> closest, Func<string, bool>? fallback = null)
        {
            var gone = fromReference.Except(fromTarget, StringComparer.OrdinalIgnoreCase).ToList();
            var added = fromTarget.Except(fromReference, StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var original in gone)
            {
                if (result.Any(s => s.Type == type && Same(type, s.Original, original)))
                {
                    continue;
                }
                var candidates = added.Select(a => (Value: a, Rank: closest(original, a))).Where(c => c.Rank is not null)
                    .OrderBy(c => c.Rank).Select(c => c.Value).ToList();
                if (candidates.Count == 0 && (fallback is null || fallback(original)))
                {
                    candidates = added;
                }
                if (candidates.Count is 0 or > 3)
                {
                    continue;
                }
                var replacement = candidates[0];
                if (type != "phone")
                {
                    added.Remove(replacement);
                }
                var occurrences = Math.Max(1, CountOccurrences(targetText64, replacement));
                result.Add(new BrandSubstitution(original, replacement, occurrences, type, Where: "site"));
            }
        }

        Pair(reference.Fingerprints.Trackers, target.Fingerprints.Trackers, "tracker",
            (a, b) => a.Split('-', ':')[0] == b.Split('-', ':')[0] ? 0 : Extraction.ContactPatterns.TrackerFamily(a) == Extraction.ContactPatterns.TrackerFamily(b) ? 1 : null, _ => false);
        Pair(reference.Fingerprints.Phones, target.Fingerprints.Phones, "phone", (_, _) => 0);
        Pair(reference.Fingerprints.Emails, target.Fingerprints.Emails, "email", (a, b) => a.Split('@')[0] == b.Split('@')[0] ? 0 : null,
            a => referenceDomains.Contains(a[(a.IndexOf('@', StringComparison.Ordinal) + 1)..]));
        // The street address: the reference's (in its text or its JSON-LD) gone, the target showing another one instead.
        var referenceAddresses = AddressesOf(reference, reference.Pages.SelectMany(p => p.Blocks).Select(b => b.Text));
        var targetAddresses = AddressesOf(target, targetText.Blocks.Select(b => b.Text));
        foreach (var (normalised, written) in referenceAddresses.Where(a => !targetAddresses.ContainsKey(a.Key)))
        {
            var added = targetAddresses.Where(a => !referenceAddresses.ContainsKey(a.Key)).Select(a => a.Value).ToList();
            if (added.Count is > 0 and <= 3 && !result.Any(s => s.Type == "address" && Normalise(s.Original) == Normalise(written)))
            {
                result.Add(new BrandSubstitution(written, added[0], 1, "address", Where: "site"));
            }
        }

        // A site that declares no domain still names its own through its e-mail addresses (BrandWords.OwnDomains) or its text
        // and links (BrandWords.NamedDomains).
        if ((BrandWords.ShownDomain(reference) ?? BrandWords.OwnDomains(reference).FirstOrDefault() ?? BrandWords.NamedDomains(reference).FirstOrDefault()) is { } from
            && (BrandWords.ShownDomain(target) ?? BrandWords.OwnDomains(target).FirstOrDefault() ?? BrandWords.NamedDomains(target).FirstOrDefault()) is { } to && from != to)
        {
            Pair([from], [to], "domain", (_, _) => 0);
        }
    }

    /// <summary>Street addresses a site shows (text) or declares (JSON-LD streetAddress), normalised → as first written.</summary>
    private static Dictionary<string, string> AddressesOf(IndexedSite site, IEnumerable<string> texts)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var declared = site.Pages.SelectMany(p => p.Markup ?? []).Where(m => m.Slot.EndsWith(".streetAddress", StringComparison.Ordinal)).Select(m => m.Value.Trim());
        foreach (var written in texts.SelectMany(Extraction.ContactPatterns.AddressesAsWritten).Concat(declared).Take(200))
        {
            // "© 2020 Square, Inc. All rights reserved." reads like a street address to the pattern.
            if (written.Any(char.IsAsciiDigit) && written.Any(char.IsLetter) && !written.Contains("rights reserved", StringComparison.OrdinalIgnoreCase))
            {
                addresses.TryAdd(Extraction.ContactPatterns.NormaliseAddress(written), written);
            }
        }
        return addresses;
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
        // A number alone ("8219" → "9697") is no name; a street number is the address.
        if (rTokens.All(t => t.Norm.All(char.IsAsciiDigit)) && tTokens.All(t => t.Norm.All(char.IsAsciiDigit)))
        {
            return StreetWord().IsMatch(LineAround(referenceBlock, rFirst)) && StreetWord().IsMatch(LineAround(targetBlock, tFirst)) ? "address" : null;
        }
        bool NameLike(AlignedBlock block, List<Token> tokens) =>
            tokens.Any(t => t.Kind == TokenKind.Word && (char.IsUpper(block.Text[t.Start]) || t.Norm.Any(char.IsAsciiDigit)) && t.Norm.Any(char.IsLetter) && !ordinary.Contains(t.Norm) && t.Norm.Length > 1);
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
