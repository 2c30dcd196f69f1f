using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unmask.TestKit.Specifications;

/// <summary>
/// The STIX 2.1 rules that the OASIS JSON schemas cannot express (their README lists some: modified not before created,
/// references that resolve, custom types) and that OpenCTI and MISP rely on when they import a bundle.
/// </summary>
internal static partial class StixRules
{
    // The four TLP 1.0 marking definitions are defined by the specification itself (section 7.2.1.4), so every tool
    // knows them and a bundle may refer to them without carrying them.
    private static readonly HashSet<string> PredefinedMarkings = new(StringComparer.Ordinal)
    {
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
    };

    /// <summary>pattern-type-ov (STIX 2.1 section 10.14). The vocabulary is open, but an importer has to know the
    /// language to do anything with the pattern: OpenCTI and MISP turn unknown ones into opaque text.</summary>
    private static readonly HashSet<string> PatternTypes = new(StringComparer.Ordinal) { "stix", "pcre", "sigma", "snort", "suricata", "yara" };

    /// <summary>indicator-type-ov (section 10.13).</summary>
    private static readonly HashSet<string> IndicatorTypes = new(StringComparer.Ordinal)
    {
        "anomalous-activity", "anonymization", "benign", "compromised", "malicious-activity", "attribution", "unknown",
    };

    private static readonly HashSet<string> NotRelationshipEnds = new(StringComparer.Ordinal)
    {
        "relationship", "sighting", "marking-definition", "language-content", "extension-definition", "bundle",
    };

    /// <summary>(earlier, later, the later may equal the earlier) pairs that the specification orders.</summary>
    private static readonly (string Earlier, string Later, bool MayBeEqual)[] OrderedTimestamps =
    [
        ("created", "modified", true),
        ("valid_from", "valid_until", false), // 4.7: valid_until MUST be greater than valid_from
        ("first_seen", "last_seen", true),
        ("first_observed", "last_observed", true),
    ];

    public static string? TypeOf(JsonElement obj) => StringOf(obj, "type");

    public static string? IdOf(JsonElement obj) => StringOf(obj, "id");

