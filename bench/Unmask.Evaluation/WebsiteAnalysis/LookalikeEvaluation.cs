using System.Globalization;
using System.Text;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Domains;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Evaluation.WebsiteAnalysis;

/// <summary>Detection of one fuzzer family over all firm domains.</summary>
public sealed record LookalikeFamilyResult(string Family, int Permutations, int Detected, IReadOnlyList<string> Missed)
{
    public double Rate => Permutations == 0 ? 1 : (double)Detected / Permutations;
}

/// <summary>False alarms on one set of domains that imitate no firm.</summary>
public sealed record LookalikeNegativeResult(string Set, int Domains, int Flagged, IReadOnlyList<string> Examples)
{
    public double Rate => Domains == 0 ? 0 : (double)Flagged / Domains;
}

public sealed record LookalikeEvaluationResult(IReadOnlyList<string> Firms, IReadOnlyList<LookalikeFamilyResult> Families,
    IReadOnlyList<LookalikeFamilyResult> HeldBackFamilies, IReadOnlyList<LookalikeNegativeResult> Negatives)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"firms ({Firms.Count}): {string.Join(", ", Firms)}");
        text.AppendLine("family           permutations  detected   rate    held-back firms");
        foreach (var (family, held) in Families.Zip(HeldBackFamilies))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{family.Family,-16} {family.Permutations,12} {family.Detected,9} {family.Rate,7:P1}   {held.Detected}/{held.Permutations} {held.Rate:P1}");
        }
        var all = (Permutations: Families.Sum(f => f.Permutations), Detected: Families.Sum(f => f.Detected));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"all",-16} {all.Permutations,12} {all.Detected,9} {(double)all.Detected / all.Permutations,7:P1}");
        foreach (var family in Families.Where(f => f.Missed.Count > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  missed {family.Family}: {string.Join(", ", family.Missed.Take(Environment.GetEnvironmentVariable("LOOKALIKE_MISSED") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 8))}");
        }
        text.AppendLine("false alarms:");
        foreach (var negative in Negatives)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {negative.Set,-40} {negative.Flagged,5} / {negative.Domains,-6} {negative.Rate:P2}  {string.Join("; ", negative.Examples.Take(5))}");
        }
        return text.ToString();
    }
}

/// <summary>Look-alike detection per fuzzer family of dnstwist (github.com/elceef/dnstwist, dnstwist.py, class Fuzzer: the
/// families were read from its published source and re-implemented here offline, with this project's own glyph tables): every
/// permutation of every firm domain should be flagged as a look-alike of its firm. False alarms are measured on English words
/// as <c>word.com</c> (leaving out genuine permutations of a firm), on two-word names (<c>word1word2.com</c>, brandable names
/// no word list covers) and on the firm domains against each other.</summary>
public static class LookalikeEvaluation
{
    public static readonly string[] Families =
    [
        "addition", "bitsquatting", "cyrillic", "homoglyph", "hyphenation", "insertion", "omission", "plural", "repetition",
        "replacement", "subdomain", "transposition", "vowel-swap", "various", "tld-swap", "dictionary",
    ];

    /// <summary>Fictional firms (none is a real company's domain as far as we know), with the suffixes dnstwist treats apart.</summary>
    public static readonly string[] FictionalFirms =
    [
        "harborpointconsulting.com", "maplecrestadvisors.com", "northwind-analytics.com", "bluequarry.io", "copperleaf-labs.com",
        "silverlinetalent.net", "quantaforge.io", "brightpathstaffing.com", "ironbridge-partners.co.uk", "tessellatech.com",
        "oakridgedigital.com", "lumenworks.dev", "velocisoft.com", "cobaltmesa.com", "zephyrcode.io", "primeharbor-it.com",
    ];

    // Words a squatter adds to a brand (the bench's own list for the dictionary family).
    private static readonly string[] DictionaryWords =
    [
        "login", "secure", "account", "careers", "jobs", "support", "portal", "verify", "online", "app", "mail", "my", "pay", "hr",
        "team", "global", "group", "consulting", "services", "cloud", "shop", "news", "update", "auth", "admin", "remote", "hiring",
    ];

    private static readonly string[] Tlds =
    [
        "com", "net", "org", "io", "co", "biz", "info", "us", "agency", "tech", "online", "site", "xyz", "app", "dev", "ai", "cc",
        "me", "top", "shop", "store", "solutions", "services", "digital", "group", "llc",
    ];

