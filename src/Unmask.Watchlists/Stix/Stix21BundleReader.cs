using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Unmask.Domain;
using Unmask.Domain.Io;
using Unmask.Domain.Stix;
using Unmask.Watchlists.Io;
using Unmask.Watchlists.Ioc;
using static Unmask.Watchlists.Stix.StixJson;

namespace Unmask.Watchlists.Stix;

/// <summary>
/// STIX 2.1 JSON bundles, streamed one object at a time. Imported:
/// <list type="bullet">
/// <item><c>indicator</c> with a STIX pattern of equality comparisons joined by OR (see <see cref="StixPattern"/>) on
/// domain-name, ipv4-addr/ipv6-addr (address or CIDR), email-addr, url (its host), user-account and wallet objects:
/// one Domain / IpAddress / UserAccount / CryptoWallet entity per value, named after the indicator;</item>
/// <item>the same cyber observables as bundle objects (SCOs);</item>
/// <item><c>identity</c> (individual → Person, organization/group → Organization, else LegalEntity), except the
/// producer identities that objects name in <c>created_by_ref</c> (the bundle's author is not a target);</item>
/// <item><c>threat-actor</c> and <c>intrusion-set</c> → Organization with aliases;</item>
/// <item><c>relationship</c> → FtM UnknownLink (subject, object, role = relationship_type) when both ends were imported.</item>
/// </list>
/// Ids are <c>EntityIds.Make(dataset, stix id)</c>; an indicator with several values gives one entity per value
/// (<c>…indicator--id-&lt;value&gt;</c>). Identities and relationships are emitted after the objects (they are few).
/// A bundle Unmask wrote is read through its extension instead (<see cref="UnmaskStixObjects"/>): the list entities come
/// back whole, with their own ids and datasets. Objects that are not STIX 2.1 (<c>spec_version</c> missing or not 2.1), of
/// an unknown type, or with a pattern that is not STIX patterning are rejected one by one (<see cref="ReadContext.Reject"/>).
/// </summary>
public sealed partial class Stix21BundleReader : IListReader
{
    public ListFormat Format => ListFormat.Stix21Bundle;

    public bool Sniff(ReadOnlySpan<byte> head)
    {
        var text = Sniffing.Text(head).TrimStart();
        if (!text.StartsWith('{'))
        {
            return false;
        }
        // A bundle (its id, or "type": "bundle" when the id follows the objects, as Unmask writes it), or a bare STIX
        // object (type + spec_version); FtM lines carry "schema", not STIX ids.
        return text.Contains("\"bundle--", StringComparison.Ordinal) || BundleType().IsMatch(text)
               || (text.Contains("\"spec_version\"", StringComparison.Ordinal) && text.Contains("\"type\"", StringComparison.Ordinal)
                   && text.Contains("--", StringComparison.Ordinal) && !text.Contains("\"schema\"", StringComparison.Ordinal));
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var state = new BundleState();
        Dataset? dataset = null;
        using (var stream = new StixBundleStream(input.Open(), input.Limits.MaxRecordChars))
        {
            var objectNumber = 0;
            while (true)
            {
                JsonDocument? document;
                try
                {
                    document = await stream.NextAsync(cancellationToken);
                }
                catch (JsonException ex)
                {
                    throw new InputException(input.Name, ex.LineNumber + 1, $"not a valid STIX bundle: {ex.Message}", ex);
                }
                catch (InvalidOperationException ex) when (JsonErrors.IsUndecodableString(ex))
                {
                    throw new InputException(input.Name, null, $"a JSON string is not valid Unicode text: {ex.Message}", ex);
                }
                if (document is null)
                {
                    break;
                }
                objectNumber++;
                using (document)
                {
                    if (dataset is null)
                    {
                        dataset = await MakeDatasetAsync(input, context, stream.TopLevelId, cancellationToken);
                        context.Dataset = dataset;
                    }
                    foreach (var entity in ReadObject(state, document.RootElement, dataset.Name, input.Name, objectNumber, context))
                    {
                        yield return entity;
                    }
                }
            }
            if (!stream.HasObjectsArray)
            {
                if (stream.TopLevelType is null or "bundle")
                {
                    throw new InputException(input.Name, null, "not a STIX bundle: no \"objects\" array and no STIX object \"type\"");
                }
                // A file holding one bare STIX object instead of a bundle (e.g. OASIS interop-objectmarking-test.json).
                dataset = await MakeDatasetAsync(input, context, null, cancellationToken);
                context.Dataset = dataset;
                using var single = await ParseWholeAsync(input, cancellationToken);
                foreach (var entity in ReadObject(state, single.RootElement, dataset.Name, input.Name, 1, context))
                {
                    yield return entity;
                }
            }
        }
        dataset ??= await MakeDatasetAsync(input, context, null, cancellationToken);
        context.Dataset ??= dataset;
        foreach (var entity in FinishWhole(state, dataset.Name, input.Name))
        {
            yield return entity;
        }
        state.Warn(context, input.Name);
    }

