using System.Globalization;
using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;
using Unmask.Vetting.Reference;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Indicators.Claims;

namespace Unmask.Vetting.Indicators;

/// <summary>Identity indicators of INDICATORS.md §4.1 that look at one record.</summary>
public static class IdentityIndicators
{
    /// <summary>IDENTITY_INCONSISTENT: claimed country, address country and phone country disagree, or the birth date makes the
    /// person younger than 16 at their first job/degree or 18 when applying. [ADV-2022] (inconsistent name, nationality,
    /// location, contact, education), [SEAL]. Nationality is never an input.</summary>
    public static Finding? IdentityInconsistent(VetRecord record, DateOnly referenceDate)
    {
        var reasons = new List<string>();
        var countries = new List<(string What, string Code)>();
        if (record.Country is not null)
        {
            countries.Add(("claims", record.Country));
        }
        if (AddressKey.CountryOf(record.Address) is { } addressCountry)
        {
            countries.Add(("address in", addressCountry));
        }
        if (record.Phone?.Region is { } phoneCountry)
        {
            countries.Add(("phone", phoneCountry));
        }
        if (countries.Select(c => c.Code).Distinct().Count() > 1)
        {
            reasons.Add(string.Join(", ", countries.Select(c => $"{c.What} {c.Code.ToUpperInvariant()}")));
        }
        if (record.BirthDate is { } birth)
        {
            var applied = record.AppliedOn ?? referenceDate;
            var ageAtApplying = applied.Year - birth.Year - (birth.Month is { } m && (applied.Month < m || (applied.Month == m && birth.Day is { } d && applied.Day < d)) ? 1 : 0);
            if (ageAtApplying < 18)
            {
                reasons.Add($"born {birth}, aged {ageAtApplying} when applying");
            }
            var firstYear = record.Employers.Select(e => e.From?.Year).Concat(record.Education.Select(e => e.Year)).Where(y => y is not null).Min();
            if (firstYear is { } first && first - birth.Year < 16)
            {
                reasons.Add($"born {birth.Year}, first job or degree in {first} (aged about {first - birth.Year})");
            }
        }
        return reasons.Count == 0 ? null : new Finding(FindingCodes.IdentityInconsistent, Severity.Medium,
            string.Join("; ", reasons), "ADV-2022",
            Data(("countries", string.Join(",", countries.Select(c => c.Code))), ("reasons", string.Join(" | ", reasons))));
    }

    /// <summary>ACCOUNT_AGE_MISMATCH: GitHub or LinkedIn created less than 180 days before applying while the employers claim at
    /// least 5 years of experience. [SEAL] (aged GitHub accounts), [U42-2023].</summary>
    public static Finding? AccountAgeMismatch(VetRecord record)
    {
        if (record.AppliedOn is not { } applied)
        {
            return null;
        }
        var years = ExperienceYears(record.Employers, applied);
        if (years < 5)
        {
            return null;
        }
        var accounts = new List<(string Name, DateOnly Created)>();
        if (record.GithubCreatedOn is { } gh)
        {
            accounts.Add(("GitHub", gh));
        }
        if (record.LinkedinCreatedOn is { } li)
        {
            accounts.Add(("LinkedIn", li));
        }
        var young = accounts.Select(a => (a.Name, Days: applied.DayNumber - a.Created.DayNumber)).Where(a => a.Days < 180).ToList();
        if (young.Count == 0)
        {
            return null;
        }
        var text = string.Join("; ", young.Select(a => $"{a.Name} created {a.Days} d before applying"));
        return new Finding(FindingCodes.AccountAgeMismatch, Severity.Low, $"{text}; résumé claims {years:0} years", "SEAL",
            Data(("experience_years", years.ToString("0.#", CultureInfo.InvariantCulture)), ("accounts", text)));
    }

    /// <summary>Years from the earliest employer start to the latest end (open end = applied date).</summary>
    public static double ExperienceYears(IReadOnlyList<Employment> employers, DateOnly applied)
    {
        var starts = employers.Where(e => e.From is not null).Select(e => ToDate(e.From!.Value, start: true)).ToList();
        if (starts.Count == 0)
        {
            return 0;
        }
        var ends = employers.Select(e => e.To is { } to ? ToDate(to, start: false) : applied).ToList();
        var span = ends.Max().DayNumber - starts.Min().DayNumber;
        return span / 365.25;
    }

    private static DateOnly ToDate(Unmask.Domain.PartialDate date, bool start) =>
        new(date.Year, date.Month ?? (start ? 1 : 12), date.Day ?? (start ? 1 : 28));

