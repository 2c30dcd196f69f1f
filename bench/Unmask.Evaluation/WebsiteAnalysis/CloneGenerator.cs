using System.Text;
using System.Text.RegularExpressions;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Evaluation.WebsiteAnalysis;

/// <summary>One swap the generator applied: the reference's value, the clone's, its kind (BrandSubstitution types) and the forms
/// of the page it was applied in (text, title, alt, href, mailto, tel, meta, script, jsonld, data).</summary>
public sealed record AppliedSwap(string Type, string Original, string Replacement, IReadOnlySet<string> Forms);

/// <summary>A generated clone: the reference it copies, its pages, the swaps applied, and identifiers it kept on purpose
/// (a phone written in another format, the same tracker): reporting those as swaps is a false swap.</summary>
public sealed record GeneratedClone(string Name, string Reference, string Variant, SiteSnapshot Site, IReadOnlyList<AppliedSwap> Swaps, IReadOnlyList<AppliedSwap> Kept);

/// <summary>Reference sites with a fictional contact block added (so every kind of identifier is present in every form), and
/// clones of them with the identifiers swapped for fictional ones. Each clone variant swaps in every form ("everywhere"), in one
/// attribute form only ("only:tel", ...; the name is also swapped in the visible text so the copy is a clone), or keeps the
/// phone (rewritten in another format) and the tracker ("kept"). Seeded: the same seed gives the same sites.</summary>
public static partial class CloneGenerator
{
    public static readonly string[] Forms = ["text", "title", "alt", "href", "mailto", "tel", "meta", "script", "jsonld", "data"];

    public static readonly string[] Variants = ["everywhere", "kept", "only:href", "only:mailto", "only:tel", "only:meta", "only:script", "only:jsonld", "only:data"];

    private static readonly string[] FrontWords = ["Brivanta", "Corvell", "Halvenor", "Quillmark", "Zentrova", "Marisoft", "Teluvian", "Orbenza", "Vexlora", "Pellucid", "Ostravel", "Kynetra", "Dravona", "Lumeris", "Savorin", "Tessaly"];

    private static readonly string[] FrontTails = ["Systems", "Digital", "Labs", "Software", "Solutions", "Technologies", "Works", "Consulting"];

    private static readonly string[] FirstNames = ["Jane", "John", "Mara", "Leon", "Priya", "Tomas", "Elena", "Victor", "Nadia", "Oscar", "Ingrid", "Rafael", "Selma", "Dorian"];

