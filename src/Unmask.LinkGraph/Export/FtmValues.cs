using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Unmask.Domain;
using Unmask.Domain.Identifiers;
using Unmask.LinkGraph.Normalisation;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Values as FtM's property types accept them (followthemoney/types/*.py): URLs with a scheme, phones in E.164,
/// lower-case ISO country codes, ISO dates, topics and genders from FtM's lists, identifiers within their length.
/// A value FtM would refuse returns null; the exporter keeps it in <c>notes</c> rather than lose it.
/// </summary>
internal static partial class FtmValues
{
    private static readonly FrozenSet<string> Topics = new[]
    {
        "crime", "crime.fraud", "crime.cyber", "crime.fin", "crime.env", "crime.theft", "crime.war", "crime.boss", "crime.terror",
        "crime.traffick", "crime.traffick.drug", "crime.traffick.human", "forced.labor", "asset.frozen", "wanted", "corp.offshore",
        "corp.shell", "corp.public", "corp.disqual", "gov", "gov.national", "gov.state", "gov.muni", "gov.soe", "gov.igo", "gov.head",
        "gov.admin", "gov.executive", "gov.legislative", "gov.judicial", "gov.security", "gov.financial", "fin", "fin.bank",
        "fin.fund", "fin.adivsor", "reg.action", "reg.warn", "role.pep", "role.pol", "role.rca", "role.judge", "role.civil",
        "role.diplo", "role.lawyer", "role.acct", "role.spy", "role.oligarch", "role.journo", "role.act", "role.lobby",
        "pol.party", "pol.union", "rel", "mil", "sanction", "sanction.linked", "sanction.counter", "export.control",
        "export.risk", "debarment", "poi",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The value as FtM's <paramref name="type"/> accepts it, or null.</summary>
    public static string? Clean(string property, PropertyType type, string value, string? countryHint = null)
    {
        var clean = type switch
        {
            PropertyType.Url => Url(value),
            PropertyType.Phone => PhoneNumbers.TryNormalise(value, countryHint, out var e164) ? e164 : null,
            PropertyType.Country => Countries.TryGetCode(value, out var code) ? code : null,
            PropertyType.Date => IsoDate().IsMatch(value) ? value : null,
            PropertyType.Email => EmailAddress.TryParse(value, out _) ? value : null,
            PropertyType.Topic => Topics.Contains(value) ? value : null,
            PropertyType.Gender => value.ToLowerInvariant() is "male" or "female" or "other" ? value.ToLowerInvariant() : null,
            PropertyType.Ip => IpNetwork.TryParse(value, out var ip) && ip.IsSingleAddress ? ip.ToString() : null,
            PropertyType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? value : null,
            PropertyType.Entity => FtmIds.IsValid(value) ? value : null,
            _ => value,
        };
        return clean is not null && clean.Length <= FtmModel.MaxLength(property, type) ? clean : null;
    }

    /// <summary>A website or link with its scheme: <c>example.com</c> → <c>https://example.com</c>.</summary>
    public static string? Url(string value)
    {
        var text = value.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp" && uri.Host.Length > 0
            ? text : null;
    }

    /// <summary>FtM's date and time form, in UTC to the second (as OpenSanctions writes <c>first_seen</c>).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$")]
    private static partial Regex IsoDate();
}
