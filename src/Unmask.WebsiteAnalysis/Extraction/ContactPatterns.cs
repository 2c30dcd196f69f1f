using System.Text.RegularExpressions;
using PhoneNumbers;
using Unmask.Domain.Identifiers;

namespace Unmask.WebsiteAnalysis.Extraction;

/// <summary>Trackers, e-mails, phones, postal addresses and messenger handles found in page text and markup.</summary>
public static partial class ContactPatterns
{
    // Google Analytics (UA-, G-), Tag Manager (GTM-), Ads (AW-); placeholders such as G-XXXXXXXXXX carry no digit and are skipped.
    [GeneratedRegex(@"\b(UA-\d{4,10}-\d{1,4}|G-[A-Z0-9]{6,12}|GTM-[A-Z0-9]{4,9}|AW-\d{6,12})\b", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleIds();

    [GeneratedRegex(@"fbq\(\s*['""]init['""]\s*,\s*['""](\d{10,20})['""]", RegexOptions.CultureInvariant)]
    private static partial Regex MetaPixel();

    [GeneratedRegex(@"hjid\s*[:=]\s*(\d{5,10})", RegexOptions.CultureInvariant)]
    private static partial Regex Hotjar();

    [GeneratedRegex(@"clarity['""]?\s*,\s*['""]script['""]\s*,\s*['""]([a-z0-9]{8,12})['""]", RegexOptions.CultureInvariant)]
    private static partial Regex Clarity();

    [GeneratedRegex(@"_linkedin_partner_id\s*=\s*['""]?(\d{5,10})", RegexOptions.CultureInvariant)]
    private static partial Regex LinkedInInsight();

    [GeneratedRegex(@"ttq\.load\(\s*['""]([A-Z0-9]{15,25})['""]", RegexOptions.CultureInvariant)]
    private static partial Regex TikTokPixel();

    [GeneratedRegex(@"\bym\(\s*(\d{6,10})\s*,\s*['""]init['""]", RegexOptions.CultureInvariant)]
    private static partial Regex YandexMetrica();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // US-style street addresses ("1201 N Orange St, Suite 7300, Wilmington, DE 19801") and UK postcodes after a street.
    [GeneratedRegex(@"\b\d{1,6}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w.'’-]*\s+){0,4}(?:Street|St|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Road|Rd|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|Square|Sq|Center|Centre|Circle|Cir|Terrace|Plaza|Row|Walk|Close|Crescent)\b\.?(?:,?\s+(?:Suite|Ste|Unit|Floor|Fl|Apt|Room|Rm|#)\.?\s*#?[\w-]+)?(?:,\s*[A-Z][A-Za-z .'-]{1,30})?(?:,\s*[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?|,?\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})?", RegexOptions.CultureInvariant)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"\b(Telegram|WhatsApp|Skype|Signal|WeChat)\b\s*[:：]?\s*((?:@|\+|live:)[\w.:+\- ]{3,40}\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MessengerText();

    private static readonly HashSet<string> PlaceholderEmailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "example.com", "example.org", "example.net", "yourdomain.com", "domain.com", "email.com", "yoursite.com", "company.com",
        "untitled.tld", "website.com", "yourcompany.com", "mail.com", "test.com", "sentry.io", "wixpress.com",
    };

    private static readonly string[] ImageSuffixes = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".css", ".js"];

    public static IEnumerable<string> Trackers(string html)
    {
        foreach (Match m in GoogleIds().Matches(html))
        {
            var id = m.Groups[1].Value;
            if (id.Any(char.IsAsciiDigit))
            {
                yield return id;
            }
        }
        foreach (var (pattern, prefix) in OtherTrackers())
        {
            foreach (Match m in pattern.Matches(html))
            {
                yield return prefix + m.Groups[1].Value;
            }
        }
    }

    /// <summary>The ids of <see cref="Trackers"/> in the order they occur in <paramref name="html"/>.</summary>
    public static IEnumerable<string> TrackersInOrder(string html)
    {
        var found = new List<(int Index, string Id)>();
        foreach (Match m in GoogleIds().Matches(html))
        {
            if (m.Groups[1].Value.Any(char.IsAsciiDigit))
            {
                found.Add((m.Index, m.Groups[1].Value));
            }
        }
        foreach (var (pattern, prefix) in OtherTrackers())
        {
            foreach (Match m in pattern.Matches(html))
            {
                found.Add((m.Index, prefix + m.Groups[1].Value));
            }
        }
        return found.OrderBy(f => f.Index).Select(f => f.Id);
    }

    private static (Regex Pattern, string Prefix)[] OtherTrackers() =>
        [(MetaPixel(), "fbpixel:"), (Hotjar(), "hotjar:"), (Clarity(), "clarity:"), (LinkedInInsight(), "linkedin:"), (TikTokPixel(), "tiktok:"), (YandexMetrica(), "yandex:")];

    /// <summary>Google's UA-, G-, GTM- and AW- ids are one family (a clone swaps an old UA- id for its own G- tag); pixels of other
    /// vendors are their own.</summary>
    public static string TrackerFamily(string tracker) =>
        tracker.Split('-', ':')[0] is "UA" or "G" or "GTM" or "AW" ? "google" : tracker.Split('-', ':')[0];

    /// <summary>True when two phone numbers are the same number however written (<c>+1 (312) 555-0101</c>, <c>312.555.0101</c>,
    /// <c>tel:+13125550101</c>): equal E.164 forms, or, where either is not a valid number, equal last ten digits.</summary>
    public static bool SamePhone(string a, string b, string defaultRegion = "US")
    {
        if (NormalisePhone(a, defaultRegion) is { } x && NormalisePhone(b, defaultRegion) is { } y)
        {
            return x == y;
        }
        static string Tail(string s)
        {
            var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
            return digits.Length > 10 ? digits[^10..] : digits;
        }
        return Tail(a) == Tail(b);
    }

    public static IEnumerable<string> Emails(string text)
    {
        foreach (Match m in Email().Matches(text))
        {
            if (NormaliseEmail(m.Value) is { } email)
            {
                yield return email;
            }
        }
    }

    public static string? NormaliseEmail(string raw)
    {
        if (!EmailAddress.TryParse(raw, out var email) || ImageSuffixes.Any(s => email.Value.EndsWith(s, StringComparison.Ordinal))
            || PlaceholderEmailDomains.Contains(email.DomainPart))
        {
            return null;
        }
        return email.Value;
    }

    /// <summary>Phone numbers in E.164 that libphonenumber accepts as valid (so <c>(555) 123-4567</c> and <c>(000) 000-0000</c>
    /// placeholders drop out). Numbers without a country code are read in <paramref name="defaultRegion"/>.</summary>
    public static IEnumerable<string> Phones(string text, string defaultRegion)
    {
        var util = PhoneNumberUtil.GetInstance();
        IEnumerable<PhoneNumberMatch> matches;
        try
        {
            matches = util.FindNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, 50).ToList();
        }
        catch (NumberParseException)
        {
            yield break;
        }
        foreach (var match in matches)
        {
            yield return util.Format(match.Number, PhoneNumberFormat.E164);
        }
    }

