using System.Globalization;
using Unmask.Domain;
using Unmask.Domain.Identifiers;
using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;

namespace Unmask.Vetting.Input;

/// <summary>
/// Turns one row of text fields (column → value, already un-quoted) into a typed <see cref="VetRecord"/>.
/// Malformed optional values become <see cref="InputIssue"/>s (reported as INPUT_INVALID_* info findings); missing or invalid
/// required values (<c>id</c>, <c>kind</c>, <c>name</c>) are an <see cref="InputException"/> naming the file and line.
/// <see cref="Parse"/> may be called from several threads at once.
/// </summary>
public sealed class RecordParser
{
    private readonly string _file;
    private readonly string _folder;
    private readonly VetReaderOptions _options;
    private readonly PhoneCache _phones = new();

    /// <param name="file">The input file (for messages and to resolve relative paths).</param>
    public RecordParser(string file, VetReaderOptions options)
    {
        _file = file;
        _folder = Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".");
        _options = options;
    }

    public VetRecord Parse(IReadOnlyDictionary<string, string> fields, long line)
    {
        string Get(string column) => fields.TryGetValue(column, out var v) ? v.Trim() : "";
        var issues = new List<InputIssue>();
        void Issue(string field, string value, string reason) => issues.Add(new InputIssue(field, IdentityIndicatorsShorten(value), reason));

        var id = Get(Columns.Id);
        if (id.Length == 0)
        {
            throw new InputException(_file, line, "column 'id' is empty: every record needs a unique id");
        }
        var kindText = Get(Columns.Kind).ToLowerInvariant();
        RecordKind kind = kindText switch
        {
            "applicant" => RecordKind.Applicant,
            "contractor" => RecordKind.Contractor,
            "vendor" => RecordKind.Vendor,
            _ => throw new InputException(_file, line, $"column 'kind' is '{Get(Columns.Kind)}': expected applicant, contractor or vendor"),
        };
        var name = Get(Columns.Name);
        if (name.Length == 0)
        {
            throw new InputException(_file, line, $"record '{id}': column 'name' is empty");
        }

        string? country = null;
        var countryText = Get(Columns.Country);
        if (countryText.Length > 0)
        {
            if (Countries.TryGetCode(countryText, out var code))
            {
                country = code;
            }
            else
            {
                Issue(Columns.Country, countryText, "not an ISO 3166-1 alpha-2 country");
            }
        }

        EmailAddress? email = null;
        var emailText = Get(Columns.Email);
        if (emailText.Length > 0 && !EmailAddress.TryParse(emailText, out email!))
        {
            Issue(Columns.Email, emailText, "not an e-mail address");
            email = null;
        }

        PhoneNumber? phone = null;
        var phoneText = Get(Columns.Phone);
        if (phoneText.Length > 0 && !_phones.TryParse(phoneText, country, out phone!))
        {
            Issue(Columns.Phone, phoneText, country is null ? "not a valid phone number (E.164 expected, or give 'country')" : $"not a valid phone number for {country.ToUpperInvariant()}");
            phone = null;
        }

        DateOnly? Date(string column)
        {
            var text = Get(column);
            if (text.Length == 0)
            {
                return null;
            }
            if (PartialDate.TryParseIso(text, out var date) && date.Precision == DatePrecision.Day)
            {
                return new DateOnly(date.Year, date.Month!.Value, date.Day!.Value);
            }
            Issue(column, text, "not a date (expected YYYY-MM-DD)");
            return null;
        }

        PartialDate? birth = null;
        var birthText = Get(Columns.BirthDate);
        if (birthText.Length > 0)
        {
            if (PartialDate.TryParseIso(birthText, out var b))
            {
                birth = b;
            }
            else
            {
                Issue(Columns.BirthDate, birthText, "not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
            }
        }

        string? bankCountry = null;
        var bankCountryText = Get(Columns.BankCountry);
        if (bankCountryText.Length > 0)
        {
            if (Countries.TryGetCode(bankCountryText, out var bc))
            {
                bankCountry = bc;
            }
            else
            {
                Issue(Columns.BankCountry, bankCountryText, "not an ISO 3166-1 alpha-2 country");
            }
        }

        var wallets = new List<CryptoWalletAddress>();
        foreach (var value in Split(Get(Columns.CryptoWallets)))
        {
            if (CryptoWalletAddress.TryParse(value, out var wallet))
            {
                wallets.Add(wallet);
            }
            else
            {
                Issue(Columns.CryptoWallets, value, "not a recognised wallet address");
            }
        }

        DomainName? domain = null;
        var domainText = Get(Columns.CompanyDomain);
        if (domainText.Length > 0 && !DomainName.TryParse(domainText, out domain!))
        {
            Issue(Columns.CompanyDomain, domainText, "not a domain name");
            domain = null;
        }

        var (video, ratio, meetings) = ParseBehaviour(Get(Columns.InterviewVideo), Get(Columns.CameraOffRatio), Issue);

        var resume = Get(Columns.ResumeText);
        if (resume.Length == 0 && Get(Columns.ResumeTextPath) is { Length: > 0 } resumePath)
        {
            resume = ReadResume(resumePath, Issue) ?? "";
        }

        PhotoInfo? photo = null;
        if (Get(Columns.PhotoPath) is { Length: > 0 } photoPath && ResolveInside(photoPath, Columns.PhotoPath, Issue) is { } photoFile)
        {
            photo = ReadPhoto(photoFile, Issue);
        }

        string? site = null;
        if (Get(Columns.SiteSnapshot) is { Length: > 0 } sitePath && ResolveInside(sitePath, Columns.SiteSnapshot, Issue) is { } siteFile)
        {
            if (File.Exists(siteFile) || Directory.Exists(siteFile))
            {
                site = siteFile;
            }
            else
            {
                Issue(Columns.SiteSnapshot, sitePath, "file or folder not found");
            }
        }

        var record = new VetRecord(id, kind, name)
        {
            Email = email,
            Phone = phone,
            PhoneLineType = NullIfEmpty(Get(Columns.PhoneLineType)),
            Address = NullIfEmpty(Get(Columns.Address)),
            ShippingAddress = NullIfEmpty(Get(Columns.ShippingAddress)),
            Country = country,
            BirthDate = birth,
            AppliedOn = Date(Columns.AppliedOn),
            LinkedinCreatedOn = Date(Columns.LinkedinCreatedOn),
            GithubCreatedOn = Date(Columns.GithubCreatedOn),
            ResumeText = NullIfEmpty(resume),
            Photo = photo,
            BankAccountName = NullIfEmpty(Get(Columns.BankAccountName)),
            BankAccount = BankAccounts.Parse(Get(Columns.BankAccountId)),
            BankCountry = bankCountry,
            PayoutMethod = NullIfEmpty(Get(Columns.PayoutMethod)),
            PayoutChanges = ParsePayoutChanges(Get(Columns.PayoutChanges), Issue),
            CryptoWallets = wallets,
            Employers = ParseEmployers(Get(Columns.Employers), Issue),
            Education = ParseEducation(Get(Columns.Education), Issue),
            References = ParseReferences(Get(Columns.References), country, Issue),
            CompanyName = NullIfEmpty(Get(Columns.CompanyName)),
            CompanyDomain = domain,
            Website = DomainName.TryParse(Get(Columns.Website), out var website) ? website : null,
            CompanyRegisteredOn = Date(Columns.CompanyRegisteredOn),
            CompanyAddress = NullIfEmpty(Get(Columns.CompanyAddress)),
            SiteSnapshot = site,
            InterviewVideo = video,
            CameraOffRatio = ratio,
            CameraMeetings = meetings,
            DifferentPersonFlag = Bool(Columns.DifferentPersonFlag, Get(Columns.DifferentPersonFlag), Issue),
            InPersonDeclined = Bool(Columns.InPersonDeclined, Get(Columns.InPersonDeclined), Issue),
        };
        if (Get(Columns.BankAccountId) is { Length: > 0 } && record.BankAccount is null)
        {
            Issue(Columns.BankAccountId, "(hidden)", "too short for an account number");
        }
        return record with { Issues = issues };
    }

    private static string IdentityIndicatorsShorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Multi-valued cells: <c>;</c> between values (INDICATORS.md §5).</summary>
    public static IEnumerable<string> Split(string cell) =>
        cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Sub-fields: <c>|</c> between them.</summary>
    private static string[] Sub(string value, int count)
    {
        var parts = value.Split('|', StringSplitOptions.TrimEntries);
        return parts.Length >= count ? parts : [.. parts, .. Enumerable.Repeat("", count - parts.Length)];
    }

    private static List<PayoutChange> ParsePayoutChanges(string cell, Action<string, string, string> issue)
    {
        var result = new List<PayoutChange>();
        foreach (var value in Split(cell))
        {
            var p = Sub(value, 4);
            if (!PartialDate.TryParseIso(p[0], out var date) || date.Precision != DatePrecision.Day)
            {
                issue(Columns.PayoutChanges, p[0], "change date is not YYYY-MM-DD");
                continue;
            }
            string? country = null;
            if (p[3].Length > 0 && Countries.TryGetCode(p[3], out var c))
            {
                country = c;
            }
            result.Add(new PayoutChange(new DateOnly(date.Year, date.Month!.Value, date.Day!.Value), BankAccounts.Parse(p[1]),
                p[2].Length > 0 ? p[2] : null, country));
        }
        return result;
    }

    private static List<Employment> ParseEmployers(string cell, Action<string, string, string> issue)
    {
        var result = new List<Employment>();
        foreach (var value in Split(cell))
        {
            var p = Sub(value, 3);
            if (p[0].Length == 0)
            {
                continue;
            }
            PartialDate? from = null, to = null;
            if (p[1].Length > 0)
            {
                if (PartialDate.TryParseIso(p[1], out var f))
                {
                    from = f;
                }
                else
                {
                    issue(Columns.Employers, p[1], "employment start is not YYYY or YYYY-MM");
                }
            }
            if (p[2].Length > 0 && !p[2].Equals("present", StringComparison.OrdinalIgnoreCase) && !p[2].Equals("now", StringComparison.OrdinalIgnoreCase))
            {
                if (PartialDate.TryParseIso(p[2], out var t))
                {
                    to = t;
                }
                else
                {
                    issue(Columns.Employers, p[2], "employment end is not YYYY or YYYY-MM");
                }
            }
            result.Add(new Employment(p[0], from, to));
        }
        return result;
    }

    private static List<Education> ParseEducation(string cell, Action<string, string, string> issue)
    {
        var result = new List<Education>();
        foreach (var value in Split(cell))
        {
            var p = Sub(value, 3);
            int? year = null;
            if (p[2].Length > 0)
            {
                if (int.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 1900 and < 2200)
                {
                    year = y;
                }
                else
                {
                    issue(Columns.Education, p[2], "graduation year is not a year");
                }
            }
            result.Add(new Education(p[0], p[1].Length > 0 ? p[1] : null, year));
        }
        return result;
    }

    private List<ReferenceContact> ParseReferences(string cell, string? country, Action<string, string, string> issue)
    {
        var result = new List<ReferenceContact>();
        foreach (var value in Split(cell))
        {
            var p = Sub(value, 3);
            EmailAddress? email = null;
            if (p[1].Length > 0 && !EmailAddress.TryParse(p[1], out email!))
            {
                issue(Columns.References, p[1], "reference e-mail is not an e-mail address");
                email = null;
            }
            PhoneNumber? phone = null;
            if (p[2].Length > 0 && !_phones.TryParse(p[2], country, out phone!))
            {
                issue(Columns.References, p[2], "reference phone is not a valid phone number");
                phone = null;
            }
            result.Add(new ReferenceContact(p[0], email, phone));
        }
        return result;
    }

    private static (InterviewVideo?, double?, int?) ParseBehaviour(string video, string ratio, Action<string, string, string> issue)
    {
        InterviewVideo? v = video.ToLowerInvariant() switch
        {
            "" => null,
            "yes" or "true" or "on" => InterviewVideo.Yes,
            "no" or "false" or "off" => InterviewVideo.No,
            "refused" or "declined" => InterviewVideo.Refused,
            _ => null,
        };
        if (v is null && video.Length > 0)
        {
            issue(Columns.InterviewVideo, video, "expected yes, no or refused");
        }
        double? r = null;
        int? meetings = null;
        if (ratio.Length > 0)
        {
            var slash = ratio.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && int.TryParse(ratio[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var off)
                && int.TryParse(ratio[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var total) && total > 0 && off <= total)
            {
                r = (double)off / total;
                meetings = total;
            }
            else if (double.TryParse(ratio, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
            {
                r = value;
            }
            else
            {
                issue(Columns.CameraOffRatio, ratio, "expected a ratio 0-1 or 'off/total'");
            }
        }
        return (v, r, meetings);
    }

    private static bool? Bool(string column, string text, Action<string, string, string> issue)
    {
        switch (text.ToLowerInvariant())
        {
            case "":
                return null;
            case "true" or "yes" or "1" or "y":
                return true;
            case "false" or "no" or "0" or "n":
                return false;
            default:
                issue(column, text, "expected true or false");
                return null;
        }
    }

    /// <summary>Resolves a path relative to the input file's folder; paths that leave the folder are refused.</summary>
    private string? ResolveInside(string relative, string column, Action<string, string, string> issue)
    {
        var full = Path.GetFullPath(Path.Combine(_folder, relative));
        var root = _folder.EndsWith(Path.DirectorySeparatorChar) ? _folder : _folder + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            issue(column, relative, "path is outside the input file's folder: refused");
            return null;
        }
        return full;
    }

    private string? ReadResume(string relative, Action<string, string, string> issue)
    {
        if (ResolveInside(relative, Columns.ResumeTextPath, issue) is not { } file)
        {
            return null;
        }
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            issue(Columns.ResumeTextPath, relative, "file not found");
            return null;
        }
        if (info.Length > _options.Limits.MaxResumeBytes)
        {
            issue(Columns.ResumeTextPath, relative, $"larger than {_options.Limits.MaxResumeBytes / (1024 * 1024)} MB: refused");
            return null;
        }
        if (!_options.LoadFiles)
        {
            return null;
        }
        var text = ResumeFiles.ReadText(file, _options.Limits, out var problem);
        if (problem is not null)
        {
            issue(Columns.ResumeTextPath, relative, problem);
        }
        return text;
    }

    private PhotoInfo? ReadPhoto(string file, Action<string, string, string> issue)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            issue(Columns.PhotoPath, Path.GetFileName(file), "file not found");
            return null;
        }
        if (info.Length > _options.Limits.MaxPhotoBytes)
        {
            issue(Columns.PhotoPath, Path.GetFileName(file), $"larger than {_options.Limits.MaxPhotoBytes / (1024 * 1024)} MB: refused");
            return null;
        }
        if (!_options.LoadFiles)
        {
            return null;
        }
        var bytes = File.ReadAllBytes(file);
        if (PhotoReader.DimensionProblem(bytes, _options.Limits.MaxPhotoPixels) is { } tooLarge)
        {
            issue(Columns.PhotoPath, Path.GetFileName(file), tooLarge);
            return null;
        }
        var photo = PhotoReader.Read(file, bytes, _options.Limits);
        if (photo.DHash is null)
        {
            issue(Columns.PhotoPath, Path.GetFileName(file), "not a decodable image");
        }
        return photo;
    }
}
