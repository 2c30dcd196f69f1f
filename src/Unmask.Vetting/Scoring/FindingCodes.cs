namespace Unmask.Vetting.Scoring;

/// <summary>The finding codes of INDICATORS.md §4. A code is never renamed or reused for another meaning.</summary>
public static class FindingCodes
{
    public const string PhotoReused = "PHOTO_REUSED";
    public const string PhotoAiMetadata = "PHOTO_AI_METADATA";
    public const string ResumeTextReused = "RESUME_TEXT_REUSED";
    public const string IdentityInconsistent = "IDENTITY_INCONSISTENT";
    public const string AccountAgeMismatch = "ACCOUNT_AGE_MISMATCH";
    public const string EmployerKnownFront = "EMPLOYER_KNOWN_FRONT";
    public const string ReferenceIsCandidate = "REFERENCE_IS_CANDIDATE";
    public const string EmailNameMismatch = "EMAIL_NAME_MISMATCH";
    public const string PhoneVoip = "PHONE_VOIP";
    public const string PhoneShared = "PHONE_SHARED";
    public const string EmailShared = "EMAIL_SHARED";
    public const string EmailKnownPersona = "EMAIL_KNOWN_PERSONA";
    public const string ShippingAddressDiffers = "SHIPPING_ADDRESS_DIFFERS";
    public const string AddressShared = "ADDRESS_SHARED";
    public const string LaptopFarmAddress = "LAPTOP_FARM_ADDRESS";
    public const string RemoteAccessTool = "REMOTE_ACCESS_TOOL";
    public const string VpnAstrill = "VPN_ASTRILL";
    public const string SigninCountryMismatch = "SIGNIN_COUNTRY_MISMATCH";
    public const string SigninMultiCountry = "SIGNIN_MULTI_COUNTRY";
    public const string SigninSharedIp = "SIGNIN_SHARED_IP";
    public const string SigninCnRuIp = "SIGNIN_CN_RU_IP";
    public const string SigninDprkIp = "SIGNIN_DPRK_IP";
    public const string PayoutChanged = "PAYOUT_CHANGED";
    public const string PayoutNameMismatch = "PAYOUT_NAME_MISMATCH";
    public const string PayoutRerouted = "PAYOUT_REROUTED";
    public const string PayoutForeign = "PAYOUT_FOREIGN";
    public const string PayoutAccountShared = "PAYOUT_ACCOUNT_SHARED";
    public const string CryptoWalletListed = "CRYPTO_WALLET_LISTED";
    public const string CryptoPayoutRequested = "CRYPTO_PAYOUT_REQUESTED";
    public const string PayoutMsb = "PAYOUT_MSB";
    public const string DomainNew = "DOMAIN_NEW";
    public const string DomainLookalike = "DOMAIN_LOOKALIKE";
    public const string SiteCopied = "SITE_COPIED";
    public const string SiteSharedFingerprint = "SITE_SHARED_FINGERPRINT";
    public const string RegisteredAgentAddress = "REGISTERED_AGENT_ADDRESS";
    public const string VendorKnownFront = "VENDOR_KNOWN_FRONT";
    public const string SanctionsMatch = "SANCTIONS_MATCH";
    public const string VideoRefused = "VIDEO_REFUSED";
    public const string CameraOff = "CAMERA_OFF";
    public const string DifferentPerson = "DIFFERENT_PERSON";
    public const string InPersonDeclined = "IN_PERSON_DECLINED";
    public const string WorkHoursKst = "WORK_HOURS_KST";

    /// <summary>Prefix of the weight-0 info findings for malformed input values, e.g. <c>INPUT_INVALID_PHONE</c>.</summary>
    public const string InputInvalidPrefix = "INPUT_INVALID_";

    public static string InputInvalid(string field) => InputInvalidPrefix + field.ToUpperInvariant();
}