    /// <param name="corpusFolder">The site corpus (<c>shared/data/sites</c>): its reference sites' own or declared domains are
    /// added to the fictional firms. Null to use the fictional firms only.</param>
    public static LookalikeEvaluationResult Run(string? corpusFolder, int negatives = 5000, int seed = 16)
    {
        var firms = FictionalFirms.ToList();
        var heldBack = new HashSet<string>(StringComparer.Ordinal);
        if (corpusFolder is not null && Directory.Exists(Path.Combine(corpusFolder, "reference")))
        {
            foreach (var folder in Directory.GetDirectories(Path.Combine(corpusFolder, "reference")).Order(StringComparer.Ordinal))
            {
                var site = SiteFeatures.Extract(SiteLoader.Load(folder), SiteRole.Reference);
                if ((site.Domain ?? site.Declared.FirstOrDefault()) is { } domain && !firms.Contains(domain))
                {
                    firms.Add(domain);
                    if (CorpusSplit.IsHeldBack(Path.GetFileName(folder)))
                    {
                        heldBack.Add(domain);
                    }
                }
            }
        }
        var prepared = firms.ToDictionary(f => f, f => Lookalikes.Prepare(f), StringComparer.Ordinal);
        var permutations = firms.ToDictionary(f => f, f => Permutations(f), StringComparer.Ordinal);

        var results = new List<LookalikeFamilyResult>();
        var heldResults = new List<LookalikeFamilyResult>();
        foreach (var family in Families)
        {
            int total = 0, detected = 0, heldTotal = 0, heldDetected = 0;
            var missed = new List<string>();
            foreach (var firm in firms)
            {
                foreach (var host in permutations[firm].Where(p => p.Family == family).Select(p => p.Host))
                {
                    var found = Lookalikes.Compare(Lookalikes.Prepare(host), prepared[firm]) is not null;
                    total++;
                    detected += found ? 1 : 0;
                    if (heldBack.Contains(firm))
                    {
                        heldTotal++;
                        heldDetected += found ? 1 : 0;
                    }
                    if (!found && missed.Count < 200)
                    {
                        missed.Add($"{Display(host)}~{firm}");
                    }
                }
            }
            results.Add(new LookalikeFamilyResult(family, total, detected, missed));
            heldResults.Add(new LookalikeFamilyResult(family, heldTotal, heldDetected, []));
        }

        var genuine = permutations.Values.SelectMany(p => p).Select(p => p.Host).ToHashSet(StringComparer.Ordinal);
        var random = new Random(seed);
        var words = EnglishWords.All.Order(StringComparer.Ordinal).ToList();
        var wordDomains = Sample(words, negatives, random).Select(w => w + ".com").Where(d => !genuine.Contains(d)).ToList();
        var shortWords = words.Where(w => w.Length <= 7).ToList();
        var compounds = Enumerable.Range(0, negatives)
            .Select(_ => shortWords[random.Next(shortWords.Count)] + shortWords[random.Next(shortWords.Count)] + ".com")
            .Distinct(StringComparer.Ordinal).Where(d => !genuine.Contains(d)).ToList();
        var negativesResults = new List<LookalikeNegativeResult>
        {
            Negative("English words as word.com", wordDomains, prepared.Values),
            Negative("two-word names as word1word2.com", compounds, prepared.Values),
            Negative("firm domains against each other (pairs)", firms, prepared.Values, pairs: true),
        };
        // Names the word list does not cover (its guard does not apply): capitalised entries of the system dictionary
        // (places, given names, brands), lower-cased, when the machine has one (Debian: wamerican).
        if (File.Exists("/usr/share/dict/words"))
        {
            var names = File.ReadLines("/usr/share/dict/words")
                .Where(w => w.Length >= 4 && char.IsAsciiLetterUpper(w[0]) && w.Skip(1).All(char.IsAsciiLetterLower))
                .Select(w => w.ToLowerInvariant()).Where(w => !EnglishWords.Contains(w)).Distinct().Order(StringComparer.Ordinal).ToList();
            negativesResults.Add(Negative("proper names as name.com (not in the word list)",
                Sample(names, negatives, random).Select(n => n + ".com").Where(d => !genuine.Contains(d)).ToList(), prepared.Values));
        }
        return new LookalikeEvaluationResult(firms, results, heldResults, negativesResults);
    }

