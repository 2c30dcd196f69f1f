namespace Unmask.LinkGraph.Model;

/// <summary>What a node stands for. The node id prefix is the lower-case name (<c>phone:+1…</c>, <c>idnumber:…</c>).</summary>
public enum NodeKind : byte
{
    /// <summary>A list entity (sanctions or IOC list record): <c>entity:us_ofac_sdn-24977</c>.</summary>
    Entity,
    Applicant,
    Contractor,
    Vendor,
    /// <summary>An indexed or analysed website: <c>site:inditechlab.com</c>.</summary>
    Site,
    Phone,
    Email,
    /// <summary>An address with its unit (flat, suite) kept.</summary>
    Address,
    /// <summary>The same address without its unit: a weaker node that never joins people by itself.</summary>
    Building,
    Domain,
    Wallet,
    Bank,
    Tracker,
    Favicon,
    Ip,
    Resume,
    Photo,
    IdNumber,
    Username,
    /// <summary>An identifier of a kind this version does not know; treated like any identifier.</summary>
    Other,
}

public static class NodeKinds
{
    /// <summary>The prefix used in node ids, e.g. <c>phone</c>.</summary>
    public static string Prefix(this NodeKind kind) => kind switch
    {
        NodeKind.IdNumber => "idnumber",
        NodeKind.Other => "other",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static NodeKind FromPrefix(ReadOnlySpan<char> prefix) => prefix switch
    {
        "entity" => NodeKind.Entity,
        "applicant" => NodeKind.Applicant,
        "contractor" => NodeKind.Contractor,
        "vendor" => NodeKind.Vendor,
        "site" => NodeKind.Site,
        "phone" => NodeKind.Phone,
        "email" => NodeKind.Email,
        "address" => NodeKind.Address,
        "building" => NodeKind.Building,
        "domain" => NodeKind.Domain,
        "wallet" => NodeKind.Wallet,
        "bank" => NodeKind.Bank,
        "tracker" => NodeKind.Tracker,
        "favicon" => NodeKind.Favicon,
        "ip" => NodeKind.Ip,
        "resume" => NodeKind.Resume,
        "photo" => NodeKind.Photo,
        "idnumber" => NodeKind.IdNumber,
        "username" => NodeKind.Username,
        _ => NodeKind.Other,
    };

    /// <summary>Applicants, contractors and vendors: the records a company vets.</summary>
    public static bool IsRecord(this NodeKind kind) => kind is NodeKind.Applicant or NodeKind.Contractor or NodeKind.Vendor;

    /// <summary>Identifiers are the values entities share; everything else (records, list entities, sites) is a holder.</summary>
    public static bool IsIdentifier(this NodeKind kind) => kind is not (NodeKind.Entity or NodeKind.Site) && !kind.IsRecord();

    /// <summary>Words used in explanations: "phone", "e-mail address", "analytics tag".</summary>
    public static string Label(this NodeKind kind) => kind switch
    {
        NodeKind.Email => "e-mail address",
        NodeKind.Bank => "bank account",
        NodeKind.Tracker => "analytics tag",
        NodeKind.Favicon => "favicon",
        NodeKind.Ip => "IP address",
        NodeKind.Resume => "résumé passage",
        NodeKind.Photo => "photo",
        NodeKind.IdNumber => "id number",
        NodeKind.Wallet => "wallet",
        NodeKind.Entity => "list entry",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