    public static string? StringOf(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A custom object declared through an extension says what it is (new-sdo, new-sco, new-sro); an
    /// older "x-" custom object is an SDO when it has the SDO's required created timestamp, else an SCO.</summary>
    public static StixObjectKind CustomKindOf(JsonElement obj)
    {
        foreach (var declared in DeclaredExtensionTypes(obj))
        {
            switch (declared.ExtensionType)
            {
                case "new-sco": return StixObjectKind.Sco;
                case "new-sro": return StixObjectKind.Sro;
                case "new-sdo": return StixObjectKind.Sdo;
            }
        }
        return obj.TryGetProperty("created", out _) ? StixObjectKind.Sdo : StixObjectKind.Sco;
    }

    public static void CheckBundleEnvelope(JsonElement bundle, List<SpecificationIssue> errors, List<SpecificationIssue> warnings)
    {
        var id = IdOf(bundle);
        switch (StringOf(bundle, "spec_version"))
        {
            case null:
                break;
            case "2.0":
                errors.Add(new("spec-version", null, id, "/spec_version",
                    "a STIX 2.0 bundle (spec_version \"2.0\"); STIX 2.1 bundles carry no spec_version, each object has \"2.1\""));
                break;
            default:
                warnings.Add(new("spec-version", null, id, "/spec_version", "a STIX 2.1 bundle has no spec_version property"));
                break;
        }
    }

    public static void CheckCustomType(JsonElement obj, string type, string at, StixBundleIndex bundle, List<SpecificationIssue> errors)
    {
        if (type.StartsWith("x-", StringComparison.Ordinal))
        {
            return;
        }
        foreach (var (definition, extensionType) in DeclaredExtensionTypes(obj))
        {
            if (extensionType is "new-sdo" or "new-sco" or "new-sro" && bundle.ExtensionTypesOf(definition)?.Contains(extensionType) == true)
            {
                return;
            }
        }
        errors.Add(new("unknown-type", null, IdOf(obj), at + "/type",
            $"'{type}' is not a STIX 2.1 type: a custom object type must start with \"x-\" or be declared by an "
            + "extension-definition in the bundle (extension_types new-sdo/new-sco/new-sro) that the object names in its extensions"));
    }

    public static void CheckObject(
        JsonElement obj,
        string type,
        StixObjectKind kind,
        string at,
        StixBundleIndex bundle,
        Func<string, StixObjectKind?> kindOfType,
        List<SpecificationIssue> errors,
        List<SpecificationIssue> ranges,
        List<SpecificationIssue> warnings)
    {
        var id = IdOf(obj);
        CheckId(id, type, at, errors);
        CheckSpecVersion(obj, id, kind, at, errors);
        CheckTimestamps(obj, id, at, errors);
        foreach (var (path, name, reference) in References(obj, at))
        {
            CheckReference(type, id, path, name, reference, bundle, kindOfType, errors, ranges);
        }
        if (type == "indicator")
        {
            CheckIndicator(obj, id, at, bundle, kindOfType, errors, warnings);
        }
    }

    private static void CheckId(string? id, string type, string at, List<SpecificationIssue> errors)
    {
        if (id is null)
        {
            return; // the schemas report a missing id
        }
        var separator = id.IndexOf("--", StringComparison.Ordinal);
        if (separator < 0 || id[..separator] != type)
        {
            errors.Add(new("id", null, id, at + "/id", $"the id must be '{type}--<UUID>' (the object's type, two dashes, a UUID)"));
            return;
        }
        var uuid = id[(separator + 2)..];
        if (!Rfc4122Uuid().IsMatch(uuid))
        {
            errors.Add(new("id", null, id, at + "/id", $"'{uuid}' is not an RFC 4122 UUID (8-4-4-4-12 hex digits, version 1-5, variant 10xx)"));
        }
    }

    private static void CheckSpecVersion(JsonElement obj, string? id, StixObjectKind kind, string at, List<SpecificationIssue> errors)
    {
        var version = StringOf(obj, "spec_version");
        if (version == "2.1" || (version is null && kind == StixObjectKind.Sco))
        {
            return;
        }
        errors.Add(new("spec-version", null, id, at + "/spec_version",
            version is null ? "spec_version \"2.1\" is required on SDOs, SROs and meta objects" : $"spec_version is \"{version}\", not \"2.1\""));
    }

    private static void CheckTimestamps(JsonElement obj, string? id, string at, List<SpecificationIssue> errors)
    {
        var parsed = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || !TimestampShape().IsMatch(property.Value.GetString()!))
            {
                continue;
            }
            if (ParseTimestamp(property.Value.GetString()!) is { } time)
            {
                parsed[property.Name] = time;
            }
            else
            {
                errors.Add(new("timestamp", null, id, $"{at}/{property.Name}", $"'{property.Value.GetString()}' is not a real UTC date and time"));
            }
        }
        foreach (var (earlier, later, mayBeEqual) in OrderedTimestamps)
        {
            if (parsed.TryGetValue(earlier, out var first) && parsed.TryGetValue(later, out var second) && (second < first || (!mayBeEqual && second == first)))
            {
                errors.Add(new("timestamp", null, id, $"{at}/{later}",
                    $"{later} {StringOf(obj, later)} is {(second < first ? "before" : "equal to")} {earlier} {StringOf(obj, earlier)}"));
            }
        }
    }

    /// <summary>RFC 3339 UTC with any number of fraction digits (STIX keeps up to milliseconds or more).</summary>
    public static DateTime? ParseTimestamp(string value)
    {
        var match = TimestampShape().Match(value);
        if (!match.Success)
        {
            return null;
        }
        int Part(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var (year, month, day, hour, minute, second) = (Part(1), Part(2), Part(3), Part(4), Part(5), Part(6));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return null;
        }
        var fraction = match.Groups[7].Success ? match.Groups[7].Value.PadRight(7, '0')[..7] : "0";
        // A leap second (":60") sorts as the last tick of its minute.
        return second == 60
            ? new DateTime(year, month, day, hour, minute, 59, DateTimeKind.Utc).AddTicks(TimeSpan.TicksPerSecond - 1)
            : new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture));
    }

    private static void CheckReference(
        string type,
        string? id,
        string path,
        string name,
        string reference,
        StixBundleIndex bundle,
        Func<string, StixObjectKind?> kindOfType,
        List<SpecificationIssue> errors,
        List<SpecificationIssue> ranges)
    {
        if (bundle.ResolvesReferences && !bundle.Contains(reference) && !PredefinedMarkings.Contains(reference))
        {
            errors.Add(new("dangling-reference", null, id, path, $"{name} points at {reference}, which is not in the bundle"));
        }
        var separator = reference.IndexOf("--", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return; // the schemas report a malformed identifier
        }
        var target = reference[..separator];
        var allowed = (type, name) switch
        {
            (_, "created_by_ref") => target == "identity" ? null : "an identity",
            (_, "object_marking_refs" or "marking_ref") => target == "marking-definition" ? null : "a marking-definition",
            ("relationship", "source_ref" or "target_ref") => NotRelationshipEnds.Contains(target) ? "an SDO or SCO" : null,
            ("sighting", "sighting_of_ref") => kindOfType(target) is StixObjectKind.Sro or StixObjectKind.Sco or StixObjectKind.Meta ? "an SDO" : null,
            ("sighting", "observed_data_refs") => target == "observed-data" ? null : "an observed-data",
            ("sighting", "where_sighted_refs") => target is "identity" or "location" ? null : "an identity or location",
            _ => null,
        };
        if (allowed is not null)
        {
            ranges.Add(new("range", null, id, path, $"{name} must point at {allowed}, not a {target} ({reference})"));
        }
    }

    private static void CheckIndicator(
        JsonElement obj,
        string? id,
        string at,
        StixBundleIndex bundle,
        Func<string, StixObjectKind?> kindOfType,
        List<SpecificationIssue> errors,
        List<SpecificationIssue> warnings)
    {
        var patternType = StringOf(obj, "pattern_type");
        if (patternType is not null && !PatternTypes.Contains(patternType))
        {
            errors.Add(new("vocabulary", null, id, at + "/pattern_type",
                $"pattern_type '{patternType}' is not in pattern-type-ov ({string.Join(", ", PatternTypes)}): importers cannot run the pattern"));
        }
        if (obj.TryGetProperty("indicator_types", out var types) && types.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var value in types.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String && !IndicatorTypes.Contains(value.GetString()!))
                {
                    warnings.Add(new("vocabulary", null, id, $"{at}/indicator_types/{index}", $"'{value.GetString()}' is not in indicator-type-ov"));
                }
                index++;
            }
        }
        if (patternType != "stix" || StringOf(obj, "pattern") is not { } pattern)
        {
            return;
        }
        var (problem, objectTypes) = StixPattern.Parse(pattern);
        if (problem is not null)
        {
            errors.Add(new("pattern", null, id, at + "/pattern", $"not a STIX pattern: {problem} in {pattern}"));
        }
        // The grammar takes any type name, but OpenCTI and MISP match only the standard SCO types; a custom one is
        // only understood by a reader of its extension definition, which the bundle should carry with such objects.
        foreach (var custom in objectTypes.Where(t => kindOfType(t) != StixObjectKind.Sco && !bundle.HasObjectOfType(t)))
        {
            warnings.Add(new("custom-observable", null, id, at + "/pattern",
                $"the pattern matches '{custom}', not a STIX 2.1 observable type, and the bundle has no {custom} object (nor its extension definition)"));
        }
    }

    /// <summary>Every *_ref and *_refs value anywhere in the object (granular markings, email bodies, extensions too),
    /// and the keys of the extensions dictionary that name an extension-definition.</summary>
    private static IEnumerable<(string Path, string Name, string Reference)> References(JsonElement element, string at)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in References(item, $"{at}/{index++}"))
                {
                    yield return found;
                }
            }
            yield break;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var property in element.EnumerateObject())
        {
            var path = $"{at}/{property.Name}";
            if (property.Name.EndsWith("_ref", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                yield return (path, property.Name, property.Value.GetString()!);
            }
            else if (property.Name.EndsWith("_refs", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        yield return ($"{path}/{index}", property.Name, item.GetString()!);
                    }
                    index++;
                }
            }
            else
            {
                if (property.Name == "extensions" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var extension in property.Value.EnumerateObject().Where(e => e.Name.StartsWith("extension-definition--", StringComparison.Ordinal)))
                    {
                        yield return ($"{path}/{extension.Name}", "extensions", extension.Name);
                    }
                }
                foreach (var found in References(property.Value, path))
                {
                    yield return found;
                }
            }
        }
    }

    private static IEnumerable<(string Definition, string? ExtensionType)> DeclaredExtensionTypes(JsonElement obj)
    {
        if (!obj.TryGetProperty("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var extension in extensions.EnumerateObject().Where(e => e.Name.StartsWith("extension-definition--", StringComparison.Ordinal)))
        {
            yield return (extension.Name, StringOf(extension.Value, "extension_type"));
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")]
    private static partial Regex Rfc4122Uuid();

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$")]
    private static partial Regex TimestampShape();
}
