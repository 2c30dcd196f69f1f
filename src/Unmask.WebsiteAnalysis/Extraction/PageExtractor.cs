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
public sealed record ExtractionOptions(string DefaultPhoneRegion = "US", int MaxBlocksPerPage = 5_000)
{
    /// <summary>Element, depth and text caps applied to every page before and while it is parsed (pages from the crawler have
    /// not been through <see cref="SiteLoader"/>'s check).</summary>
    public SiteInputLimits Limits { get; init; } = new();
}

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
    private static bool IsFurnitureName(ReadOnlySpan<char> name)
    {
        foreach (var word in FurnitureWords)
        {
            if (name.Length < word.Length)
            {
                continue;
            }
            if (name.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (name.Length > word.Length && name.StartsWith(word, StringComparison.OrdinalIgnoreCase) && name[word.Length] is '-' or '_')
            {
                return true;
            }
            if (name.Length > word.Length && name.EndsWith(word, StringComparison.OrdinalIgnoreCase) && name[^(word.Length + 1)] is '-' or '_')
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

    // One parser per thread, configured minimally: no scripting, no position tracking, no style/raw text, no comments (clone
    // comments are read from the raw HTML).
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions
    {
        IsScripting = false,
        DisableElementPositionTracking = true,
        SkipRawText = true,
        SkipComments = true,
        SkipCDATA = true,
        SkipProcessingInstructions = true,
    }));

    public static PageFeatures Extract(SitePage page, ExtractionOptions? options = null)
    {
        options ??= new ExtractionOptions();
        var document = Parser.Value!.ParseDocument(WithinLimits(page.Html, options.Limits));
        var blocks = new List<TextBlock>();
        var walker = new DocumentWalker(blocks, options.MaxBlocksPerPage, options.Limits.MaxTextChars, options.Limits.MaxLinks);
        walker.WalkDocument(document);
        var title = Clean(walker.Title);
        if (title is not null)
        {
            blocks.Insert(0, new TextBlock(title, BlockRole.Boilerplate));
        }
        var description = walker.Meta("name", "description");
        if (Clean(description) is { } pageDescription)
        {
            blocks.Insert(title is null ? 0 : 1, new TextBlock(pageDescription, BlockRole.Boilerplate));
        }

        var mirrored = HttrackComment().Matches(page.Html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var savedFrom = SavedFromComment().Matches(page.Html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var archived = WaybackUrl().Matches(page.Html).Select(m => m.Groups[2].Value).Distinct().Take(500).ToList();
        var isArchive = page.Html.Contains("FILE ARCHIVED ON", StringComparison.Ordinal)
            || page.Html.Contains("wm-ipp", StringComparison.Ordinal) || page.Html.Contains("__wm.init", StringComparison.Ordinal);

        var markup = new List<MarkupValue>();
        var (jsonLdNames, jsonLdUrls, jsonLdContacts) = ReadJsonLd(walker.JsonLd, markup);
        var links = walker.Links;
        var outbound = links.Select(HostOf).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Take(500).ToList();
        var alts = walker.Alts.Select(Clean).OfType<string>().Distinct().ToList();

        var visible = string.Join("\n", blocks.Select(b => b.Text));
        var maxContact = options.Limits.MaxContactTextChars;
        var contactText = HeadAndTail(visible, maxContact);
        var contactLinks = Math.Max(1, options.Limits.MaxLinks / 10);
        var emails = ContactPatterns.Emails(contactText)
            .Concat(LinksWithScheme(links, "mailto:", contactLinks).Select(h => ContactPatterns.NormaliseEmail(h[7..].Split('?')[0])).OfType<string>())
            .Concat(jsonLdContacts.Where(c => c.Contains('@', StringComparison.Ordinal)).Select(ContactPatterns.NormaliseEmail).OfType<string>())
            .Distinct().ToList();
        var phoneText = string.Join("\n", blocks.Where(b => HasDigits(b.Text, 7)).Select(b => b.Text));
        phoneText = HeadAndTail(phoneText, maxContact);
        var phones = (phoneText.Length == 0 ? [] : ContactPatterns.Phones(phoneText, options.DefaultPhoneRegion))
            .Concat(LinksWithScheme(links, "tel:", contactLinks).Select(h => ContactPatterns.NormalisePhone(Uri.UnescapeDataString(h[4..]), options.DefaultPhoneRegion)).OfType<string>())
            .Concat(jsonLdContacts.Where(c => !c.Contains('@', StringComparison.Ordinal)).Select(c => ContactPatterns.NormalisePhone(c, options.DefaultPhoneRegion)).OfType<string>())
            .Distinct().ToList();
        var addressText = walker.AddressTexts.Count == 0 ? contactText : contactText + "\n" + HeadAndTail(string.Join("\n", walker.AddressTexts), maxContact);
        var addresses = ContactPatterns.Addresses(addressText).Distinct().ToList();
        var messengers = links.Select(ContactPatterns.MessengerFromHref).OfType<string>()
            .Concat(ContactPatterns.MessengersInText(contactText)).Distinct().ToList();
        var (template, classes) = walker.TemplateFeatures();

        return new PageFeatures
        {
            Path = page.Path,
            Title = title,
            Description = description?.Trim(),
            Canonical = walker.Canonical?.Trim(),
            OgUrl = walker.Meta("property", "og:url")?.Trim(),
            OgSiteName = walker.Meta("property", "og:site_name")?.Trim(),
            Generator = walker.Meta("name", "generator")?.Trim(),
            JsonLdNames = jsonLdNames,
            JsonLdUrls = jsonLdUrls,
            CopyrightLines = blocks.Where(b => b.Text.Contains('©', StringComparison.Ordinal) || b.Text.Contains("copyright", StringComparison.OrdinalIgnoreCase))
                .Select(b => b.Text.Length > 200 ? b.Text[..200] : b.Text).Distinct().Take(5).ToList(),
            MirroredFrom = mirrored,
            SavedFrom = savedFrom,
            ArchivedUrls = archived,
            IsArchiveCapture = isArchive,
            OutboundHosts = outbound,
            IconHrefs = walker.Icons.Distinct().ToList(),
            ImageAlts = alts,
            Trackers = ContactPatterns.Trackers(page.Html).Distinct().ToList(),
            Emails = emails,
            Phones = phones,
            Addresses = addresses,
            Messengers = messengers,
            Blocks = blocks,
            TemplateFeatures = template,
            Markup = MarkupOf(walker, markup, page.Html),
            ClassNames = classes,
        };
    }

    private const int MaxMarkupValues = 1_000;

    /// <summary>Text for the contact patterns: all of it, or its start and its end when longer than <paramref name="max"/>
    /// (contact details sit in the header and the footer; the patterns are slow on megabytes of digits).</summary>
    private static string HeadAndTail(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max / 2), "\n", text.AsSpan(text.Length - (max / 2)));

    /// <summary>Distinct links with a scheme, at most <paramref name="max"/>: each is parsed (libphonenumber, e-mail rules), and a
    /// page of 40,000 identical <c>tel:</c> links took 7 s.</summary>
    private static IEnumerable<string> LinksWithScheme(List<string> links, string scheme, int max) =>
        links.Where(h => h.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Take(max);

    /// <summary>The markup before the first start tag that passes the element or depth limit: a hostile page cannot make the
    /// parser quadratic, and what it shows before the trap is still analysed.</summary>
    private static string WithinLimits(string html, SiteInputLimits limits)
    {
        var shape = HtmlShape.Measure(html, limits.MaxElements, limits.MaxDepth);
        return shape.LimitAt < 0 ? html : html[..shape.LimitAt];
    }

    private static List<MarkupValue> MarkupOf(DocumentWalker walker, List<MarkupValue> jsonLd, string html)
    {
        var markup = new List<MarkupValue>();
        if (walker.Canonical is { } canonical)
        {
            markup.Add(new MarkupValue("canonical", canonical.Trim()));
        }
        foreach (var property in new[] { "og:url", "og:site_name" })
        {
            if (walker.Meta("property", property) is { } value)
            {
                markup.Add(new MarkupValue("meta:" + property, value.Trim()));
            }
        }
        // Other meta tags where clones leave or swap the brand, a handle or a contact (og:title, twitter:site, description).
        foreach (var (key, content) in walker.Metas.Where(m => SwappableMeta(m.Key)).DistinctBy(m => m.Key).Take(50))
        {
            markup.Add(new MarkupValue("meta:" + key[(key.IndexOf('=', StringComparison.Ordinal) + 1)..].ToLowerInvariant(), content.Trim()));
        }
        markup.AddRange(jsonLd);
        // Tracker ids in document order (script src, inline gtag/fbq calls, data attributes): the n-th id of a copied page
        // stands where the n-th id of the original stood, whatever its family.
        foreach (var tracker in ContactPatterns.TrackersInOrder(html).Distinct().Take(50))
        {
            markup.Add(new MarkupValue("tracker", tracker));
        }
        foreach (var (name, value) in walker.DataAttributes.Take(200))
        {
            markup.Add(new MarkupValue("data:" + name, value));
        }
        foreach (var link in walker.Links.Take(MaxMarkupValues))
        {
            markup.Add(new MarkupValue("link", link.Trim()));
        }
        return markup;

        static bool SwappableMeta(string key)
        {
            var name = key[(key.IndexOf('=', StringComparison.Ordinal) + 1)..].ToLowerInvariant();
            return name is not ("og:url" or "og:site_name" or "og:image" or "og:type" or "og:locale") && !name.StartsWith("og:image", StringComparison.Ordinal)
                && (name.StartsWith("og:", StringComparison.Ordinal) || name.StartsWith("twitter:", StringComparison.Ordinal) || name is "description" or "author");
        }
    }

    private static bool HasDigits(string text, int atLeast)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && ++count >= atLeast)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Runs of white space to one space, trimmed; null when nothing is left.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return CollapseWhitespace(text.AsSpan());
    }

    private static string CollapseWhitespace(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        var needed = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))))
            {
                needed = true;
                break;
            }
        }
        if (!needed)
        {
            return text.ToString();
        }
        var builder = new StringBuilder(text.Length);
        var inSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inSpace = true;
                continue;
            }
            if (inSpace)
            {
                builder.Append(' ');
                inSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

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

    private static (List<string> Names, List<string> Urls, List<string> Contacts) ReadJsonLd(IReadOnlyList<string> scripts, List<MarkupValue> leaves)
    {
        var names = new List<string>();
        var urls = new List<string>();
        var contacts = new List<string>();
        // Depth alone does not bound a flat array of a million organisations: every node visited counts against one budget.
        var budget = MaxMarkupValues;
        for (var s = 0; s < scripts.Count; s++)
        {
            var script = scripts[s];
            try
            {
                using var json = JsonDocument.Parse(script, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                Visit(json.RootElement, 0);
                Flatten(json.RootElement, "jsonld:" + s.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common on real sites; the rest of the page is still used.
            }
        }
        return (names.Distinct().ToList(), urls.Distinct().ToList(), contacts.Distinct().ToList());

        void Flatten(JsonElement element, string path, int depth)
        {
            if (depth > 10 || leaves.Count >= MaxMarkupValues)
            {
                return;
            }
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    leaves.Add(new MarkupValue(path, element.GetString()!));
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Flatten(item, path + "." + (i++).ToString(System.Globalization.CultureInfo.InvariantCulture), depth + 1);
                    }
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Flatten(property.Value, path + "." + property.Name, depth + 1);
                    }
                    break;
            }
        }

        void Visit(JsonElement element, int depth)
        {
            if (depth > 8 || --budget < 0)
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
            var isOrg = OrganisationType().IsMatch(type);
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

    /// <summary>One recursive walk over the parsed document that collects everything the extractor needs: visible text cut into
    /// blocks at block-level elements (with their role), title, meta and link tags, JSON-LD scripts, link targets, image alt
    /// texts, <c>&lt;address&gt;</c> texts, and the template channel (tag.class sequence and class names of the body).</summary>
    private sealed class DocumentWalker(List<TextBlock> blocks, int maxBlocks, int maxTextChars, int maxLinks)
    {
        private int _textChars;
        private const int MaxTemplateTokens = 20_000;
        private readonly StringBuilder _text = new();
        private bool _pendingSpace;
        private bool _hasLetterOrDigit;
        private BlockRole _role = BlockRole.Content;
        private readonly List<ulong> _templateTokens = [];
        private readonly HashSet<string> _classes = new(StringComparer.Ordinal);
        private readonly List<(string Key, string Content)> _metas = [];

        public string? Title { get; private set; }
        public string? Canonical { get; private set; }
        public List<string> Icons { get; } = [];
        public List<string> Links { get; } = [];
        public List<string> Alts { get; } = [];
        public List<string> JsonLd { get; } = [];
        public List<string> AddressTexts { get; } = [];

        /// <summary><c>data-*</c> attributes whose value may hold a contact or an id (an e-mail, a phone, a URL, a tracker).</summary>
        public List<(string Name, string Value)> DataAttributes { get; } = [];

        public IReadOnlyList<(string Key, string Content)> Metas => _metas;

        /// <summary>Content of the first <c>&lt;meta attribute="value"&gt;</c> (value compared case-insensitively).</summary>
        public string? Meta(string attribute, string value)
        {
            var key = attribute + "=" + value;
            foreach (var (k, content) in _metas)
            {
                if (k.Equals(key, StringComparison.OrdinalIgnoreCase))
                {
                    return content;
                }
            }
            return null;
        }

        public void WalkDocument(IDocument document)
        {
            if (document.DocumentElement is { } root)
            {
                Walk(root, BlockRole.Content, text: false, inBody: false);
            }
            Flush();
        }

        private void Walk(IElement element, BlockRole role, bool text, bool inBody)
        {
            var name = element.LocalName;
            Collect(element, name, inBody);
            if (name == "body")
            {
                inBody = true;
                text = true;
            }
            var classAttribute = element.GetAttribute("class");
            if (inBody && name != "body" && _templateTokens.Count < MaxTemplateTokens && !(SkippedTags.Contains(name) && name != "svg"))
            {
                AddTemplateToken(name, classAttribute);
            }
            if (text && (blocks.Count >= maxBlocks || SkippedTags.Contains(name) || IsHidden(element)))
            {
                text = false;
            }
            var isBlock = text && BlockTags.Contains(name);
            var childRole = text ? RoleOf(element, name, classAttribute, role) : role;
            if (isBlock)
            {
                Flush();
            }
            for (var child = element.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child is IElement childElement)
                {
                    Walk(childElement, childRole, text, inBody);
                }
                else if (text && child is IText textNode)
                {
                    if (_text.Length == 0 && !_pendingSpace)
                    {
                        _role = childRole;
                    }
                    AppendCollapsed(textNode.Data);
                }
            }
            if (isBlock)
            {
                Flush();
            }
            else if (text && name is "a" or "span" or "strong" or "em" or "b" or "i")
            {
                _pendingSpace = true;
            }
        }

        /// <summary>Appends text with runs of white space collapsed to one space and none at the start of a block, so a block
        /// needs no second pass.</summary>
        private void AppendCollapsed(string data)
        {
            if (_textChars >= maxTextChars)
            {
                return;
            }
            _textChars += data.Length;
            foreach (var c in data)
            {
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = true;
                    continue;
                }
                if (_pendingSpace && _text.Length > 0)
                {
                    _text.Append(' ');
                }
                _pendingSpace = false;
                _text.Append(c);
                if (char.IsLetterOrDigit(c))
                {
                    _hasLetterOrDigit = true;
                }
            }
        }

        private void Collect(IElement element, string name, bool inBody)
        {
            if (DataAttributes.Count < 200)
            {
                foreach (var attribute in element.Attributes)
                {
                    if (attribute.Name.StartsWith("data-", StringComparison.Ordinal) && attribute.Value.Length is > 5 and < 200
                        && (attribute.Value.Contains('@', StringComparison.Ordinal) || attribute.Value.Contains('.', StringComparison.Ordinal) || HasDigits(attribute.Value, 6)))
                    {
                        DataAttributes.Add((attribute.Name, attribute.Value.Trim()));
                    }
                }
            }
            switch (name)
            {
                case "title" when Title is null && element.Parent is IElement { LocalName: not "svg" }:
                    Title = element.TextContent;
                    break;
                case "meta":
                    var content = element.GetAttribute("content");
                    if (content is not null)
                    {
                        if (element.GetAttribute("name") is { } metaName)
                        {
                            _metas.Add(("name=" + metaName, content));
                        }
                        if (element.GetAttribute("property") is { } property)
                        {
                            _metas.Add(("property=" + property, content));
                        }
                    }
                    break;
                case "link":
                    var rel = element.GetAttribute("rel");
                    var href = element.GetAttribute("href");
                    if (rel is null || href is null)
                    {
                        break;
                    }
                    if (Canonical is null && HasToken(rel, "canonical"))
                    {
                        Canonical = href;
                    }
                    if (HasToken(rel, "icon") || HasToken(rel, "apple-touch-icon"))
                    {
                        Icons.Add(href);
                    }
                    break;
                case "script":
                    if (element.GetAttribute("type") is { } type && type.Trim().Equals("application/ld+json", StringComparison.OrdinalIgnoreCase))
                    {
                        JsonLd.Add(element.TextContent);
                    }
                    break;
                case "a":
                    if (Links.Count < maxLinks && element.GetAttribute("href") is { } link)
                    {
                        Links.Add(link);
                    }
                    break;
                case "img":
                    if (element.GetAttribute("alt") is { } alt)
                    {
                        Alts.Add(alt);
                    }
                    break;
                case "address" when inBody:
                    AddressTexts.Add(element.TextContent);
                    break;
            }
        }

        private static bool HasToken(string list, string token)
        {
            foreach (var range in list.AsSpan().SplitAny(" \t\n\r\f"))
            {
                if (list.AsSpan()[range].Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }

        private void AddTemplateToken(string name, string? classAttribute)
        {
            var first = "";
            if (classAttribute is not null)
            {
                foreach (var range in classAttribute.AsSpan().SplitAny(" \t\n\r\f"))
                {
                    var part = classAttribute.AsSpan()[range];
                    if (part.Length == 0)
                    {
                        continue;
                    }
                    if (first.Length == 0)
                    {
                        first = part.ToString();
                    }
                    if (part.Length < 60 && !_classes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(part))
                    {
                        _classes.Add(part.ToString());
                    }
                }
            }
            _templateTokens.Add(Shingles.HashToken(name) * 31 ^ Shingles.HashToken(first));
        }

        /// <summary>Template channel: 4-shingles of the sequence of body elements (tag and first CSS class), plus every class
        /// name. Two pages built on one theme share most of these whatever their text says.</summary>
        public (List<ulong> Features, List<string> Classes) TemplateFeatures()
        {
            var features = new HashSet<ulong>();
            for (var i = 0; i + 4 <= _templateTokens.Count; i++)
            {
                var h = 0x9E3779B97F4A7C15UL;
                for (var j = 0; j < 4; j++)
                {
                    h = (h ^ _templateTokens[i + j]) * 0x100000001B3UL;
                    h ^= h >> 29;
                }
                features.Add(h);
            }
            foreach (var name in _classes)
            {
                features.Add(Shingles.HashToken("c:" + name));
            }
            return (features.ToList(), _classes.Order(StringComparer.Ordinal).ToList());
        }

        private void Flush()
        {
            _pendingSpace = false;
            if (_text.Length == 0)
            {
                return;
            }
            var hasLetterOrDigit = _hasLetterOrDigit;
            _hasLetterOrDigit = false;
            if (!hasLetterOrDigit)
            {
                _text.Clear();
                return;
            }
            var text = _text.ToString();
            _text.Clear();
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
            element.HasAttribute("hidden") || (element.GetAttribute("style") is { } style && HiddenStyle().IsMatch(style));

        private static BlockRole RoleOf(IElement element, string name, string? classAttribute, BlockRole inherited)
        {
            if (inherited != BlockRole.Content)
            {
                return inherited;
            }
            if (name is "blockquote" or "q")
            {
                return BlockRole.Quote;
            }
            if (name is "nav" or "footer")
            {
                return BlockRole.Boilerplate;
            }
            var roleAttribute = element.GetAttribute("role");
            if (roleAttribute is "navigation" or "contentinfo" or "banner" && name != "header")
            {
                return BlockRole.Boilerplate;
            }
            if (name is "main" or "article" or "body")
            {
                return BlockRole.Content;
            }
            if (element.GetAttribute("id") is { Length: > 0 } id && IsFurnitureName(id))
            {
                return BlockRole.Boilerplate;
            }
            if (classAttribute is not null)
            {
                foreach (var range in classAttribute.AsSpan().SplitAny(" \t\n\r\f"))
                {
                    if (range.End.Value > range.Start.Value && IsFurnitureName(classAttribute.AsSpan()[range]))
                    {
                        return BlockRole.Boilerplate;
                    }
                }
            }
            return BlockRole.Content;
        }
    }

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex("Organization|Corporation|LocalBusiness|ProfessionalService|WebSite|Company", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationType();
}
