using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unmask.TestKit.Specifications;

/// <summary>
/// Whether a string is a valid value of an FtM property type, following followthemoney's types/*.py: what the type's
/// <c>validate</c> accepts once a value has been cleaned, which is the form an export must write.
/// </summary>
public static partial class FtmValueTypes
{
    /// <summary>FtM's country codes: rigour's territories with <c>is_ftm</c> (ISO 3166-1 alpha-2 plus FtM's own codes for
    /// places ISO has no code for, e.g. <c>suhh</c> Soviet Union, <c>cy-trnc</c>, <c>zz</c> global), taken from
    /// opensanctions/rigour resources/territories at commit 8f4044dd (2026-07-19), lower-case as FtM writes them.</summary>
    public static readonly IReadOnlySet<string> Countries = new HashSet<string>(StringComparer.Ordinal)
    {
        "ac", "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "aq", "ar", "as", "at", "au", "aw", "ax", "az", "az-nk",
        "ba", "bb", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bl", "bm", "bn", "bo", "bq", "br", "bs", "bt", "bv",
        "bw", "by", "bz", "ca", "cc", "cd", "cf", "cg", "ch", "ci", "ck", "cl", "cm", "cn", "cn-xz", "co", "cp", "cq",
        "cr", "cshh", "csxx", "cu", "cv", "cw", "cx", "cy", "cy-trnc", "cz", "dd", "de", "dg", "dj", "dk", "dm", "do",
        "dz", "ec", "ee", "eg", "eh", "er", "es", "et", "eu", "fi", "fj", "fk", "fm", "fo", "fr", "ga", "gb", "gb-nir",
        "gb-sct", "gb-wls", "gd", "ge", "ge-ab", "gf", "gg", "gh", "gi", "gl", "gm", "gn", "gp", "gq", "gr", "gs",
        "gt", "gu", "gw", "gy", "hk", "hm", "hn", "hr", "ht", "hu", "ic", "id", "ie", "il", "im", "in", "io", "ip",
        "iq", "iq-kr", "ir", "is", "it", "je", "jm", "jo", "jp", "ke", "kg", "kh", "ki", "km", "kn", "kp", "kr", "kw",
        "ky", "kz", "la", "lb", "lc", "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly", "ma", "mc", "md", "md-pmr", "me",
        "mf", "mg", "mh", "mk", "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms", "mt", "mu", "mv", "mw", "mx", "my",
        "mz", "na", "nc", "ne", "nf", "ng", "ni", "nl", "no", "np", "nr", "nu", "nz", "om", "pa", "pe", "pf", "pg",
        "ph", "pk", "pk-km", "pl", "pm", "pn", "pr", "ps", "pt", "pw", "py", "qa", "re", "ro", "rs", "ru", "rw", "sa",
        "sb", "sc", "sd", "se", "sg", "sh", "si", "sj", "sk", "sl", "sm", "sn", "so", "so-som", "sr", "ss", "st",
        "suhh", "sv", "sx", "sy", "sz", "ta", "tc", "td", "tf", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to", "tr",
        "tt", "tv", "tw", "tz", "ua", "ua-cri", "ua-dpr", "ua-lpr", "ug", "um", "un", "us", "uy", "uz", "va", "vc",
        "ve", "vg", "vi", "vn", "vu", "wf", "ws", "x-so", "xk", "ye", "yt", "yucs", "za", "zm", "zr", "zw", "zz"
    };

    /// <summary>FtM's topic vocabulary (followthemoney/types/topic.py).</summary>
    public static readonly IReadOnlySet<string> Topics = new HashSet<string>(StringComparer.Ordinal)
    {
        "crime", "crime.fraud", "crime.cyber", "crime.fin", "crime.env", "crime.theft", "crime.war", "crime.boss",
        "crime.terror", "crime.traffick", "crime.traffick.drug", "crime.traffick.human", "forced.labor", "asset.frozen",
        "wanted", "corp.offshore", "corp.shell", "corp.public", "corp.disqual", "gov", "gov.national", "gov.state",
        "gov.muni", "gov.soe", "gov.igo", "gov.head", "gov.admin", "gov.executive", "gov.legislative", "gov.judicial",
        "gov.security", "gov.financial", "gov.religion", "fin", "fin.bank", "fin.fund", "fin.adivsor", "mare.detained",
        "mare.shadow", "mare.sts", "reg.action", "reg.warn", "role.pep", "role.pep.frmr", "role.pep.intl",
        "role.pep.natl", "role.pol", "role.rca", "role.judge", "role.civil", "role.diplo", "role.lawyer", "role.acct",
        "role.spy", "role.oligarch", "role.journo", "role.act", "role.lobby", "pol.party", "pol.union", "rel", "mil",
        "sanction", "sanction.linked", "sanction.control", "sanction.counter", "export.control",
        "export.control.linked", "export.risk", "invest.risk", "invest.ban", "debarment", "poi",
    };

