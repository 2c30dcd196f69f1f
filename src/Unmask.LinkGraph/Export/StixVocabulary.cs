using System.Text.Json;
using Unmask.Domain.Stix;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>How Unmask's graph maps onto STIX 2.1 words: observable types and patterns per identifier kind, relationship
/// types per relation, indicator types per role. Pure functions, shared by the writer and the graph reader.</summary>
public static class StixVocabulary
{
    /// <summary>STIX 2.1 §2.9: SCO ids are UUIDv5 in this namespace over their id-contributing properties, so two
    /// producers writing the same domain give it the same id.</summary>
    private static readonly Guid ObservableNamespace = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary>The observable type and the property holding the value, for an identifier kind (standard where STIX has
    /// one, Unmask's extension types otherwise).</summary>
    public static (string Type, string Property) Observable(NodeKind kind, string value) => kind switch
    {
        NodeKind.Domain => ("domain-name", "value"),
        NodeKind.Email => ("email-addr", "value"),
        NodeKind.Ip => (value.Contains(':', StringComparison.Ordinal) ? "ipv6-addr" : "ipv4-addr", "value"),
        NodeKind.Username => ("user-account", "account_login"),
        NodeKind.Wallet => (UnmaskStixExtension.WalletType, "value"),
        NodeKind.Phone => ("unmask-phone-number", "value"),
        NodeKind.Tracker => ("unmask-tracker-id", "value"),
        NodeKind.Favicon => ("unmask-favicon-hash", "value"),
        NodeKind.Bank => ("unmask-bank-account-hash", "value"),
        NodeKind.Resume => ("unmask-resume-hash", "value"),
        NodeKind.Photo => ("unmask-photo-hash", "value"),
        NodeKind.IdNumber => ("unmask-id-number", "value"),
        NodeKind.Address => ("unmask-address", "value"),
        NodeKind.Building => ("unmask-building", "value"),
        _ => ("unmask-identifier", "value"),
    };

    /// <summary>The observed value of an identifier node: the node value, without the currency of a wallet
    /// (<c>btc:1abc…</c> → <c>1abc…</c>) or the service of a user name (<c>github:jdoe</c> → <c>jdoe</c>).</summary>
    public static string ObservedValue(string nodeId)
    {
        var kind = NodeIds.KindOf(nodeId);
        var value = NodeIds.ValueOf(nodeId);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return kind switch
        {
            NodeKind.Wallet or NodeKind.Username when colon > 0 => value[(colon + 1)..],
            NodeKind.Other => nodeId,
            _ => value,
        };
    }

    /// <summary>The qualifier a wallet or user-name node carries before its value (currency, service), if any.</summary>
    public static string? Qualifier(string nodeId)
    {
        var kind = NodeIds.KindOf(nodeId);
        var value = NodeIds.ValueOf(nodeId);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return kind is NodeKind.Wallet or NodeKind.Username && colon > 0 ? value[..colon] : null;
    }

    /// <summary>A STIX pattern for an identifier node, e.g. <c>[domain-name:value = 'example.com']</c>.</summary>
    public static string Pattern(string nodeId)
    {
        var (type, property) = Observable(NodeIds.KindOf(nodeId), NodeIds.ValueOf(nodeId));
        var value = ObservedValue(nodeId);
        return $"[{type}:{property} = '{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>The deterministic SCO id of an observable: UUIDv5 over the canonical JSON (RFC 8785: keys sorted) of its
    /// id-contributing properties: the value, and for a user account its service (<c>account_type</c>), for a wallet its
    /// chain (<c>currency</c>), so one login on two services or one address on two chains are two observables.</summary>
    public static string ObservableId(string type, IEnumerable<KeyValuePair<string, string>> contributing) =>
        $"{type}--{Uuid5.Create(ObservableNamespace, "{" + string.Join(",", contributing.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + JsonSerializer.Serialize(p.Value))) + "}")}";

    /// <summary>The relationship type of a relation: OASIS's common <c>related-to</c> / <c>duplicate-of</c> where one says
    /// the same, else the relation with hyphens (<c>has_phone</c> → <c>has-phone</c>); the exact relation is kept in the
    /// extension.</summary>
    public static string RelationshipType(string relation) => relation switch
    {
        Relations.Copies or Relations.SameOperator or Relations.LinkedTo => "related-to",
        Relations.AliasOf => "duplicate-of",
        _ => new string([.. relation.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]),
    };

    /// <summary>Reads a single-comparison pattern back into an identifier node id (the inverse of <see cref="Pattern"/>,
    /// also for the standard types other producers write).</summary>
    public static string? NodeIdOf(string type, string value, string? qualifier = null) => type switch
    {
        "domain-name" or "url" => NodeIds.Domain(value),
        "email-addr" => NodeIds.Email(value),
        "ipv4-addr" or "ipv6-addr" => NodeIds.Ip(value),
        "user-account" => NodeIds.Username(qualifier, value),
        UnmaskStixExtension.WalletType or "x-crypto-wallet" => NodeIds.Wallet(value, qualifier),
        "unmask-identifier" => NodeIds.IsWellFormed(value) ? value : null,
        _ when type.StartsWith("unmask-", StringComparison.Ordinal) => KindOfType(type) is { } kind ? $"{kind.Prefix()}:{value}" : null,
        _ when type.StartsWith("x-unmask-", StringComparison.Ordinal) => $"{type["x-unmask-".Length..]}:{value}",
        _ => null,
    };

    private static NodeKind? KindOfType(string type)
    {
        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            if (kind.IsIdentifier() && Observable(kind, "").Type == type)
            {
                return kind;
            }
        }
        return null;
    }
}
