using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Unmask.WebsiteAnalysis.Similarity;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Extraction;

/// <param name="DefaultPhoneRegion">Region for phone numbers written without a country code. Default "US".</param>
/// <param name="MaxBlocksPerPage">Text blocks kept per page. Default 5,000.</param>
public sealed record ExtractionOptions(string DefaultPhoneRegion = "US", int MaxBlocksPerPage = 5_000);

/// <summary>Parses one page with AngleSharp and extracts its visible text blocks, metadata, clone artefacts and fingerprints.</summary>
public static partial class PageExtractor
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "summary", "option", "button", "br", "caption",
    };

    private static readonly HashSet<string> SkippedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select", "textarea", "math",
    };

    private static readonly string[] FurnitureWords = ["nav", "navbar", "navigation", "menu", "footer", "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "copyright", "wm-ipp", "wm-toolbar", "topbar", "sidebar-nav"];

    /// <summary>A class or id names site furniture when it is one of the furniture words or starts or ends with one as a
    /// hyphen/underscore-separated part (<c>site-footer</c>, <c>navbar-nav</c>, <c>cookie-banner</c>); <c>wp--skip-link--target</c> is not.</summary>
    private static bool IsFurnitureName(string name)
    {
        var lower = name.ToLowerInvariant();
        foreach (var word in FurnitureWords)
        {
            if (lower == word || lower.StartsWith(word + "-", StringComparison.Ordinal) || lower.StartsWith(word + "_", StringComparison.Ordinal)
                || lower.EndsWith("-" + word, StringComparison.Ordinal) || lower.EndsWith("_" + word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"Mirrored from\s+(\S+)\s+by HTTrack", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HttrackComment();

    [GeneratedRegex(@"saved from url=\(\d+\)\s*(\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SavedFromComment();

    [GeneratedRegex(@"web\.archive\.org/web/\d{6,14}[a-z_]*/(?:(https?:)?/*)?([^\s""'<>)]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WaybackUrl();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static PageFeatures Extract(SitePage page, ExtractionOptions? options = null)
    {
        options ??= new ExtractionOptions();
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(page.Html);
        var blocks = new List<TextBlock>();
        if (Clean(document.Title) is { } pageTitle)
        {
            blocks.Add(new TextBlock(pageTitle, BlockRole.Boilerplate));
        }
        if (Clean(document.QuerySelector("meta[name='description' i]")?.GetAttribute("content")) is { } pageDescription)
        {
            blocks.Add(new TextBlock(pageDescription, BlockRole.Boilerplate));
        }
        var collector = new BlockCollector(blocks, options.MaxBlocksPerPage);
        if (document.Body is { } body)
        {
            collector.Walk(body, BlockRole.Content);
            collector.Flush();
        }

        string? Meta(string attribute, string value) => document.QuerySelector($"meta[{attribute}='{value}' i]")?.GetAttribute("content")?.Trim();

        var title = Clean(document.Title);
        var canonical = document.QuerySelector("link[rel~='canonical' i]")?.GetAttribute("href")?.Trim();
        var comments = document.Descendants<IComment>().Select(c => c.Data).ToList();
        var mirrored = comments.SelectMany(c => HttrackComment().Matches(c)).Select(m => m.Groups[1].Value).Distinct().ToList();
        var savedFrom = comments.SelectMany(c => SavedFromComment().Matches(c)).Select(m => m.Groups[1].Value).Distinct().ToList();
        var archived = WaybackUrl().Matches(page.Html).Select(m => m.Groups[2].Value).Distinct().Take(500).ToList();
        var isArchive = page.Html.Contains("FILE ARCHIVED ON", StringComparison.Ordinal)
            || page.Html.Contains("wm-ipp", StringComparison.Ordinal) || page.Html.Contains("__wm.init", StringComparison.Ordinal);

        var (jsonLdNames, jsonLdUrls, jsonLdContacts) = ReadJsonLd(document);
        var links = document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        var outbound = links.Select(HostOf).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Take(500).ToList();
        var icons = document.QuerySelectorAll("link[rel~='icon' i], link[rel='shortcut icon' i], link[rel~='apple-touch-icon' i]")
            .Select(l => l.GetAttribute("href")).OfType<string>().Distinct().ToList();
        var alts = document.QuerySelectorAll("img[alt]").Select(i => Clean(i.GetAttribute("alt"))).OfType<string>().Distinct().ToList();

        var visible = string.Join("\n", blocks.Select(b => b.Text));
        var emails = ContactPatterns.Emails(visible)
            .Concat(links.Where(h => h.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)).Select(h => ContactPatterns.NormaliseEmail(h[7..].Split('?')[0])).OfType<string>())
            .Concat(jsonLdContacts.Where(c => c.Contains('@', StringComparison.Ordinal)).Select(ContactPatterns.NormaliseEmail).OfType<string>())
            .Distinct().ToList();
        var phoneText = string.Join("\n", blocks.Where(b => b.Text.Count(char.IsAsciiDigit) >= 7).Select(b => b.Text));
        var phones = ContactPatterns.Phones(phoneText, options.DefaultPhoneRegion)
            .Concat(links.Where(h => h.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)).Select(h => ContactPatterns.NormalisePhone(Uri.UnescapeDataString(h[4..]), options.DefaultPhoneRegion)).OfType<string>())
            .Concat(jsonLdContacts.Where(c => !c.Contains('@', StringComparison.Ordinal)).Select(c => ContactPatterns.NormalisePhone(c, options.DefaultPhoneRegion)).OfType<string>())
            .Distinct().ToList();
        var addressText = visible + "\n" + string.Join("\n", document.QuerySelectorAll("address").Select(a => a.TextContent));
        var addresses = ContactPatterns.Addresses(addressText).Distinct().ToList();
        var messengers = links.Select(ContactPatterns.MessengerFromHref).OfType<string>()
            .Concat(ContactPatterns.MessengersInText(visible)).Distinct().ToList();
        var (template, classes) = TemplateFeatures(document);

        return new PageFeatures
        {
            Path = page.Path,
            Title = title,
            Description = Meta("name", "description"),
            Canonical = canonical,
            OgUrl = Meta("property", "og:url"),
            OgSiteName = Meta("property", "og:site_name"),
            Generator = Meta("name", "generator"),
            JsonLdNames = jsonLdNames,
            JsonLdUrls = jsonLdUrls,
            CopyrightLines = blocks.Where(b => b.Text.Contains('©', StringComparison.Ordinal) || b.Text.Contains("copyright", StringComparison.OrdinalIgnoreCase))
                .Select(b => b.Text.Length > 200 ? b.Text[..200] : b.Text).Distinct().Take(5).ToList(),
            MirroredFrom = mirrored,
            SavedFrom = savedFrom,
            ArchivedUrls = archived,
            IsArchiveCapture = isArchive,
            OutboundHosts = outbound,
            IconHrefs = icons,
            ImageAlts = alts,
            Trackers = ContactPatterns.Trackers(page.Html).Distinct().ToList(),
            Emails = emails,
            Phones = phones,
            Addresses = addresses,
            Messengers = messengers,
            Blocks = blocks,
            TemplateFeatures = template,
            ClassNames = classes,
        };
    }

    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Whitespace().Replace(text, " ").Trim();

    private static string? HostOf(string href)
    {
        var value = href.Trim();
        if (!value.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        var wayback = WaybackUrl().Match(value);
        if (wayback.Success)
        {
            value = "http://" + wayback.Groups[2].Value.TrimStart('/');
        }
        if (value.StartsWith("//", StringComparison.Ordinal))
        {
            value = "http:" + value;
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host.ToLowerInvariant() : null;
    }

    private static (List<string> Names, List<string> Urls, List<string> Contacts) ReadJsonLd(IDocument document)
    {
        var names = new List<string>();
        var urls = new List<string>();
        var contacts = new List<string>();
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json' i]"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                Visit(json.RootElement, 0);
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common on real sites; the rest of the page is still used.
            }
        }
        return (names.Distinct().ToList(), urls.Distinct().ToList(), contacts.Distinct().ToList());

        void Visit(JsonElement element, int depth)
        {
            if (depth > 8)
            {
                return;
            }
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, depth + 1);
                }
                return;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            var type = element.TryGetProperty("@type", out var t) ? t.ToString() : "";
            var isOrg = Regex.IsMatch(type, "Organization|Corporation|LocalBusiness|ProfessionalService|WebSite|Company", RegexOptions.IgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "name" when isOrg && property.Value.ValueKind == JsonValueKind.String:
                        names.Add(property.Value.GetString()!);
                        break;
                    case "url" when isOrg && property.Value.ValueKind == JsonValueKind.String:
                        urls.Add(property.Value.GetString()!);
                        break;
                    case "email" or "telephone" when property.Value.ValueKind == JsonValueKind.String:
                        contacts.Add(property.Value.GetString()!);
                        break;
                    default:
                        Visit(property.Value, depth + 1);
                        break;
                }
            }
        }
    }

    /// <summary>Template channel: 4-shingles of the sequence of element tags with their first CSS class, plus every class
    /// name. Two pages built on one theme share most of these whatever their text says.</summary>
    private static (List<ulong> Features, List<string> Classes) TemplateFeatures(IDocument document)
    {
        var tokens = new List<string>();
        var classes = new HashSet<string>(StringComparer.Ordinal);
        if (document.Body is null)
        {
            return ([], []);
        }
        foreach (var element in document.Body.Descendants<IElement>())
        {
            if (SkippedTags.Contains(element.LocalName) && element.LocalName != "svg")
            {
                continue;
            }
            var first = element.ClassList.Length > 0 ? element.ClassList[0] : "";
            tokens.Add(element.LocalName + "." + first);
            foreach (var name in element.ClassList)
            {
                if (name.Length < 60)
                {
                    classes.Add(name);
                }
            }
            if (tokens.Count > 20_000)
            {
                break;
            }
        }
        var features = new HashSet<ulong>();
        for (var i = 0; i + 4 <= tokens.Count; i++)
        {
            features.Add(Shingles.HashToken("s:" + string.Join('|', tokens, i, 4)));
        }
        foreach (var name in classes)
        {
            features.Add(Shingles.HashToken("c:" + name));
        }
        return (features.ToList(), classes.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Walks the DOM and cuts the visible text into blocks at block-level elements.</summary>
    private sealed class BlockCollector(List<TextBlock> blocks, int maxBlocks)
    {
        private readonly StringBuilder _text = new();
        private BlockRole _role = BlockRole.Content;

        public void Walk(INode node, BlockRole role)
        {
            if (blocks.Count >= maxBlocks)
            {
                return;
            }
            switch (node)
            {
                case IText text:
                    if (_text.Length == 0)
                    {
                        _role = role;
                    }
                    _text.Append(text.Data);
                    return;
                case IElement element:
                    if (SkippedTags.Contains(element.LocalName) || IsHidden(element))
                    {
                        return;
                    }
                    var childRole = RoleOf(element, role);
                    var isBlock = BlockTags.Contains(element.LocalName);
                    if (isBlock)
                    {
                        Flush();
                    }
                    else if (element.LocalName is "img" or "input")
                    {
                        return;
                    }
                    foreach (var child in element.ChildNodes)
                    {
                        Walk(child, childRole);
                    }
                    if (isBlock)
                    {
                        Flush();
                    }
                    else if (element.LocalName is "a" or "span" or "strong" or "em" or "b" or "i")
                    {
                        _text.Append(' ');
                    }
                    return;
                default:
                    return;
            }
        }

        public void Flush()
        {
            if (_text.Length == 0)
            {
                return;
            }
            var text = Whitespace().Replace(_text.ToString(), " ").Trim();
            _text.Clear();
            if (text.Length > 0 && text.Any(char.IsLetterOrDigit))
            {
                var role = _role;
                if (role == BlockRole.Content && text.Contains("lorem ipsum", StringComparison.OrdinalIgnoreCase))
                {
                    role = BlockRole.Boilerplate; // template filler
                }
                blocks.Add(new TextBlock(text, role));
            }
        }

        private static bool IsHidden(IElement element) =>
            element.HasAttribute("hidden")
            || (element.GetAttribute("style") is { } style && Regex.IsMatch(style, @"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase));

        private static BlockRole RoleOf(IElement element, BlockRole inherited)
        {
            if (inherited != BlockRole.Content)
            {
                return inherited;
            }
            if (element.LocalName is "blockquote" or "q")
            {
                return BlockRole.Quote;
            }
            if (element.LocalName is "nav" or "footer")
            {
                return BlockRole.Boilerplate;
            }
            var roleAttribute = element.GetAttribute("role");
            if (roleAttribute is "navigation" or "contentinfo" or "banner" && element.LocalName != "header")
            {
                return BlockRole.Boilerplate;
            }
            if (element.LocalName is "main" or "article" or "body")
            {
                return BlockRole.Content;
            }
            var furniture = (element.Id is { Length: > 0 } id && IsFurnitureName(id)) || element.ClassList.Any(IsFurnitureName);
            return furniture ? BlockRole.Boilerplate : BlockRole.Content;
        }
    }
}
