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

    /// <summary>Words of <paramref name="text"/> that name the site.</summary>
    public IEnumerable<string> In(string text) =>
        Split(text).Where(w => _words.Contains(w) || (w.Length >= 4 && _labels.Any(l => l.Contains(w, StringComparison.Ordinal))));

    public bool Names(string text) => In(text).Any();

    public static List<string> OwnDomains(IndexedSite site)
    {
        var domains = new List<string>();
        // The domain it owns, else the one its pages claim most (a claim: a copy may keep the original's).
        if ((site.Domain ?? site.Declared.FirstOrDefault()) is { } domain)
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