    public static string? NormalisePhone(string raw, string defaultRegion)
    {
        var util = PhoneNumberUtil.GetInstance();
        try
        {
            var number = util.Parse(raw, defaultRegion);
            return util.IsValidNumber(number) ? util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Street addresses as written in <paramref name="text"/> (<see cref="Addresses"/> gives them normalised).</summary>
    public static IEnumerable<string> AddressesAsWritten(string text) => StreetAddress().Matches(text).Select(m => m.Value.Trim());

    public static IEnumerable<string> Addresses(string text)
    {
        foreach (Match m in StreetAddress().Matches(text))
        {
            yield return NormaliseAddress(m.Value);
        }
    }

    /// <summary>Lower case, single spaces, common street and unit words abbreviated; unit numbers are kept.</summary>
    public static string NormaliseAddress(string address)
    {
        var words = Regex.Split(address.ToLowerInvariant().Replace('’', '\''), @"[\s,]+").Where(w => w.Length > 0).Select(w => w.TrimEnd('.') switch
        {
            "street" => "st",
            "avenue" => "ave",
            "boulevard" => "blvd",
            "drive" => "dr",
            "road" => "rd",
            "suite" => "ste",
            "parkway" => "pkwy",
            "highway" => "hwy",
            "lane" => "ln",
            "place" => "pl",
            "court" => "ct",
            "north" => "n",
            "south" => "s",
            "east" => "e",
            "west" => "w",
            var other => other,
        });
        return string.Join(' ', words);
    }

    public static IEnumerable<string> MessengersInText(string text)
    {
        foreach (Match m in MessengerText().Matches(text))
        {
            var app = m.Groups[1].Value.ToLowerInvariant();
            var handle = m.Groups[2].Value.Trim();
            if (app == "whatsapp" || handle.StartsWith('+'))
            {
                handle = "+" + new string(handle.Where(char.IsAsciiDigit).ToArray());
            }
            yield return $"{app}:{handle.ToLowerInvariant()}";
        }
    }

    private static readonly (string Host, string Prefix)[] SocialSites =
    [
        ("linkedin.com", "company/"), ("linkedin.com", "in/"), ("linkedin.com", "school/"), ("twitter.com", ""), ("x.com", ""),
        ("facebook.com", ""), ("fb.com", ""), ("github.com", ""), ("t.me", ""), ("instagram.com", ""), ("youtube.com", "@"),
        ("youtube.com", "c/"), ("behance.net", ""), ("dribbble.com", ""), ("medium.com", "@"),
    ];

    private static readonly HashSet<string> NotHandles = new(StringComparer.OrdinalIgnoreCase)
    {
        "share", "sharer", "sharer.php", "intent", "home", "login", "signup", "search", "hashtag", "pages", "groups", "watch", "embed", "p", "i", "s",
    };

    /// <summary>A social profile link as <c>platform/handle</c> (<c>linkedin.com/company/acme</c>, <c>twitter.com/acme</c>,
    /// <c>github.com/acme</c>, <c>t.me/acme</c>), lower case and without scheme or <c>www.</c>; null for share buttons and other
    /// links.</summary>
    public static string? SocialProfile(string href)
    {
        var value = href.Trim();
        if (value.StartsWith("//", StringComparison.Ordinal))
        {
            value = "https:" + value;
        }
        if (!value.StartsWith("http", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var host = uri.Host.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host.StartsWith("m.", StringComparison.Ordinal) ? host[2..] : host;
        var path = Uri.UnescapeDataString(uri.AbsolutePath).Trim('/').ToLowerInvariant();
        foreach (var (site, prefix) in SocialSites)
        {
            if (host != site || !path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var handle = path[prefix.Length..].Split('/')[0];
            return handle.Length >= 2 && !NotHandles.Contains(handle) ? $"{(site == "x.com" ? "twitter.com" : site)}/{prefix}{handle}" : null;
        }
        return null;
    }

    /// <summary>The platform part of a <see cref="SocialProfile"/> (<c>linkedin.com/company/</c>, <c>twitter.com/</c>).</summary>
    public static string SocialPlatform(string profile) => profile[..(profile.LastIndexOf('/') + 1)] + (profile.Contains("/@", StringComparison.Ordinal) ? "@" : "");

    public static string? MessengerFromHref(string href)
    {
        var lower = href.Trim().ToLowerInvariant();
        if (lower.StartsWith("skype:", StringComparison.Ordinal))
        {
            var handle = lower[6..].Split('?')[0];
            return handle.Length > 0 ? "skype:" + handle : null;
        }
        if (!Uri.TryCreate(href.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }
        var host = uri.Host.ToLowerInvariant();
        var path = uri.AbsolutePath.Trim('/');
        if ((host is "t.me" or "telegram.me") && path.Length > 0)
        {
            return "telegram:@" + path.Split('/')[0].ToLowerInvariant();
        }
        if ((host is "wa.me" or "api.whatsapp.com") && (path.Length > 0 || uri.Query.Contains("phone=", StringComparison.Ordinal)))
        {
            var digits = new string((path.Length > 0 ? path : uri.Query).Where(char.IsAsciiDigit).ToArray());
            return digits.Length >= 7 ? "whatsapp:+" + digits : null;
        }
        return null;
    }
}