    private static LookalikeNegativeResult Negative(string set, IReadOnlyList<string> domains, IEnumerable<LookalikeDomain> firms, bool pairs = false)
    {
        var references = firms.ToList();
        var flagged = 0;
        var total = 0;
        var examples = new List<string>();
        foreach (var domain in domains)
        {
            var candidate = Lookalikes.Prepare(domain);
            var hits = references.Select(r => Lookalikes.Compare(candidate, r)).OfType<LookalikeMatch>().ToList();
            total += pairs ? references.Count(r => r.Registrable != candidate.Registrable) : 1;
            flagged += pairs ? hits.Count : Math.Min(1, hits.Count);
            examples.AddRange(hits.Take(1).Select(h => h.Explanation));
        }
        return new LookalikeNegativeResult(set, total, flagged, examples);
    }

    private static IEnumerable<string> Sample(List<string> items, int count, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return copy.Take(count);
    }

    private static string Display(string host)
    {
        try
        {
            return new IdnMapping().GetUnicode(host);
        }
        catch (ArgumentException)
        {
            return host;
        }
    }

    /// <summary>The permutations of a firm's domain, per family, as ASCII hosts (IDN in punycode), without the domain itself
    /// and without what is not a valid host name.</summary>
    public static IReadOnlyList<(string Family, string Host)> Permutations(string domain)
    {
        var suffix = PublicSuffix.Default.SuffixOf(domain);
        var name = domain[..(domain.Length - suffix.Length - 1)];
        var result = new List<(string, string)>();
        void Add(string family, IEnumerable<string> labels, string? tld = null)
        {
            foreach (var label in labels.Distinct(StringComparer.Ordinal))
            {
                if (Valid($"{label}.{tld ?? suffix}") is { } host && host != domain)
                {
                    result.Add((family, host));
                }
            }
        }
        Add("addition", Addition(name));
        Add("bitsquatting", Bitsquatting(name));
        Add("cyrillic", Cyrillic(name));
        Add("homoglyph", Homoglyph(name));
        Add("hyphenation", Enumerable.Range(1, name.Length - 1).Select(i => name[..i] + "-" + name[i..]));
        Add("insertion", Insertion(name));
        Add("omission", Enumerable.Range(0, name.Length).Select(i => name.Remove(i, 1)));
        Add("plural", Enumerable.Range(2, Math.Max(0, name.Length - 4)).Select(i => name[..(i + 1)] + ("sxz".Contains(name[i]) ? "es" : "s") + name[(i + 1)..]));
        Add("repetition", Enumerable.Range(0, name.Length).Select(i => name.Insert(i, name[i].ToString())));
        Add("replacement", Enumerable.Range(0, name.Length).SelectMany(i => Near(name[i]).Select(c => name[..i] + c + name[(i + 1)..])));
        Add("subdomain", Enumerable.Range(1, name.Length - 2).Where(i => name[i] != '-' && name[i - 1] != '-').Select(i => name[..i] + "." + name[i..]));
        Add("transposition", Enumerable.Range(0, name.Length - 1).Select(i => name[..i] + name[i + 1] + name[i] + name[(i + 2)..]));
        Add("vowel-swap", Enumerable.Range(0, name.Length).Where(i => "aeiou".Contains(name[i])).SelectMany(i => "aeiou".Select(v => name[..i] + v + name[(i + 1)..])));
        foreach (var (label, tld) in Various(name, suffix))
        {
            Add("various", [label], tld);
        }
        foreach (var tld in Tlds.Where(t => t != suffix))
        {
            Add("tld-swap", [name], tld);
        }
        Add("dictionary", Dictionary(name));
        return result;
    }

    private static IEnumerable<string> Addition(string name)
    {
        var characters = "0123456789abcdefghijklmnopqrstuvwxyz";
        foreach (var c in characters)
        {
            yield return name + c;
        }
        var parts = name.Split('-');
        for (var p = 1; p < parts.Length; p++)
        {
            foreach (var c in characters)
            {
                yield return string.Join('-', parts[..p]) + c + "-" + string.Join('-', parts[p..]);
            }
        }
    }