    /// <summary>EMPLOYER_KNOWN_FRONT: an employer fuzzy-matches (token-set ≥ 0.9 after removing legal forms) a known DPRK
    /// front company or designated entity. [OFAC-2018], [DOJ-2023-10], [S1-2024], [DOJ-2024-12].</summary>
    public static Finding? EmployerKnownFront(VetRecord record, VettingReferenceData reference, double threshold)
    {
        foreach (var employer in record.Employers)
        {
            if (reference.FrontCompany(employer.Name, threshold) is { } match)
            {
                return new Finding(FindingCodes.EmployerKnownFront, Severity.High,
                    $"employer '{employer.Name}' = known front '{match.Company.Name}' ({match.Company.Source.Describe()}), similarity {match.Score:0.00}",
                    SourceKey(match.Company.Source, "S1-2024"),
                    Data(("employer", employer.Name), ("matched", match.Company.Name), ("list", match.Company.Source.Dataset),
                        ("score", match.Score.ToString("0.00", CultureInfo.InvariantCulture))),
                    match.Company.Source.EntityId is { } id ? [new VetLink($"entity:{id}", $"name:{TextFold.Fold(employer.Name)}")] : null);
            }
        }
        return null;
    }

    /// <summary>EMAIL_NAME_MISMATCH: the e-mail local part spells a given-name + surname pair (name dictionary) that shares no
    /// token with the record's name. [SEAL] ("identity confusion"). Only compared within Latin script; info weight.</summary>
    public static Finding? EmailNameMismatch(VetRecord record)
    {
        if (record.Email is null)
        {
            return null;
        }
        var nameFolded = TextFold.Fold(record.Name);
        if (!TextFold.IsAsciiLatin(nameFolded))
        {
            return null;
        }
        var nameTokens = nameFolded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var joinedName = nameFolded.Replace(" ", "", StringComparison.Ordinal);
        var local = record.Email.LocalPart;
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }
        var parts = local.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new string(p.Where(char.IsAsciiLetter).ToArray())).Where(p => p.Length > 0).ToList();
        if (parts.Any(p => nameTokens.Contains(p) || (p.Length >= 4 && joinedName.Contains(p, StringComparison.Ordinal))))
        {
            return null;
        }
        var pair = FindNamePair(parts);
        if (pair is null || nameTokens.Contains(pair.Value.Given) || nameTokens.Contains(pair.Value.Surname))
        {
            return null;
        }
        return new Finding(FindingCodes.EmailNameMismatch, Severity.Info,
            $"e-mail names '{pair.Value.Given} {pair.Value.Surname}', record is '{record.Name}'", "SEAL",
            Data(("email_name", $"{pair.Value.Given} {pair.Value.Surname}")));
    }

    private static (string Given, string Surname)? FindNamePair(List<string> parts)
    {
        if (parts.Count >= 2)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                for (var j = 0; j < parts.Count; j++)
                {
                    if (i != j && NameDictionary.GivenNames.Contains(parts[i]) && NameDictionary.Surnames.Contains(parts[j]))
                    {
                        return (parts[i], parts[j]);
                    }
                }
            }
            return null;
        }
        if (parts.Count == 1)
        {
            // "markjensen" / "jensenmark": split one run of letters into a dictionary given name and surname.
            var word = parts[0];
            for (var cut = 2; cut <= word.Length - 2; cut++)
            {
                var (left, right) = (word[..cut], word[cut..]);
                if (NameDictionary.GivenNames.Contains(left) && NameDictionary.Surnames.Contains(right) && left.Length + right.Length >= 7)
                {
                    return (left, right);
                }
                if (NameDictionary.Surnames.Contains(left) && NameDictionary.GivenNames.Contains(right) && left.Length + right.Length >= 7)
                {
                    return (right, left);
                }
            }
        }
        return null;
    }

    /// <summary>PHOTO_AI_METADATA: image metadata names an image generator (PNG tEXt/iTXt <c>parameters</c>, <c>prompt</c>,
    /// <c>Software</c>; C2PA <c>trainedAlgorithmicMedia</c>). [MSFT-2025], [KB4-2024], [SEAL]. Absence proves nothing.</summary>
    public static Finding? PhotoAiMetadata(VetRecord record)
    {
        if (record.Photo is null)
        {
            return null;
        }
        var hits = record.Photo.Metadata.Where(m => IsGeneratorMetadata(m.Key, m.Value)).ToList();
        if (hits.Count == 0)
        {
            return null;
        }
        var text = string.Join("; ", hits.Select(h => $"{h.Key}={Shorten(h.Value, 60)}"));
        return new Finding(FindingCodes.PhotoAiMetadata, Severity.Low, $"photo metadata: {text}", "MSFT-2025",
            Data(("metadata", text)));
    }

    private static readonly string[] Generators =
    [
        "stable diffusion", "stablediffusion", "midjourney", "dall-e", "dall·e", "dalle", "novelai", "comfyui", "automatic1111",
        "invokeai", "firefly", "leonardo.ai", "dreamstudio", "flux", "sdxl", "thispersondoesnotexist", "generated.photos",
        "trainedalgorithmicmedia",
    ];

    public static bool IsGeneratorMetadata(string key, string value)
    {
        var k = key.ToLowerInvariant();
        // AUTOMATIC1111 writes the generation settings to a "parameters" tEXt chunk; ComfyUI writes "prompt" and "workflow".
        if (k is "parameters" or "prompt" or "workflow" or "sd-metadata" or "dream")
        {
            return true;
        }
        var v = value.ToLowerInvariant();
        return Generators.Any(g => v.Contains(g, StringComparison.Ordinal));
    }

    internal static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    internal static string SourceKey(ListSource source, string fallback) =>
        source.EntityId is null ? source.Dataset : fallback;
}
