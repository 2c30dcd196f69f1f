using Unmask.Domain;
using Unmask.Domain.Identifiers;

namespace Unmask.Vetting.Model;

/// <summary>The three kinds of vetted records (INDICATORS.md §5 <c>kind</c>); the lower-case name is the graph node prefix.</summary>
public enum RecordKind
{
    Applicant,
    Contractor,
    Vendor,
}

/// <summary>A phone number parsed at the edge: E.164 form, the region libphonenumber assigns, and its line type.</summary>
/// <param name="E164">e.g. <c>+13125550123</c>.</param>
/// <param name="Region">ISO alpha-2, lower-case (<c>us</c>), or null when the number belongs to no single region.</param>
/// <param name="IsVoip">libphonenumber says the number is in a VoIP range (never true for NANP: no VoIP metadata).</param>
public sealed record PhoneNumber(string E164, string? Region, bool IsVoip);

/// <summary>A bank account reduced to what vetting needs: a SHA-256 hash for comparison and the last 4 characters for evidence.
/// The full number is never kept (INDICATORS.md §2 rule 7).</summary>
public sealed record BankAccount(string Hash, string Last4)
{
    public string Display => $"#…{Last4}";
}

/// <summary>One entry of <c>payout_changes</c>: <c>date|account_id|holder_name|bank_country</c>.</summary>
public sealed record PayoutChange(DateOnly Date, BankAccount? Account, string? HolderName, string? BankCountry);

/// <summary>One entry of <c>employers</c>: <c>name|from|to</c>, from/to as YYYY or YYYY-MM (to empty = current).</summary>
public sealed record Employment(string Name, PartialDate? From, PartialDate? To);

/// <summary>One entry of <c>education</c>: <c>institution|degree|year</c>.</summary>
public sealed record Education(string Institution, string? Degree, int? Year);

/// <summary>One entry of <c>references</c>: <c>name|email|phone</c>.</summary>
public sealed record ReferenceContact(string Name, EmailAddress? Email, PhoneNumber? Phone);

/// <summary>What the edge learnt from <c>photo_path</c>: the 64-bit difference hash (null when the image could not be decoded)
/// and the text metadata (PNG tEXt/iTXt/zTXt keywords and values; "c2pa" when a C2PA manifest marks AI media).</summary>
public sealed record PhotoInfo(string Path, ulong? DHash, IReadOnlyList<KeyValuePair<string, string>> Metadata);

/// <summary>What the interviewer recorded about video (<c>interview_video</c>).</summary>
public enum InterviewVideo
{
    Yes,
    No,
    Refused,
}

/// <summary>A malformed input value: the record stays, the field is treated as absent, and the report shows it.</summary>
public sealed record InputIssue(string Field, string Value, string Reason);

/// <summary>
/// One applicant, contractor or vendor (INDICATORS.md §5), parsed at the edge into typed values.
/// Absent or malformed values are null/empty; malformed ones are listed in <see cref="Issues"/>.
/// </summary>
public sealed record VetRecord(string Id, RecordKind Kind, string Name)
{
    public EmailAddress? Email { get; init; }
    public PhoneNumber? Phone { get; init; }
    public string? PhoneLineType { get; init; }
    public string? Address { get; init; }
    public string? ShippingAddress { get; init; }

    /// <summary>Claimed country, FtM code (lower-case alpha-2).</summary>
    public string? Country { get; init; }

    public PartialDate? BirthDate { get; init; }
    public DateOnly? AppliedOn { get; init; }
    public DateOnly? LinkedinCreatedOn { get; init; }
    public DateOnly? GithubCreatedOn { get; init; }
    public string? ResumeText { get; init; }
    public PhotoInfo? Photo { get; init; }
    public string? BankAccountName { get; init; }
    public BankAccount? BankAccount { get; init; }
    public string? BankCountry { get; init; }
    public string? PayoutMethod { get; init; }
    public IReadOnlyList<PayoutChange> PayoutChanges { get; init; } = [];
    public IReadOnlyList<CryptoWalletAddress> CryptoWallets { get; init; } = [];
    public IReadOnlyList<Employment> Employers { get; init; } = [];
    public IReadOnlyList<Education> Education { get; init; } = [];
    public IReadOnlyList<ReferenceContact> References { get; init; } = [];
    public string? CompanyName { get; init; }
    public DomainName? CompanyDomain { get; init; }

    /// <summary>The host of the <c>website</c> column (a URL or a domain), when it parses as one.</summary>
    public DomainName? Website { get; init; }
    public DateOnly? CompanyRegisteredOn { get; init; }
    public string? CompanyAddress { get; init; }

    /// <summary>Absolute path of the saved site, already checked to lie inside the input file's folder.</summary>
    public string? SiteSnapshot { get; init; }

    public InterviewVideo? InterviewVideo { get; init; }
    public double? CameraOffRatio { get; init; }

    /// <summary>Number of meetings behind <see cref="CameraOffRatio"/> when given as <c>k/n</c>.</summary>
    public int? CameraMeetings { get; init; }

    public bool? DifferentPersonFlag { get; init; }
    public bool? InPersonDeclined { get; init; }
    public IReadOnlyList<InputIssue> Issues { get; init; } = [];

    /// <summary>Graph node id, e.g. <c>applicant:A-17</c> (CONTRACT.md).</summary>
    public string NodeId => $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}

/// <summary>One line of the sign-in log: <c>timestamp,user_id,ip,user_agent,remote_tool[,country]</c>.</summary>
/// <param name="Country">Lower-case alpha-2 from the log's <c>country</c> column, null when absent.</param>
public sealed record SignIn(DateTimeOffset Timestamp, string UserId, System.Net.IPAddress? Ip, string? UserAgent, string? RemoteTool, string? Country);
