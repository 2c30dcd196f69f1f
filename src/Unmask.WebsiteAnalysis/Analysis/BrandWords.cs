namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>The words a site uses for its own name: words of its brand names and the labels of its own domains (declared domain,
/// domains of its non-webmail e-mail addresses). "Seven Hills" matches a site whose domain label is <c>sevenhillstechnology</c>.</summary>
public sealed class BrandWords
{
    private static readonly HashSet<string> Webmail = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "icloud.com", "protonmail.com", "proton.me",
        "aol.com", "mail.com", "gmx.com", "mailfence.com", "zoho.com", "yandex.com", "qq.com", "163.com",
    };

    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "llc", "ltd", "inc", "co", "corp", "the", "and", "com", "www", "group", "company", "home", "about", "us", "our", "services", "contact",
        "page", "welcome", "official", "site", "website", "all", "rights", "reserved",
    };

    // Words that say what a firm does rather than who it is: "Acme Systems" → "Lab Systems" is still a new name.
    private static readonly HashSet<string> Descriptors = new(StringComparer.Ordinal)
    {
        "systems", "system", "digital", "labs", "lab", "software", "solutions", "technologies", "technology", "tech", "consulting",
        "consultants", "studio", "studios", "works", "partners", "media", "global", "agency", "development", "web", "data", "soft",
    };

    /// <summary>True for a word that describes a firm's trade (systems, digital, software) rather than naming it.</summary>
    public static bool IsDescriptor(string word) => Descriptors.Contains(word);

    /// <summary>True for a webmail provider's domain (gmail.com): an address there names no firm's domain.</summary>
    public static bool IsWebmail(string domain) => Webmail.Contains(domain);

    private readonly HashSet<string> _words;
    private readonly List<string> _labels;

    public BrandWords(IndexedSite site)
    {
        _words = site.BrandNames.SelectMany(Split).ToHashSet(StringComparer.Ordinal);
        Domains = OwnDomains(site);
        _labels = Domains.Select(d => d.Split('.')[0].Replace("-", "", StringComparison.Ordinal)).Where(l => l.Length >= 4).Distinct().ToList();
    }

    /// <summary>Registrable domains the site presents as its own.</summary>
    public IReadOnlyList<string> Domains { get; }

    /// <summary>Words of <paramref name="text"/> that name the site (not the words of its trade: "Seven Hills Technology" is
    /// named by "seven" and "hills", not by "technology").</summary>
    public IEnumerable<string> In(string text) =>
        Split(text).Where(w => !Descriptors.Contains(w) && (_words.Contains(w) || (w.Length >= 4 && _labels.Any(l => l.Contains(w, StringComparison.Ordinal)))));

    public bool Names(string text) => In(text).Any();

    /// <summary>The domain the site shows the world: the one it owns, else the one its pages claim most.</summary>
    public static string? ShownDomain(IndexedSite site) => site.Domain ?? site.Declared.FirstOrDefault();

    public static List<string> OwnDomains(IndexedSite site)
    {
        var domains = new List<string>();
        if (ShownDomain(site) is { } domain)
        {
            domains.Add(domain);
        }
        foreach (var email in site.Fingerprints.Emails)
        {
            var host = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
            if (!Webmail.Contains(host) && Unmask.WebsiteAnalysis.Domains.PublicSuffix.Default.RegistrableDomain(host) is { } registrable && !domains.Contains(registrable)
                && site.BrandNames.Concat([site.Name]).Any(b => Overlaps(b, registrable)))
            {
                domains.Add(registrable);
            }
        }
        return domains;
    }

    /// <summary>Registrable domains the site's text or links name that carry its brand ("Tanjun Software" →
    /// <c>tanjunsoftware.com</c> written in the footer, "Square" → links to <c>square.github.io</c>), most named first: the domain
    /// a site shows when it declares none.</summary>
    public static List<string> NamedDomains(IndexedSite site)
    {
        var suffixes = Unmask.WebsiteAnalysis.Domains.PublicSuffix.Default;
        var written = site.Pages.SelectMany(p => p.Blocks).SelectMany(b => Similarity.Tokenizer.Tokenize(b.Text).Where(t => t.Kind == Similarity.TokenKind.Domain)
                .Select(t => "http://" + b.Text[t.Start..t.End]))
            .Concat(site.Pages.SelectMany(p => p.Markup ?? []).Where(m => m.Slot == "link").Select(m => m.Value))
            .Take(2000);
        return written.Select(u => SiteFeatures.RegistrableOfUrl(u, suffixes)).OfType<string>()
            .Where(d => !Webmail.Contains(d) && site.BrandNames.Take(2).Any(b => Overlaps(b, d)))
            .GroupBy(d => d).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
    }

    public static IEnumerable<string> Split(string text) =>
        text.ToLowerInvariant().Split([' ', '.', ',', '@', '-', '&', '(', ')', '\'', '’', '|', ':', '/', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2 && !Generic.Contains(w));

    private static bool Overlaps(string name, string domain)
    {
        var label = domain.Split('.')[0].Replace("-", "", StringComparison.Ordinal);
        var plain = new string(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        return label.Length >= 3 && plain.Length >= 3 && (plain.Contains(label, StringComparison.Ordinal) || label.Contains(plain, StringComparison.Ordinal)
            || Split(name).Any(w => w.Length >= 4 && label.Contains(w, StringComparison.Ordinal)));
    }
}