    private static async Task<Dataset> MakeDatasetAsync(ListInput input, ReadContext context, string? bundleId, CancellationToken cancellationToken)
    {
        if (bundleId is null)
        {
            // The bundle id may follow the objects: read the top level once more, skipping the objects.
            using var scan = new StixBundleStream(input.Open(), input.Limits.MaxRecordChars, skipObjects: true);
            try
            {
                while (await scan.NextAsync(cancellationToken) is { } ignored)
                {
                    ignored.Dispose();
                }
                bundleId = scan.TopLevelType == "bundle" ? scan.TopLevelId : null;
            }
            catch (Exception ex) when (ex is JsonException || JsonErrors.IsUndecodableString(ex))
            {
                bundleId = null;
            }
        }
        var name = context.DatasetName(DefaultDatasetName(bundleId));
        return new Dataset(name, bundleId is null ? $"STIX 2.1 objects ({input.FileName})" : $"STIX 2.1 bundle {bundleId} ({input.FileName})",
            "unknown (STIX bundle producer)", null, DatasetKind.Indicators);
    }

    /// <summary><c>stix_</c> + the first 8 hex digits of the bundle's UUID (<c>bundle--44af6c39-…</c> → <c>stix_44af6c39</c>), else <c>stix</c>.</summary>
    public static string DefaultDatasetName(string? bundleId)
    {
        var dashes = bundleId?.IndexOf("--", StringComparison.Ordinal) ?? -1;
        if (bundleId is null || dashes < 0)
        {
            return "stix";
        }
        var uuid = bundleId[(dashes + 2)..];
        var shortForm = new string(uuid.TakeWhile(char.IsAsciiHexDigit).Take(8).ToArray()).ToLowerInvariant();
        return shortForm.Length == 0 ? "stix" : $"stix_{shortForm}";
    }

    /// <summary>The entities of one STIX object, read whole so that an undecodable string in it is reported as bad input.</summary>
    private static List<Entity> ReadObject(BundleState state, JsonElement stixObject, string dataset, string file, int objectNumber,
        ReadContext context)
    {
        try
        {
            return [.. state.Read(stixObject, dataset, file, objectNumber, context)];
        }
        catch (InvalidOperationException ex) when (JsonErrors.IsUndecodableString(ex))
        {
            throw new InputException(file, objectNumber, $"STIX object #{objectNumber}: a string is not valid Unicode text: {ex.Message}", ex);
        }
    }

    /// <summary>The entities held back until the whole bundle was read (indicators resolved against their relationships),
    /// read whole for the same reason as <see cref="ReadObject"/>.</summary>
    private static List<Entity> FinishWhole(BundleState state, string dataset, string file)
    {
        try
        {
            return [.. state.Finish(dataset)];
        }
        catch (InvalidOperationException ex) when (JsonErrors.IsUndecodableString(ex))
        {
            throw new InputException(file, null, $"a STIX object holds a string that is not valid Unicode text: {ex.Message}", ex);
        }
    }