    private static readonly string[] LastNames = ["Doe", "Smith", "Varga", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Novak", "Brennan", "Castell", "Hayworth"];

    private static readonly string[] Streets = ["Harbor Street", "Maple Avenue", "Lakeview Drive", "Granite Road", "Orchard Lane", "Beacon Boulevard"];

    private static readonly string[] AreaCodes = ["312", "415", "206", "617", "512", "303", "404", "702"];

    /// <summary>The identifiers written into a reference site (its own, where it has them, plus fictional ones).</summary>
    private sealed record Identity(string Brand, string Domain, string Handle, string Email, string Phone, string Tracker, string TagManager,
        string Street, string Person1, string Person2);

    public static (List<SiteSnapshot> References, List<GeneratedClone> Clones) Generate(string referenceFolder, int seed)
    {
        var references = new List<SiteSnapshot>();
        var clones = new List<GeneratedClone>();
        foreach (var folder in Directory.GetDirectories(referenceFolder).Order(StringComparer.Ordinal))
        {
            var original = SiteLoader.Load(folder);
            if (original.Pages.Count == 0)
            {
                continue;
            }
            var slug = Path.GetFileName(folder);
            var random = new Random(HashCode(slug) ^ seed);
            var site = SiteFeatures.Extract(original, SiteRole.Reference);
            var identity = ReferenceIdentity(site, slug, random);
            var reference = new SiteSnapshot(slug, original.Source, Augment(original.Pages, identity), original.Icons, []);
            references.Add(reference);
            foreach (var variant in Variants)
            {
                clones.Add(MakeClone(reference, site, identity, variant, random));
            }
        }
        return (references, clones);
    }

    private static Identity ReferenceIdentity(IndexedSite site, string slug, Random random)
    {
        var brand = site.BrandNames.FirstOrDefault(b => b.Length >= 4 && b.Length <= 40) ?? Capitalise(slug);
        var domain = BrandWords.ShownDomain(site) ?? BrandWords.OwnDomains(site).FirstOrDefault() ?? slug.Replace("-", "", StringComparison.Ordinal) + "-site.net";
        var handle = domain.Split('.')[0];
        var email = site.Fingerprints.Emails.FirstOrDefault(e => e.EndsWith("@" + domain, StringComparison.Ordinal)) ?? "contact@" + domain;
        return new Identity(brand, domain, handle, email, NewPhone(random), $"UA-{random.Next(10_000_000, 99_999_999)}-1",
            "GTM-" + RandomCode(random, 7), $"{random.Next(100, 9999)} {Pick(random, Streets)}", NewPerson(random), NewPerson(random));
    }

    /// <summary>Adds meta tags, a tracker script and JSON-LD to the head of every page, and a footer (address, phone, e-mail,
    /// social profiles, data attributes) and a team section to the first page.</summary>
    private static List<SitePage> Augment(IReadOnlyList<SitePage> pages, Identity id)
    {
        var head = $$"""
            <meta property="og:site_name" content="{{id.Brand}}">
            <meta property="og:title" content="{{id.Brand}} | Home">
            <meta name="twitter:site" content="@{{id.Handle}}">
            <script async src="https://www.googletagmanager.com/gtag/js?id={{id.Tracker}}"></script>
            <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', '{{id.Tracker}}');</script>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"{{id.Brand}}","url":"https://www.{{id.Domain}}/","telephone":"{{Format(id.Phone, 3)}}","email":"{{id.Email}}","address":{"@type":"PostalAddress","streetAddress":"{{id.Street}}"},"sameAs":["https://www.linkedin.com/company/{{id.Handle}}","https://github.com/{{id.Handle}}"]}</script>

            """;
        var body = $"""
            <section class="team"><h2>Our team</h2><p>{id.Person1}, CEO</p><p>{id.Person2}, Head of Engineering</p></section>
            <footer class="site-footer"><p>{id.Brand} · {id.Street}, Springfield, IL 62701</p>
            <p>Call us on <a href="tel:+1{id.Phone}">{Format(id.Phone, 0)}</a> or write to <a href="mailto:{id.Email}">{id.Email}</a>. Visit www.{id.Domain} any time.</p>
            <p><img src="logo.png" alt="{id.Brand} logo"> <a href="https://www.{id.Domain}/contact">Contact</a> <a href="https://www.linkedin.com/company/{id.Handle}">LinkedIn</a> <a href="https://twitter.com/{id.Handle}">Twitter</a> <a href="https://github.com/{id.Handle}">GitHub</a> <a href="https://t.me/{id.Handle}">Telegram</a></p>
            <div class="cta" data-phone="+1{id.Phone}" data-email="{id.Email}" data-gtm="{id.TagManager}"></div></footer>

            """;
        return pages.Select((page, i) => page with { Html = Insert(Insert(page.Html, "</head>", head), "</body>", i == 0 ? body : "") }).ToList();
    }

    private static GeneratedClone MakeClone(SiteSnapshot reference, IndexedSite site, Identity id, string variant, Random random)
    {
        var front = $"{Pick(random, FrontWords)} {Pick(random, FrontTails)}";
        var frontDomain = front.Split(' ')[0].ToLowerInvariant() + "-example.com";
        var frontHandle = front.Split(' ')[0].ToLowerInvariant();
        var newPhone = NewPhone(random);
        var everywhere = new HashSet<string>(Forms, StringComparer.Ordinal);
        var only = variant.StartsWith("only:", StringComparison.Ordinal) ? variant[5..] : null;
        HashSet<string> FormsOf(params string[] possible) =>
            only is null ? possible.ToHashSet(StringComparer.Ordinal) : possible.Where(f => f == only).ToHashSet(StringComparer.Ordinal);

        var swaps = new List<AppliedSwap>();
        var kept = new List<AppliedSwap>();
        void Add(string type, string original, string replacement, HashSet<string> forms)
        {
            if (forms.Count > 0)
            {
                swaps.Add(new AppliedSwap(type, original, replacement, forms));
            }
        }
        var emailLocal = random.Next(2) == 0 ? id.Email.Split('@')[0] : Pick(random, ["hello", "team", "office", "sales"]);
        Add("email", id.Email, $"{emailLocal}@{frontDomain}", FormsOf("text", "mailto", "jsonld", "data"));
        var written = reference.Pages.SelectMany(p => Regex.Matches(p.Html, @"[\w.+-]+@" + Regex.Escape(id.Domain) + @"(?![\w-])", RegexOptions.IgnoreCase).Select(m => m.Value));
        foreach (var email in site.Fingerprints.Emails.Concat(written).Where(e => e.EndsWith("@" + id.Domain, StringComparison.OrdinalIgnoreCase))
                     .DistinctBy(e => e.ToLowerInvariant()).Where(e => !e.Equals(id.Email, StringComparison.OrdinalIgnoreCase)).Take(4))
        {
            Add("email", email, $"{email.Split('@')[0]}@{frontDomain}", FormsOf("text", "mailto", "jsonld", "data"));
        }
        Add("social", "linkedin.com/company/" + id.Handle, "linkedin.com/company/" + frontHandle, FormsOf("href", "jsonld"));
        Add("social", "twitter.com/" + id.Handle, "twitter.com/" + frontHandle, FormsOf("href", "meta"));
        Add("social", "github.com/" + id.Handle, "github.com/" + frontHandle, FormsOf("href", "jsonld"));
        Add("social", "t.me/" + id.Handle, "t.me/" + frontHandle, FormsOf("href"));
        Add("domain", id.Domain, frontDomain, FormsOf("text", "href", "meta", "jsonld"));
        Add("name", id.Brand, front, only is null ? everywhere : new HashSet<string>(["text", "title", only], StringComparer.Ordinal));
        Add("person", id.Person1, NewPerson(random), FormsOf("text"));
        Add("person", id.Person2, NewPerson(random), FormsOf("text"));
        var streetNumber = random.Next(100, 9999);
        Add("address", id.Street, random.Next(2) == 0 ? $"{streetNumber} {id.Street.Split(' ', 2)[1]}" : $"{streetNumber} {Pick(random, Streets)}", FormsOf("text", "jsonld"));
        if (variant == "kept")
        {
            kept.Add(new AppliedSwap("phone", "+1" + id.Phone, "+1" + id.Phone, new HashSet<string>(["text"], StringComparer.Ordinal)));
            kept.Add(new AppliedSwap("tracker", id.Tracker, id.Tracker, everywhere));
        }
        else
        {
            Add("phone", "+1" + id.Phone, "+1" + newPhone, FormsOf("text", "tel", "jsonld", "data"));
            foreach (var phone in site.Fingerprints.Phones.Take(3))
            {
                Add("phone", phone, "+1" + NewPhone(random), FormsOf("text", "tel", "jsonld", "data"));
            }
            // Half the clones change the tracker family (an old UA- id replaced by a G- tag).
            Add("tracker", id.Tracker, random.Next(2) == 0 ? "G-" + RandomCode(random, 10) : $"UA-{random.Next(10_000_000, 99_999_999)}-1", FormsOf("script"));
            Add("tracker", id.TagManager, "GTM-" + RandomCode(random, 7), FormsOf("data"));
            foreach (var tracker in site.Fingerprints.Trackers.Where(t => t.StartsWith("UA-", StringComparison.Ordinal) || t.StartsWith("G-", StringComparison.Ordinal) || t.StartsWith("GTM-", StringComparison.Ordinal)).Take(2))
            {
                Add("tracker", tracker, "G-" + RandomCode(random, 10), FormsOf("script"));
            }
        }

        var applied = new HashSet<(AppliedSwap, string)>();
        var pages = reference.Pages.Select(page => page with { Html = Rewrite(page.Html, (form, value) => Apply(value, form, swaps, kept, applied, random)) }).ToList();
        var name = $"{reference.Name}~{variant}";
        // A swap is labelled with the forms it changed something in; one that found nothing to change is no swap.
        var labels = swaps.Select(s => s with { Forms = applied.Where(a => a.Item1 == s).Select(a => a.Item2).ToHashSet(StringComparer.Ordinal) })
            .Where(s => s.Forms.Count > 0).ToList();
        return new GeneratedClone(name, reference.Name, variant, new SiteSnapshot(name, "generated:" + name, pages, reference.Icons, []), labels, kept);
    }

    /// <summary>Applies to one piece of the page (text, an attribute value, a script body) the swaps meant for its form.
    /// Phones are found by value (any written format) and written in another format.</summary>
    private static string Apply(string value, string form, List<AppliedSwap> swaps, List<AppliedSwap> kept, HashSet<(AppliedSwap, string)> applied, Random random)
    {
        foreach (var swap in swaps.Where(s => s.Forms.Contains(form)))
        {
            var before = value;
            value = swap.Type switch
            {
                "phone" => ReplacePhone(value, swap.Original, swap.Replacement, form, random),
                "domain" => Regex.Replace(value, @"(?<![\w-])" + Regex.Escape(swap.Original) + @"(?![\w-])", swap.Replacement, RegexOptions.IgnoreCase),
                // twitter:site holds the handle as @acme.
                "social" when form == "meta" && value.StartsWith('@') => value == "@" + swap.Original[(swap.Original.LastIndexOf('/') + 1)..]
                    ? "@" + swap.Replacement[(swap.Replacement.LastIndexOf('/') + 1)..] : value,
                "social" => Regex.Replace(value, Regex.Escape(swap.Original) + @"(?![\w-])", swap.Replacement, RegexOptions.IgnoreCase),
                // A name inside a host or an address (www.acme-site.net) is left to the domain swap.
                "name" => Regex.Replace(value, @"(?<![\w.@/-])" + Regex.Escape(swap.Original) + @"(?![\w@-]|\.\w)", swap.Replacement, RegexOptions.IgnoreCase),
                "email" => value.Replace(swap.Original, swap.Replacement, StringComparison.OrdinalIgnoreCase),
                _ => value.Replace(swap.Original, swap.Replacement, StringComparison.Ordinal),
            };
            if (value != before)
            {
                applied.Add((swap, form));
            }
        }
        foreach (var phone in kept.Where(k => k.Type == "phone" && k.Forms.Contains(form)))
        {
            value = ReplacePhone(value, phone.Original, phone.Original, form, random);
        }
        return value;
    }

    [GeneratedRegex(@"\+?\(?\d[\d().\s\-]{5,}\d")]
    private static partial Regex PhoneLike();

    private static string ReplacePhone(string value, string original, string replacement, string form, Random random) =>
        PhoneLike().Replace(value, m =>
        {
            var trimmed = m.Value.Trim();
            if (ContactPatterns.NormalisePhone(trimmed, "US") != original)
            {
                return m.Value;
            }
            var national = replacement.StartsWith("+1", StringComparison.Ordinal) ? replacement[2..] : replacement;
            var written = form is "tel" or "data" ? replacement : Format(national, random.Next(4));
            // Keep the original format's neighbours: a phone never absorbs the surrounding spaces.
            return m.Value.Replace(trimmed, written, StringComparison.Ordinal);
        });

    /// <summary>Splits the HTML into visible text, tags and script bodies and passes each rewritable value, with its form, to
    /// <paramref name="rewrite"/>: text, title, img alt, href (mailto, tel or other), meta content and canonical link, script
    /// src and inline script, JSON-LD, data-* attributes.</summary>
    public static string Rewrite(string html, Func<string, string, string> rewrite)
    {
        var builder = new StringBuilder(html.Length + 256);
        var inTitle = false;
        var last = 0;
        foreach (Match m in HtmlPiece().Matches(html))
        {
            if (m.Index > last)
            {
                var text = html[last..m.Index];
                builder.Append(rewrite(inTitle ? "title" : "text", text));
            }
            last = m.Index + m.Length;
            if (m.Groups["comment"].Success)
            {
                builder.Append(m.Value);
                continue;
            }
            if (m.Groups["script"].Success)
            {
                var open = m.Groups["open"].Value;
                var isJsonLd = open.Contains("ld+json", StringComparison.OrdinalIgnoreCase);
                builder.Append(RewriteTag(open, "script", rewrite));
                builder.Append(rewrite(isJsonLd ? "jsonld" : "script", m.Groups["body"].Value));
                builder.Append("</script>");
                continue;
            }
            var tag = m.Groups["tag"].Value.ToLowerInvariant();
            inTitle = tag == "title" && !m.Value.StartsWith("</", StringComparison.Ordinal);
            builder.Append(RewriteTag(m.Value, tag, rewrite));
        }
        if (last < html.Length)
        {
            builder.Append(rewrite("text", html[last..]));
        }
        return builder.ToString();
    }

    private static string RewriteTag(string tag, string name, Func<string, string, string> rewrite) =>
        Attribute().Replace(tag, a =>
        {
            var attribute = a.Groups["name"].Value.ToLowerInvariant();
            var value = a.Groups["value"].Value;
            string? form = (name, attribute) switch
            {
                (_, "href") when value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) => "mailto",
                (_, "href") when value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) => "tel",
                ("a", "href") => "href",
                ("link", "href") => "meta",
                ("meta", "content") => "meta",
                ("img", "alt") => "alt",
                ("script" or "iframe", "src") => "script",
                (_, var n) when n.StartsWith("data-", StringComparison.Ordinal) => "data",
                _ => null,
            };
            return form is null ? a.Value : a.Value[..(a.Groups["value"].Index - a.Index)] + rewrite(form, value) + a.Value[(a.Groups["value"].Index - a.Index + value.Length)..];
        });

    [GeneratedRegex(@"(?<comment><!--.*?-->)|(?<script>(?<open><script\b[^>]*>)(?<body>.*?)</script\s*>)|</?(?<tag>[A-Za-z][\w-]*)[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex HtmlPiece();

    [GeneratedRegex(@"(?<name>[\w:-]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)')")]
    private static partial Regex Attribute();

    /// <summary>A 10-digit US number in one of four formats: 312-555-0101, (312) 555-0101, 312.555.0101, +1 312 555 0101.</summary>
    private static string Format(string national, int style) => style switch
    {
        0 => $"{national[..3]}-{national[3..6]}-{national[6..]}",
        1 => $"({national[..3]}) {national[3..6]}-{national[6..]}",
        2 => $"{national[..3]}.{national[3..6]}.{national[6..]}",
        _ => $"+1 {national[..3]} {national[3..6]} {national[6..]}",
    };

    private static string NewPhone(Random random) => $"{Pick(random, AreaCodes)}5550{random.Next(100, 200)}";

    private static string NewPerson(Random random) => $"{Pick(random, FirstNames)} {Pick(random, LastNames)}";

    /// <summary>Letters and digits, with a digit in the middle: ids without one are placeholders to the extractor (G-XXXXXXXXXX).</summary>
    private static string RandomCode(Random random, int length)
    {
        var code = Enumerable.Range(0, length).Select(_ => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[random.Next(32)]).ToArray();
        code[length / 2] = "23456789"[random.Next(8)];
        return new string(code);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static string Capitalise(string slug) => slug.Length == 0 ? slug : char.ToUpperInvariant(slug[0]) + slug[1..];

    private static string Insert(string html, string before, string addition)
    {
        var at = html.IndexOf(before, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html + addition : html.Insert(at, addition);
    }

    private static int HashCode(string text) => (int)System.IO.Hashing.XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(text));
}