    private static IEnumerable<string> Bitsquatting(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var flipped = (char)(name[i] ^ (1 << bit));
                if (char.IsAsciiLetterLower(flipped) || char.IsAsciiDigit(flipped) || flipped == '-')
                {
                    yield return name[..i] + flipped + name[(i + 1)..];
                }
            }
        }
    }

    // Latin letters and the Cyrillic letters that pass for them (a name is written in Cyrillic only when every letter has one).
    private const string LatinForCyrillic = "abcdeghijklmopqstvwxy";
    private const string CyrillicForLatin = "аьсԁеԍһіјкӏморԛѕтѵԝху";

    private static IEnumerable<string> Cyrillic(string name)
    {
        var converted = new string(name.Select(c => LatinForCyrillic.IndexOf(c) is var i and >= 0 ? CyrillicForLatin[i] : c).ToArray());
        return name.Zip(converted).All(p => p.First != p.Second) ? [converted] : [];
    }

    // Look-alikes per letter: ASCII swaps and letter pairs (the "ASCII" homoglyphs) and Unicode letters with marks, hooks or
    // small-capital forms, as dnstwist's homoglyph fuzzer uses for .com names.
    private static readonly Dictionary<string, string[]> Glyphs = new(StringComparer.Ordinal)
    {
        ["0"] = ["o"], ["1"] = ["l", "i"], ["3"] = ["8"], ["6"] = ["9"], ["8"] = ["3"], ["9"] = ["6"],
        ["a"] = ["à", "á", "â", "ã", "ä", "å", "ɑ", "ạ", "ǎ", "ă", "ȧ", "ą", "ə"],
        ["b"] = ["d", "lb", "ʙ", "ɓ", "ḃ", "ḅ", "ḇ", "ƅ"],
        ["c"] = ["e", "ƈ", "ċ", "ć", "ç", "č", "ĉ", "ᴄ"],
        ["d"] = ["b", "cl", "dl", "ɗ", "đ", "ď", "ɖ", "ḑ", "ḋ", "ḍ", "ḏ", "ḓ"],
        ["e"] = ["c", "é", "è", "ê", "ë", "ē", "ĕ", "ě", "ė", "ẹ", "ę", "ȩ", "ɇ", "ḛ"],
        ["f"] = ["ƒ", "ḟ"],
        ["g"] = ["q", "ɢ", "ɡ", "ġ", "ğ", "ǵ", "ģ", "ĝ", "ǧ", "ǥ"],
        ["h"] = ["lh", "ĥ", "ȟ", "ħ", "ɦ", "ḧ", "ḩ", "ⱨ", "ḣ", "ḥ", "ḫ", "ẖ"],
        ["i"] = ["1", "l", "í", "ì", "ï", "ı", "ɩ", "ǐ", "ĭ", "ỉ", "ị", "ɨ", "ȋ", "ī", "ɪ"],
        ["j"] = ["ʝ", "ɉ", "ǰ", "ĵ"],
        ["k"] = ["lc", "ḳ", "ḵ", "ⱪ", "ķ", "ᴋ", "ĸ", "ǩ"],
        ["l"] = ["1", "i", "ɫ", "ł", "ĺ", "ľ", "ļ"],
        ["m"] = ["n", "nn", "rn", "ṁ", "ᴍ", "ṃ", "ḿ", "ɱ"],
        ["n"] = ["m", "r", "ń", "ṅ", "ṇ", "ṉ", "ñ", "ņ", "ǹ", "ň", "ꞑ", "ŋ"],
        ["o"] = ["0", "ȯ", "ọ", "ỏ", "ơ", "ó", "ö", "ô", "ø", "ő", "ō", "õ", "ò", "ᴏ"],
        ["p"] = ["ƿ", "ƥ", "ṕ", "ṗ"],
        ["q"] = ["g", "ʠ"],
        ["r"] = ["ʀ", "ɼ", "ɽ", "ŕ", "ŗ", "ř", "ɍ", "ɾ", "ȓ", "ȑ", "ṙ", "ṛ", "ṟ"],
        ["s"] = ["ʂ", "ś", "ṣ", "ṡ", "ș", "ŝ", "š", "ꜱ", "ş"],
        ["t"] = ["ţ", "ŧ", "ṫ", "ṭ", "ț", "ƫ", "ť"],
        ["u"] = ["v", "ᴜ", "ǔ", "ŭ", "ü", "ʉ", "ù", "ú", "û", "ũ", "ū", "ų", "ư", "ů", "ű", "ȕ", "ȗ", "ụ"],
        ["v"] = ["u", "ṿ", "ⱴ", "ᴠ", "ṽ", "ⱱ", "ᶌ"],
        ["w"] = ["vv", "ŵ", "ẁ", "ẃ", "ẅ", "ⱳ", "ẇ", "ẉ", "ẘ", "ᴡ"],
        ["x"] = ["ẋ", "ẍ"],
        ["y"] = ["ʏ", "ý", "ÿ", "ŷ", "ƴ", "ȳ", "ɏ", "ỿ", "ẏ", "ỵ"],
        ["z"] = ["ʐ", "ż", "ź", "ᴢ", "ƶ", "ẓ", "ẕ", "ⱬ", "ž"],
        ["ae"] = ["æ"], ["oe"] = ["œ"], ["rn"] = ["m"], ["cl"] = ["d"],
    };

    /// <summary>One or two look-alike swaps (a letter or a pair of letters each), as dnstwist applies its glyph table twice.</summary>
    private static IEnumerable<string> Homoglyph(string name)
    {
        var once = Swaps(name).ToHashSet(StringComparer.Ordinal);
        var twice = new HashSet<string>(once, StringComparer.Ordinal);
        foreach (var first in once)
        {
            twice.UnionWith(Swaps(first));
        }
        return twice;
    }

    private static IEnumerable<string> Swaps(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            foreach (var glyph in Glyphs.GetValueOrDefault(name[i].ToString(), []))
            {
                yield return name[..i] + glyph + name[(i + 1)..];
            }
        }
        for (var i = 0; i + 1 < name.Length; i++)
        {
            foreach (var glyph in Glyphs.GetValueOrDefault(name.Substring(i, 2), []))
            {
                yield return name[..i] + glyph + name[(i + 2)..];
            }
        }
    }

    // Keys next to each key on QWERTY, QWERTZ and AZERTY keyboards (a typo hits a neighbour).
    private static readonly string[] Keyboards =
    [
        "1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm",
        "1234567890-", "qwertzuiop", "asdfghjkl", "yxcvbnm",
        "1234567890-", "azertyuiop", "qsdfghjklm", "wxcvbn",
    ];

    private static IEnumerable<char> Near(char c)
    {
        var near = new HashSet<char>();
        for (var layout = 0; layout < Keyboards.Length; layout += 4)
        {
            var rows = Keyboards[layout..(layout + 4)];
            for (var r = 0; r < rows.Length; r++)
            {
                var at = rows[r].IndexOf(c);
                if (at < 0)
                {
                    continue;
                }
                for (var dr = -1; dr <= 1; dr++)
                {
                    if (r + dr < 0 || r + dr >= rows.Length)
                    {
                        continue;
                    }
                    for (var dc = -1; dc <= 1; dc++)
                    {
                        var column = at + dc;
                        if ((dr, dc) != (0, 0) && column >= 0 && column < rows[r + dr].Length && rows[r + dr][column] != '-')
                        {
                            near.Add(rows[r + dr][column]);
                        }
                    }
                }
            }
        }
        return near;
    }

    private static IEnumerable<string> Insertion(string name)
    {
        for (var i = 0; i < name.Length - 1; i++)
        {
            foreach (var c in Near(name[i]))
            {
                yield return name[..i] + c + name[i..];
                yield return name[..(i + 1)] + c + name[(i + 1)..];
            }
        }
    }

    /// <summary>The suffix written into the name or dropped (acme.co.uk → acme.uk, acmeco.uk; acme.com → acmecom.com;
    /// acme.io → acme-io.com, acmeio.com).</summary>
    private static IEnumerable<(string Label, string Tld)> Various(string name, string suffix)
    {
        if (suffix.Contains('.', StringComparison.Ordinal))
        {
            yield return (name, suffix[(suffix.LastIndexOf('.') + 1)..]);
            yield return (name + suffix[..suffix.IndexOf('.')], suffix[(suffix.IndexOf('.') + 1)..]);
        }
        else
        {
            yield return (name + suffix, suffix);
            if (suffix != "com")
            {
                yield return (name + "-" + suffix, "com");
                yield return (name + suffix, "com");
            }
        }
    }

    private static IEnumerable<string> Dictionary(string name)
    {
        foreach (var word in DictionaryWords)
        {
            yield return name + "-" + word;
            yield return name + word;
            yield return word + "-" + name;
            yield return word + name;
        }
        var parts = name.Split('-');
        if (parts.Length > 1)
        {
            foreach (var word in DictionaryWords)
            {
                yield return string.Join('-', parts[..^1]) + "-" + word;
                yield return word + "-" + string.Join('-', parts[1..]);
            }
        }
    }

    /// <summary>The host in ASCII when it is a valid host name (IDNA, labels of 1-63 characters, no hyphen at either end).</summary>
    private static string? Valid(string host)
    {
        try
        {
            var ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(host);
            return ascii.Split('.').All(l => l.Length is > 0 and <= 63 && !l.StartsWith('-') && !l.EndsWith('-')) ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