    private static readonly HashSet<string> Genders = new(StringComparer.Ordinal) { "male", "female", "other" };

    /// <summary>FtM's entity id length limit (followthemoney/util.py ENTITY_ID_LEN).</summary>
    public const int MaxEntityIdLength = 200;

    /// <summary>FtM's entity id rule (followthemoney/types/entity.py REGEX_RAW): ASCII letters and digits, with '.'
    /// and '-' allowed inside but not at either end. No '_', no ':', no spaces.</summary>
    public static bool IsEntityId(string id) => id.Length <= MaxEntityIdLength && EntityId().IsMatch(id);

    /// <summary>Null when <paramref name="value"/> is a valid value of FtM type <paramref name="type"/>, else why not.
    /// Entity references are checked for their id form only; whether they resolve is the validator's job.</summary>
    public static string? Problem(string type, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "empty value (FtM drops it)";
        }
        return type switch
        {
            "name" or "string" or "text" or "address" or "html" or "identifier" => value.Any(IsUnsafeControl) ? "contains control characters" : null,
            "date" => IsDate(value) ? null : "not an FtM date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH[:MM[:SS]], UTC)",
            "country" => Countries.Contains(value) ? null : "not an FtM country code (lower-case ISO 3166-1 alpha-2 or an FtM territory code such as suhh, zz)",
            "url" => IsUrl(value) ? null : "not an absolute URL with a scheme (http://, https://, …)",
            "email" => Email().IsMatch(value) ? null : "not an e-mail address (local@domain.tld)",
            "phone" => Phone().IsMatch(value) ? null : "not an E.164 phone number (+ and 7 to 15 digits, no spaces)",
            "entity" => IsEntityId(value) ? null : "not an FtM entity id (letters, digits, inner '.' or '-', at most 200)",
            "ip" => IsIp(value) ? null : "not an IPv4 or IPv6 address",
            "checksum" => Sha1().IsMatch(value) ? null : "not a SHA-1 checksum (40 hex digits)",
            "language" => Language().IsMatch(value) ? null : "not an ISO 639-2/3 language code (three lower-case letters)",
            "topic" => Topics.Contains(value) ? null : "not an FtM topic",
            "gender" => Genders.Contains(value) ? null : "not an FtM gender (male, female, other)",
            "number" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "not a number",
            "json" => IsJson(value) ? null : "not JSON",
            "mimetype" => MimeType().IsMatch(value) ? null : "not a MIME type (type/subtype)",
            "iban" => IsIban(value) ? null : "not an IBAN (country, check digits, account; mod-97 check)",
            _ => $"unknown FtM type '{type}'",
        };
    }

    private static bool IsUnsafeControl(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');

    private static bool IsDate(string value)
    {
        var match = PrefixDate().Match(value);
        if (!match.Success)
        {
            return false;
        }
        int? Part(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : null;
        var (year, month, day) = (Part("y")!.Value, Part("m"), Part("d"));
        return year >= 1
               && month is null or (>= 1 and <= 12)
               && (day is null || day >= 1 && day <= DateTime.DaysInMonth(year, month!.Value))
               && Part("h") is null or <= 23 && Part("mi") is null or <= 59 && Part("s") is null or <= 59;
    }

    private static bool IsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && value.Contains(':', StringComparison.Ordinal)
        && (uri.Scheme is not ("http" or "https" or "ftp") || uri.Host.Length > 0)
        && !value.StartsWith('/'); // .NET reads "/path" as a file: URI on Unix

    private static bool IsIp(string value) =>
        IPAddress.TryParse(value, out var address)
        // IPAddress.TryParse also takes "1" or "1.2" (old inet_aton forms); FtM writes addresses in full.
        && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || value.Count(c => c == '.') == 3);

    private static bool IsJson(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsIban(string value)
    {
        if (!Iban().IsMatch(value))
        {
            return false;
        }
        var rearranged = value[4..] + value[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits >= 10 ? (remainder * 100 + digits) % 97 : (remainder * 10 + digits) % 97;
        }
        return remainder == 1;
    }

    [GeneratedRegex(@"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")]
    private static partial Regex EntityId();

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2})(T(?<h>\d{2})(:(?<mi>\d{2})(:(?<s>\d{2})(\.\d+)?)?)?(Z|\+00:00)?)?)?)?$")]
    private static partial Regex PrefixDate();

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex Phone();

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex Sha1();

    [GeneratedRegex("^[a-z]{3}$")]
    private static partial Regex Language();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex MimeType();

    [GeneratedRegex("^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$")]
    private static partial Regex Iban();
}
