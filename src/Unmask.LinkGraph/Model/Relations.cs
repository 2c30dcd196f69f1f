namespace Unmask.LinkGraph.Model;

/// <summary>Edge relations (CONTRACT.md "Relations"), plus a few this library adds where FtM or the builder needs one.</summary>
public static class Relations
{
    public const string HasWebsite = "has_website";
    public const string HasBankAccount = "has_bank_account";
    public const string HasPhone = "has_phone";
    public const string HasEmail = "has_email";
    public const string HasAddress = "has_address";
    public const string ShipsTo = "ships_to";
    public const string HasDomain = "has_domain";
    public const string HasWallet = "has_wallet";
    public const string PaidTo = "paid_to";
    public const string SignedInFrom = "signed_in_from";
    public const string HasTracker = "has_tracker";
    public const string HasFavicon = "has_favicon";
    public const string Copies = "copies";
    public const string SameOperator = "same_operator";
    public const string Matches = "matches";
    public const string AliasOf = "alias_of";
    public const string EmployedAt = "employed_at";
    public const string ReferredBy = "referred_by";
    public const string ReusesText = "reuses_text";
    public const string ReusesPhoto = "reuses_photo";
    public const string OwnedBy = "owned_by";
    public const string DirectedBy = "directed_by";

    // Added by this library.
    /// <summary>An address node to its building node (the address without the unit).</summary>
    public const string InBuilding = "in_building";
    public const string HasIp = "has_ip";
    public const string HasIdNumber = "has_id_number";
    public const string HasUsername = "has_username";
    /// <summary>FtM Family.</summary>
    public const string FamilyOf = "family_of";
    /// <summary>FtM Associate.</summary>
    public const string AssociateOf = "associate_of";
    /// <summary>FtM Membership.</summary>
    public const string MemberOf = "member_of";
    /// <summary>FtM Representation.</summary>
    public const string Represents = "represents";
    /// <summary>FtM UnknownLink.</summary>
    public const string LinkedTo = "linked_to";

    /// <summary>Plain words for a hop in the forward (from → to) and backward direction, used by path explanations.</summary>
    public static (string Forward, string Backward) Phrases(string relation) => relation switch
    {
        HasWebsite => ("has the website", "is the website of"),
        HasBankAccount => ("is paid into", "receives pay for"),
        HasPhone => ("gave the phone", "is the phone of"),
        HasEmail => ("gave the e-mail address", "is the e-mail address of"),
        HasAddress => ("gave the address", "is the address of"),
        ShipsTo => ("ships equipment to", "receives equipment for"),
        HasDomain => ("uses the domain", "is the domain of"),
        HasWallet => ("uses the wallet", "is the wallet of"),
        PaidTo => ("pays", "is paid by"),
        SignedInFrom => ("signed in from", "was a sign-in address of"),
        HasTracker => ("carries the analytics tag", "is the analytics tag on"),
        HasFavicon => ("shows the favicon", "is the favicon of"),
        Copies => ("copies", "is copied by"),
        SameOperator => ("has the same operator as", "has the same operator as"),
        Matches => ("matches the list entry", "is matched by"),
        AliasOf => ("is an alias of", "has the alias"),
        EmployedAt => ("claims employment at", "is the claimed employer of"),
        ReferredBy => ("was referred by", "referred"),
        ReusesText => ("reuses the text", "is text reused by"),
        ReusesPhoto => ("reuses the photo", "is a photo reused by"),
        OwnedBy => ("is owned by", "owns"),
        DirectedBy => ("is directed by", "directs"),
        InBuilding => ("is in the building", "contains"),
        FamilyOf => ("is family of", "is family of"),
        AssociateOf => ("is an associate of", "is an associate of"),
        MemberOf => ("is a member of", "has the member"),
        Represents => ("represents", "is represented by"),
        _ => ($"is linked ({relation}) to", $"is linked ({relation}) from"),
    };
}