    private static async Task<JsonDocument> ParseWholeAsync(ListInput input, CancellationToken cancellationToken)
    {
        // Only a file holding one bare object gets here; it is held whole, so it is held to the size of one object.
        await using var stream = new BudgetedStream(input.Open(), input.Limits.MaxRecordChars,
            max => new InputException(input.Name, null, $"a single STIX object larger than {max:N0} bytes is refused"));
        try
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new InputException(input.Name, ex.LineNumber + 1, $"not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>What the reader remembers across objects: which STIX ids became which entities, the identities and
    /// relationships to emit at the end, and counts for the warnings.</summary>
    private sealed class BundleState
    {
        private readonly Dictionary<string, List<string>> _entityIdsOfStixId = new(StringComparer.Ordinal);
        private readonly List<(string StixId, Entity Entity)> _identities = [];
        private readonly List<Relationship> _relationships = [];
        private readonly HashSet<string> _producers = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _unsupportedTypes = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _refusedPatterns = new(StringComparer.Ordinal);
        private int _unsupportedComparisons;
        private int _invalidValues;
        private int _producersSkipped;
        private int _relationshipsSkipped;
        private bool _unmaskBundle;
        private readonly UnmaskStixObjects _unmaskObjects = new();

        public IEnumerable<Entity> Read(JsonElement stixObject, string dataset, string file, int objectNumber, ReadContext context)
        {
            if (stixObject.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(file, objectNumber, "a STIX object must be a JSON object");
            }
            var type = Text(stixObject, "type");
            var stixId = Text(stixObject, "id");
            if (type is null || stixId is null)
            {
                throw new InputException(file, objectNumber, $"STIX object #{objectNumber} has no \"type\" or \"id\"");
            }
            var where = $"STIX object #{objectNumber} ({stixId})";
            if (!StixTypes.IsObservable(type, stixObject) || stixObject.TryGetProperty("spec_version", out _))
            {
                var version = Text(stixObject, "spec_version");
                if (version != "2.1")
                {
                    context.Reject(file, objectNumber, version is null
                        ? $"{where}: no spec_version (a STIX 2.0 bundle, or not STIX 2.1); skipped"
                        : $"{where}: spec_version '{version}' is not 2.1; skipped");
                    return [];
                }
            }
            if (!StixTypes.IsKnown(type, stixObject))
            {
                context.Reject(file, objectNumber, $"{where}: unknown object type '{type}' (not a STIX 2.1 type, and no extension "
                    + "definition declares it); skipped");
                return [];
            }
            if (Text(stixObject, "created_by_ref") is { } producer)
            {
                _producers.Add(producer);
            }
            if (type == "extension-definition" && stixId == UnmaskStixExtension.Id)
            {
                _unmaskBundle = true;
            }
            if (UnmaskExtension(stixObject) is { } unmask)
            {
                return _unmaskObjects.Read(unmask, stixObject, dataset, file, objectNumber, context);
            }
            if (_unmaskBundle && (StixTypes.IsObservable(type, stixObject) || type == "relationship"))
            {
                // An Unmask bundle's observables and relationships restate the entities' own properties and links.
                return [];
            }
            switch (type)
            {
                case "indicator":
                    return ReadIndicator(stixObject, stixId, dataset, file, objectNumber, context);
                case "domain-name" or "ipv4-addr" or "ipv6-addr" or "email-addr" or "url" or "user-account":
                    return Observable(stixObject, type, stixId, dataset);
                case var wallet when StixPattern.IsWalletType(wallet):
                    return Observable(stixObject, type, stixId, dataset);
                case "identity":
                    _identities.Add((stixId, Identity(stixObject, stixId, dataset)));
                    return [];
                case "threat-actor" or "intrusion-set":
                    return Remember(stixId, [Actor(stixObject, type, stixId, dataset)]);
                case "relationship":
                    _relationships.Add(new Relationship(stixId, Text(stixObject, "source_ref"), Text(stixObject, "target_ref"),
                        Text(stixObject, "relationship_type"), stixObject.Clone()));
                    return [];
                default:
                    _unsupportedTypes[type] = _unsupportedTypes.GetValueOrDefault(type) + 1;
                    return [];
            }
        }

        /// <summary>Identities that are not the bundle's producer, then the relationships whose both ends were imported.</summary>
        public IEnumerable<Entity> Finish(string dataset)
        {
            foreach (var (stixId, entity) in _identities)
            {
                if (_producers.Contains(stixId))
                {
                    _producersSkipped++;
                    continue;
                }
                _entityIdsOfStixId[stixId] = [entity.Id];
                yield return entity;
            }
            foreach (var relationship in _relationships)
            {
                if (relationship.Source is null || relationship.Target is null
                    || !_entityIdsOfStixId.TryGetValue(relationship.Source, out var subjects)
                    || !_entityIdsOfStixId.TryGetValue(relationship.Target, out var objects))
                {
                    _relationshipsSkipped++;
                    continue;
                }
                var pairs = subjects.SelectMany(s => objects.Select(o => (Subject: s, Object: o))).ToList();
                foreach (var (subject, @object) in pairs)
                {
                    var id = pairs.Count == 1
                        ? EntityIds.Make(dataset, relationship.Id)
                        : EntityIds.Make(dataset, $"{relationship.Id}-{subject}-{@object}");
                    var link = new Entity(id, Schemas.Get("UnknownLink"), dataset)
                        .Add("subject", subject).Add("object", @object).Add("role", relationship.Type);
                    Common(link, relationship.Json);
                    yield return link;
                }
            }
        }

        public void Warn(ReadContext context, string file)
        {
            if (_unsupportedTypes.Count > 0)
            {
                context.Warn($"{file}: skipped {_unsupportedTypes.Values.Sum()} STIX objects of types Unmask does not import: "
                    + string.Join(", ", _unsupportedTypes.Select(t => $"{t.Key} ({t.Value})")));
            }
            if (_refusedPatterns.Count > 0 || _unsupportedComparisons > 0 || _invalidValues > 0)
            {
                context.Warn($"{file}: indicator patterns: skipped {_refusedPatterns.Values.Sum()} whole patterns ("
                    + string.Join(", ", _refusedPatterns.Select(t => $"{t.Key}: {t.Value}")) + $"), {_unsupportedComparisons} comparisons on "
                    + $"unsupported objects or operators and {_invalidValues} values that are not valid domains, addresses or e-mails");
            }
            if (_producersSkipped > 0 || _relationshipsSkipped > 0)
            {
                context.Warn($"{file}: skipped {_producersSkipped} producer identities (created_by_ref) and {_relationshipsSkipped} "
                    + "relationships with an end that was not imported");
            }
        }

        private List<Entity> ReadIndicator(JsonElement stixObject, string stixId, string dataset, string file, int objectNumber, ReadContext context)
        {
            var patternType = Text(stixObject, "pattern_type") ?? "stix";
            var pattern = Text(stixObject, "pattern");
            if (patternType != "stix" || pattern is null)
            {
                Refuse(pattern is null ? "no pattern" : $"pattern_type {patternType}");
                return [];
            }
            var parsed = StixPattern.Parse(pattern);
            if (parsed.Malformed)
            {
                context.Reject(file, objectNumber, $"STIX object #{objectNumber} ({stixId}): pattern is not valid STIX patterning "
                    + $"({parsed.Refusal}); skipped");
                return [];
            }
            if (parsed.Refusal is not null)
            {
                Refuse(parsed.Refusal);
                return [];
            }
            _unsupportedComparisons += parsed.UnsupportedComparisons;
            var indicators = new List<Ioc.Indicator>();
            foreach (var value in parsed.Values)
            {
                if (ParseValue(StixPattern.KindOf(value.ObjectType, value.Property)!.Value, value.Value, value.ObjectType) is { } indicator)
                {
                    if (indicators.All(i => i.Key != indicator.Key))
                    {
                        indicators.Add(indicator);
                    }
                }
                else
                {
                    _invalidValues++;
                }
            }
            var entities = new List<Entity>(indicators.Count);
            foreach (var indicator in indicators)
            {
                var id = indicators.Count == 1 ? EntityIds.Make(dataset, stixId) : EntityIds.Make(dataset, $"{stixId}-{indicator.IdStem}");
                var entity = indicator.ToEntity(id, dataset).Add("name", Text(stixObject, "name"));
                Common(entity, stixObject);
                entity.AddRange("keywords", Strings(stixObject, "indicator_types"));
                entities.Add(entity);
            }
            return Remember(stixId, entities);
        }

        private List<Entity> Observable(JsonElement stixObject, string type, string stixId, string dataset)
        {
            var property = type == "user-account" ? (Text(stixObject, "account_login") is null ? "user_id" : "account_login")
                : Text(stixObject, "value") is null && StixPattern.IsWalletType(type) ? "address" : "value";
            var value = Text(stixObject, property);
            var kind = StixPattern.KindOf(type, property);
            if (value is null || kind is null || ParseValue(kind.Value, value, type, Text(stixObject, "account_type")) is not { } indicator)
            {
                _invalidValues++;
                return [];
            }
            var entity = indicator.ToEntity(EntityIds.Make(dataset, stixId), dataset).Add("name", Text(stixObject, "display_name"));
            if (StixPattern.IsWalletType(type))
            {
                entity.Add("currencySymbol", Text(stixObject, "currency") ?? Text(stixObject, "x_currency"));
            }
            Common(entity, stixObject);
            return Remember(stixId, [entity]);
        }

        private static Entity Identity(JsonElement stixObject, string stixId, string dataset)
        {
            var schema = Text(stixObject, "identity_class") switch
            {
                "individual" => Schemas.Person,
                "organization" or "group" => Schemas.Organization,
                _ => Schemas.LegalEntity,
            };
            var entity = new Entity(EntityIds.Make(dataset, stixId), schema, dataset).Add("name", Text(stixObject, "name"))
                .AddRange("sector", Strings(stixObject, "sectors"));
            if (schema == Schemas.Person)
            {
                entity.AddRange("position", Strings(stixObject, "roles"));
            }
            if (Text(stixObject, "contact_information") is { } contact)
            {
                entity.Add("notes", $"contact: {contact}");
            }
            Common(entity, stixObject);
            return entity;
        }

        private static Entity Actor(JsonElement stixObject, string type, string stixId, string dataset)
        {
            var entity = new Entity(EntityIds.Make(dataset, stixId), Schemas.Organization, dataset)
                .Add("name", Text(stixObject, "name"))
                .AddRange("alias", Strings(stixObject, "aliases"))
                .AddRange("keywords", Strings(stixObject, "threat_actor_types"))
                .Add("keywords", type);
            Common(entity, stixObject);
            entity.AddRange("notes", Strings(stixObject, "goals").Select(g => $"goal: {g}"));
            return entity;
        }

        /// <summary>Properties every imported object shares: description → notes, external reference URLs → sourceUrl,
        /// labels → keywords, created/modified → createdAt/modifiedAt (ISO dates).</summary>
        private static void Common(Entity entity, JsonElement stixObject)
        {
            entity.Add("notes", Text(stixObject, "description"));
            if (stixObject.TryGetProperty("external_references", out var references) && references.ValueKind == JsonValueKind.Array)
            {
                foreach (var reference in references.EnumerateArray())
                {
                    if (reference.ValueKind == JsonValueKind.Object)
                    {
                        entity.Add("sourceUrl", Text(reference, "url"));
                    }
                }
            }
            entity.AddRange("keywords", Strings(stixObject, "labels"));
            entity.Add("createdAt", IsoDate(Text(stixObject, "created")));
            entity.Add("modifiedAt", IsoDate(Text(stixObject, "modified")));
        }

        private static Ioc.Indicator? ParseValue(IndicatorKind kind, string value, string objectType, string? service = null)
        {
            Ioc.Indicator? indicator;
            var ok = kind switch
            {
                IndicatorKind.Domain => Ioc.Indicator.TryParseDomain(value, out indicator),
                IndicatorKind.Url => Ioc.Indicator.TryParseUrl(value, out indicator) || Ioc.Indicator.TryParseDomain(value, out indicator),
                IndicatorKind.IpAddress or IndicatorKind.IpRange => Ioc.Indicator.TryParseIp(value, out indicator)
                    && (objectType != "ipv4-addr" || !value.Contains(':', StringComparison.Ordinal)),
                IndicatorKind.Email => Ioc.Indicator.TryParseEmail(value, out indicator),
                IndicatorKind.Wallet => Ioc.Indicator.TryParseWallet(value, null, out indicator),
                IndicatorKind.Username => Ioc.Indicator.TryParseUsername(value, service, out indicator),
                _ => Ioc.Indicator.TryParsePhone(value, out indicator),
            };
            return ok ? indicator : null;
        }

        private List<Entity> Remember(string stixId, List<Entity> entities)
        {
            if (entities.Count > 0)
            {
                _entityIdsOfStixId[stixId] = entities.Select(e => e.Id).ToList();
            }
            return entities;
        }

        private void Refuse(string reason) => _refusedPatterns[reason] = _refusedPatterns.GetValueOrDefault(reason) + 1;

        private static string? IsoDate(string? timestamp) =>
            timestamp is { Length: >= 10 } && DateOnly.TryParseExact(timestamp[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null;

        private static JsonElement? UnmaskExtension(JsonElement stixObject) =>
            stixObject.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty(UnmaskStixExtension.Id, out var extension) && extension.ValueKind == JsonValueKind.Object
            && Text(extension, "extension_type") == "property-extension"
                ? extension : null;

        private sealed record Relationship(string Id, string? Source, string? Target, string? Type, JsonElement Json);
    }

    [GeneratedRegex("""^\{\s*"type"\s*:\s*"bundle"\s*,""")]
    private static partial Regex BundleType();
}
