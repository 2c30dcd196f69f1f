namespace Unmask.Vetting.Input;

/// <summary>Column names of INDICATORS.md §5.</summary>
public static class Columns
{
    public const string Id = "id", Kind = "kind", Name = "name", Email = "email", Phone = "phone", PhoneLineType = "phone_line_type",
        Address = "address", ShippingAddress = "shipping_address", Country = "country", BirthDate = "birth_date",
        AppliedOn = "applied_on", Linkedin = "linkedin", Github = "github", Website = "website",
        LinkedinCreatedOn = "linkedin_created_on", GithubCreatedOn = "github_created_on", ResumeText = "resume_text",
        ResumeTextPath = "resume_text_path", PhotoPath = "photo_path", BankAccountName = "bank_account_name",
        BankAccountId = "bank_account_id", BankCountry = "bank_country", PayoutMethod = "payout_method",
        PayoutChanges = "payout_changes", CryptoWallets = "crypto_wallets", Employers = "employers", Education = "education",
        References = "references", CompanyName = "company_name", CompanyDomain = "company_domain",
        CompanyRegisteredOn = "company_registered_on", CompanyAddress = "company_address", SiteSnapshot = "site_snapshot",
        InterviewVideo = "interview_video", CameraOffRatio = "camera_off_ratio", DifferentPersonFlag = "different_person_flag",
        InPersonDeclined = "in_person_declined";

    public static readonly IReadOnlyList<string> All =
    [
        Id, Kind, Name, Email, Phone, PhoneLineType, Address, ShippingAddress, Country, BirthDate, AppliedOn, Linkedin, Github, Website,
        LinkedinCreatedOn, GithubCreatedOn, ResumeText, ResumeTextPath, PhotoPath, BankAccountName, BankAccountId, BankCountry,
        PayoutMethod, PayoutChanges, CryptoWallets, Employers, Education, References, CompanyName, CompanyDomain, CompanyRegisteredOn,
        CompanyAddress, SiteSnapshot, InterviewVideo, CameraOffRatio, DifferentPersonFlag, InPersonDeclined,
    ];

    public static readonly IReadOnlyList<string> Required = [Id, Kind, Name];

    /// <summary>Sub-field order of the multi-valued columns (JSON objects are written back in this order).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> SubFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [PayoutChanges] = ["date", "account_id", "holder_name", "bank_country"],
        [Employers] = ["name", "from", "to"],
        [Education] = ["institution", "degree", "year"],
        [References] = ["name", "email", "phone"],
    };
}
