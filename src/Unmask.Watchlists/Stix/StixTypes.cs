using System.Text.Json;

namespace Unmask.Watchlists.Stix;

/// <summary>The object types STIX 2.1 defines (§4-§7) and how a bundle declares its own (extension definitions).</summary>
public static class StixTypes
{
    private static readonly HashSet<string> DomainAndRelationshipTypes = new(StringComparer.Ordinal)
    {
        "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator", "infrastructure",
        "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor",
        "tool", "vulnerability", "relationship", "sighting", "marking-definition", "language-content", "extension-definition",
    };

    private static readonly HashSet<string> ObservableTypes = new(StringComparer.Ordinal)
    {
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr",
        "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate",
    };

    /// <summary>A cyber observable: a standard SCO type, or a type its own extension declares <c>new-sco</c>.</summary>
    public static bool IsObservable(string type, JsonElement stixObject) =>
        ObservableTypes.Contains(type) || DeclaredAs(stixObject, "new-sco");

    /// <summary>A STIX 2.1 type; a new type declared by an extension definition (<c>new-sdo</c>, <c>new-sco</c>,
    /// <c>new-sro</c>); or a custom <c>x-</c> type, which STIX 2.1 §11.1 still allows (deprecated) and feeds still write.</summary>
    public static bool IsKnown(string type, JsonElement stixObject) =>
        DomainAndRelationshipTypes.Contains(type) || ObservableTypes.Contains(type) || type.StartsWith("x-", StringComparison.Ordinal)
        || DeclaredAs(stixObject, "new-sdo") || DeclaredAs(stixObject, "new-sco") || DeclaredAs(stixObject, "new-sro");

    private static bool DeclaredAs(JsonElement stixObject, string extensionType)
    {
        if (!stixObject.TryGetProperty("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        foreach (var extension in extensions.EnumerateObject())
        {
            if (extension.Name.StartsWith("extension-definition--", StringComparison.Ordinal) && extension.Value.ValueKind == JsonValueKind.Object
                && extension.Value.TryGetProperty("extension_type", out var declared) && declared.ValueKind == JsonValueKind.String
                && declared.GetString() == extensionType)
            {
                return true;
            }
        }
        return false;
    }
}
