using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.FollowTheMoney;

/// <summary>
/// FollowTheMoney JSON lines (OpenSanctions' <c>entities.ftm.json</c>, Unmask's own FtM export): one entity object per
/// line with <c>id</c>, <c>schema</c>, <c>properties</c> (every value a list of strings; references are entity ids),
/// <c>caption</c>, <c>datasets</c>, <c>referents</c>, <c>first_seen</c>, <c>last_seen</c>, <c>last_change</c>, <c>target</c>.
/// <list type="bullet">
/// <item>FtM ids are kept as they are: relationship entities (Ownership, Sanction...) point at them.</item>
/// <item><c>target</c> is kept (<see cref="FtmJson.IsTarget"/>): an applicant or a firm exported with <c>target: false</c>
/// joins the graph but is never screened. Sanction, Identification, Address and the interval schemata are context entities
/// (never targets); what they say about their holder is folded into it (<see cref="FtmFileIndex"/>): programmes, id and
/// passport numbers, address texts.</item>
/// <item>Each FtM dataset is a dataset of its own (<see cref="ReadContext.Datasets"/>): an entity is stored in the first
/// dataset it names and lists the others; entities that name none go to <c>ftm_&lt;file name&gt;</c>; <c>--source</c>
/// puts everything in one.</item>
/// <item>Schemas FtM has and Unmask does not model are mapped by <see cref="FtmSchemaMapping"/> or skipped, properties FtM
/// has and Unmask does not are skipped: both counted in one warning each. What FtM itself does not allow (a schema or
/// property it does not define, a value not of its property's type, a reference to an entity the file does not hold) is
/// left out and reported per line (<see cref="ReadContext.Reject"/>), which in strict mode fails the whole file.</item>
/// </list>
/// </summary>
public sealed class FollowTheMoneyJsonReader : IListReader
{
    private static readonly byte[] SchemaKey = "\"schema\""u8.ToArray();
    private static readonly byte[] PropertiesKey = "\"properties\""u8.ToArray();

    public ListFormat Format => ListFormat.FollowTheMoneyJson;

    public bool Sniff(ReadOnlySpan<byte> head)
    {
        var text = Sniffing.Text(head).TrimStart();
        if (!text.StartsWith('{'))
        {
            return false;
        }
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? text : text[..end];
        // One object per line: the first line holds a whole entity with "schema" and "properties" at its top level.
        var bytes = Encoding.UTF8.GetBytes(first);
        if (bytes.AsSpan().IndexOf(SchemaKey) < 0 || bytes.AsSpan().IndexOf(PropertiesKey) < 0)
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String
                && root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        }
        catch (Exception ex) when (ex is JsonException || JsonErrors.IsUndecodableString(ex))
        {
            return false;
        }
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // An FtM file is not ordered by holder, and the datasets must be described before the first entity: a first pass.
        var index = await FtmFileIndex.BuildAsync(input, cancellationToken);
        var pass = new LinePass(input.Name, context, index, DefaultDatasetName(input.FileName));
        pass.DescribeDatasets();

        var lineNumber = 0L;
        var objects = 0;
        using (var reader = new StreamReader(new TextGuardStream(input.Open(), input.Name, input.Limits, allowUtf16: true),
                   new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true))
        {
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken);
                }
                catch (DecoderFallbackException ex)
                {
                    throw new InputException(input.Name, lineNumber + 1, "not UTF-8 text", ex);
                }
                if (line is null)
                {
                    break;
                }
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                objects++;
                Entity? entity;
                try
                {
                    entity = pass.Read(lineNumber, line);
                }
                catch (InvalidOperationException ex) when (JsonErrors.IsUndecodableString(ex))
                {
                    throw new InputException(input.Name, lineNumber, $"a JSON string is not valid Unicode text: {ex.Message}", ex);
                }
                if (entity is not null)
                {
                    yield return entity;
                }
            }
        }
        if (objects == 0)
        {
            throw new InputException(input.Name, null, "empty file: no FtM entities");
        }
        pass.Summarise();
    }

    /// <summary>The dataset of entities that name none: <c>ftm_</c> and the file name without its extensions.</summary>
    public static string DefaultDatasetName(string fileName)
    {
        var stem = Path.GetFileName(fileName);
        var dot = stem.IndexOf('.', StringComparison.Ordinal);
        return "ftm_" + Ioc.IocTextReader.Slug(dot > 0 ? stem[..dot] : stem);
    }

    /// <summary>The main pass over one file: each line to an entity, with what it left out counted and reported.</summary>
    private sealed class LinePass(string file, ReadContext context, FtmFileIndex index, string defaultDataset)
    {
        private readonly SortedDictionary<string, int> _skippedSchemas = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _mappedSchemas = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _skippedProperties = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _rejected = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _datasetNames = new(StringComparer.Ordinal);

        /// <summary>One Unmask dataset per FtM dataset the file names (or the one <c>--source</c> names).</summary>
        public void DescribeDatasets()
        {
            if (context.DatasetNameOverride is { } single)
            {
                context.Dataset = new Dataset(single, $"FollowTheMoney entities ({file})", Publisher(index.Datasets.Select(d => d.Publisher)),
                    index.Latest, index.HasTargets ? DatasetKind.Sanctions : DatasetKind.Other);
                context.DescribeDataset(context.Dataset);
                return;
            }
            foreach (var facts in index.Datasets)
            {
                var ftmName = facts.Name.Length == 0 ? defaultDataset : facts.Name;
                var name = context.DatasetName(ftmName);
                _datasetNames[facts.Name] = name;
                var title = facts.Name.Length == 0 ? $"FollowTheMoney entities ({file})" : $"{ftmName} (FollowTheMoney entities from {file})";
                // Targets make a list: a sanctions list unless nothing in it says sanction and its targets are indicators.
                var kind = !facts.HasTargets ? DatasetKind.Other
                    : !facts.HasSanctions && facts.HasIndicators ? DatasetKind.Indicators : DatasetKind.Sanctions;
                var dataset = new Dataset(name, title, Publisher([facts.Publisher]), facts.Latest, kind);
                context.DescribeDataset(dataset);
                context.Dataset ??= dataset;
            }
            context.Dataset ??= new Dataset(context.DatasetName(defaultDataset), $"FollowTheMoney entities ({file})", Publisher([]),
                index.Latest, DatasetKind.Other);
        }

        private static string Publisher(IEnumerable<string?> publishers) =>
            publishers.FirstOrDefault(p => p is not null) ?? "not stated in the FtM file";

        public Entity? Read(long lineNumber, string line)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new InputException(file, lineNumber, $"not a JSON object: {ex.Message}", ex);
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException(file, lineNumber, $"expected one JSON object per line, found {root.ValueKind}");
                }
                var id = FtmJson.String(root, "id");
                var schemaName = FtmJson.String(root, "schema");
                if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(schemaName))
                {
                    throw new InputException(file, lineNumber, "FtM entity without " + (string.IsNullOrWhiteSpace(id) ? "\"id\"" : "\"schema\""));
                }
                if (root.TryGetProperty("properties", out var properties) && properties.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException(file, lineNumber, "\"properties\" is not an object");
                }
                var target = FtmSchemaMapping.Resolve(schemaName);
                if (target is null)
                {
                    SkipSchema(lineNumber, id, schemaName);
                    return null;
                }
                if (target.MappedTo is not null)
                {
                    Count(_mappedSchemas, $"{schemaName} as {target.MappedTo}");
                }
                var (dataset, otherDatasets) = DatasetsOf(root);
                // Unmask's own exports write ids FtM refuses (underscores, colons) as unmask-entity-<escaped id>.
                var entity = new Entity(FtmIds.ToEntityId(id), target.Schema, dataset).AddDatasets(otherDatasets);
                if (IocSchemaOf(root, target) is { } ioc)
                {
                    return ReadIocEntity(lineNumber, root, entity, ioc, schemaName);
                }
                if (properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        ReadProperty(lineNumber, entity, schemaName, target, property);
                    }
                }
                DropAccountHandle(entity);
                if (target.LinkEnds is not null)
                {
                    entity.Add("role", schemaName);
                }
                if (!entity.Has("name") && entity.Schema.Matchable && FtmJson.String(root, "caption") is { } caption
                    && caption != id && caption != entity.Id
                    && !entity.Properties.Values.Any(values => values.Contains(caption, StringComparer.Ordinal)))
                {
                    // A caption that is neither the id nor a property value of its own (a wallet's caption is its key)
                    // names the entity.
                    entity.Add("name", caption);
                }
                ReadMetadata(lineNumber, root, entity);
                Fold(entity);
                return entity;
            }
        }

        /// <summary>Unmask writes an IOC domain or IP address (schemas FtM lacks) as a LegalEntity named by the value and
        /// keeps its own schema in the <c>unmask</c> key: such an entity comes back as the IOC it was.</summary>
        private static Schema? IocSchemaOf(JsonElement root, FtmSchemaTarget target) =>
            target.Schema == Schemas.LegalEntity && root.TryGetProperty("unmask", out var unmask) && unmask.ValueKind == JsonValueKind.Object
            && FtmJson.String(unmask, "schema") is "Domain" or "IpAddress"
                ? Schemas.Get(FtmJson.String(unmask, "schema")!)
                : null;

        private Entity ReadIocEntity(long lineNumber, JsonElement root, Entity read, Schema schema, string schemaName)
        {
            var entity = new Entity(read.Id, schema, read.Dataset).AddDatasets(read.OtherDatasets);
            var iocTarget = new FtmSchemaTarget(schema, null, null);
            foreach (var property in root.GetProperty("properties").EnumerateObject())
            {
                switch (property.Name)
                {
                    case "name":
                        foreach (var value in Values(property.Value, out _))
                        {
                            entity.Add(schema == Schemas.Domain ? "domain" : value.Contains('/', StringComparison.Ordinal) ? "cidr" : "ipAddress", value);
                        }
                        break;
                    case "website":
                        // The export's https:// form of the domain, already read from the name.
                        break;
                    case "topics":
                        entity.AddRange("topics", Values(property.Value, out _).Where(t => t != "crime.cyber"));
                        break;
                    default:
                        ReadProperty(lineNumber, entity, schemaName, iocTarget, property);
                        break;
                }
            }
            ReadMetadata(lineNumber, root, entity);
            // An IOC is a list target whatever FtM's schema says about matching (an IP address is not matched by name).
            entity.Target = !root.TryGetProperty("target", out var isTarget) || isTarget.ValueKind != JsonValueKind.False;
            return entity;
        }

        /// <summary>FtM requires a username on a UserAccount; Unmask's export puts an IOC account's e-mail or phone there
        /// when it has no other: that copy is not a second identifier.</summary>
        private static void DropAccountHandle(Entity entity)
        {
            if (entity.Schema == Schemas.UserAccount && entity.Get("username") is [var handle]
                && (entity.Get("email").Contains(handle, StringComparer.Ordinal) || entity.Get("number").Contains(handle, StringComparer.Ordinal)))
            {
                entity.Remove("username");
            }
        }

        private void SkipSchema(long lineNumber, string id, string schemaName)
        {
            if (!FtmVocabulary.IsSchema(schemaName))
            {
                Reject(lineNumber, "unknown schema", $"entity {id}: '{schemaName}' is not an FtM schema: the entity was left out");
            }
            else if (FtmVocabulary.IsAbstract(schemaName))
            {
                Reject(lineNumber, "abstract schema", $"entity {id}: FtM's '{schemaName}' is abstract (no entity can have it): the entity was left out");
            }
            else
            {
                Count(_skippedSchemas, schemaName);
            }
        }

        private (string Dataset, IEnumerable<string> Others) DatasetsOf(JsonElement root)
        {
            if (context.DatasetNameOverride is { } single)
            {
                return (single, []);
            }
            var mapped = FtmJson.DatasetNames(root)
                .Select(n => _datasetNames.GetValueOrDefault(n) ?? context.DatasetName(n.Length == 0 ? defaultDataset : n)).ToList();
            return (mapped[0], mapped.Skip(1));
        }

        private void ReadProperty(long lineNumber, Entity entity, string schemaName, FtmSchemaTarget target, JsonProperty property)
        {
            var name = property.Name;
            if (target.LinkEnds is { } ends)
            {
                name = name == ends.Subject ? "subject" : name == ends.Object ? "object" : name;
            }
            var values = Values(property.Value, out var notStrings);
            if (notStrings > 0)
            {
                Reject(lineNumber, "value not a string", $"entity {entity.Id} ({schemaName}): {property.Name} holds {notStrings} values that are not strings: left out");
            }
            var definition = entity.Schema.FindProperty(name);
            if (definition is null)
            {
                if (FtmVocabulary.HasProperty(schemaName, property.Name))
                {
                    if (values.Count > 0)
                    {
                        Count(_skippedProperties, $"{schemaName}.{property.Name}", values.Count);
                    }
                }
                else
                {
                    Reject(lineNumber, "unknown property",
                        $"entity {entity.Id}: FtM's {schemaName} has no property '{property.Name}': its {values.Count} values were left out");
                }
                return;
            }
            foreach (var value in values)
            {
                if (definition.Type == PropertyType.Entity)
                {
                    if (!index.Knows(value))
                    {
                        Reject(lineNumber, "dangling reference",
                            $"entity {entity.Id} ({schemaName}): {property.Name} {FtmValueCheck.Quote(value)} names no entity in this file: left out");
                        continue;
                    }
                    entity.Add(name, FtmIds.ToEntityId(index.Canonical(value)));
                    continue;
                }
                if (FtmValueCheck.Read(definition.Type, value, out var problem) is { } read)
                {
                    entity.Add(name, read);
                }
                else
                {
                    Reject(lineNumber, "wrong type", $"entity {entity.Id} ({schemaName}): {property.Name} {FtmValueCheck.Quote(value)} {problem}: left out");
                }
            }
        }

        private void ReadMetadata(long lineNumber, JsonElement root, Entity entity)
        {
            if (root.TryGetProperty("target", out var target) && target.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Reject(lineNumber, "wrong type", $"entity {entity.Id}: \"target\" is {target.ValueKind}, not true or false: read as absent");
            }
            entity.Target = FtmJson.IsTarget(root, entity.Schema);
            if (root.TryGetProperty("referents", out var referents))
            {
                entity.AddReferents(FtmJson.Strings(referents));
            }
            entity.FirstSeen = Timestamp(lineNumber, root, entity.Id, "first_seen");
            entity.LastSeen = Timestamp(lineNumber, root, entity.Id, "last_seen");
            entity.LastChange = Timestamp(lineNumber, root, entity.Id, "last_change");
        }

        private DateTimeOffset? Timestamp(long lineNumber, JsonElement root, string id, string key)
        {
            if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            var time = value.ValueKind == JsonValueKind.String ? FtmJson.Time(value.GetString()) : null;
            if (time is null)
            {
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                Reject(lineNumber, "wrong type", $"entity {id}: \"{key}\" {FtmValueCheck.Quote(text)} is not a timestamp: left out");
            }
            return time;
        }

        /// <summary>Adds to a list target what the file's Sanctions, Identifications and Passports say about it, in the
        /// properties screening and its results read (programmes, numbers), and to any entity the text of the Address
        /// entities it names. A context entity (an applicant) gets no programmes or numbers: it is never screened, and
        /// the graph has its identifiers from the Identification entities themselves.</summary>
        private void Fold(Entity entity)
        {
            foreach (var (fold, value) in entity.Target ? index.FoldsFor(entity.Id) : [])
            {
                var property = fold.StartsWith("idNumber:", StringComparison.Ordinal) ? IdentifierProperty(entity.Schema, fold["idNumber:".Length..]) : fold;
                if (entity.Schema.FindProperty(property) is not null)
                {
                    entity.Add(property, value);
                }
                else if (property == "passportNumber" && entity.Schema.FindProperty("idNumber") is not null)
                {
                    entity.Add("idNumber", value);
                }
            }
            foreach (var address in entity.Get("addressEntity").Select(index.AddressText).OfType<string>().ToList())
            {
                entity.Add("address", address);
            }
        }

        /// <summary>The holder's property an Identification's type names (Unmask's export writes <c>socialSecurityNumber</c>,
        /// <c>imoNumber</c>...), else <c>idNumber</c>.</summary>
        private static string IdentifierProperty(Schema schema, string type) =>
            schema.FindProperty(type) is { Type: PropertyType.Identifier } ? type : "idNumber";

        private void Reject(long lineNumber, string kind, string reason)
        {
            context.Reject(file, lineNumber, reason);
            Count(_rejected, kind);
        }

        public void Summarise()
        {
            if (_rejected.Count > 0)
            {
                context.Warn($"{file}: left out {_rejected.Values.Sum()} values or entities FtM does not allow: {Counts(_rejected)} (the import lists the lines)");
            }
            if (_skippedSchemas.Count > 0)
            {
                context.Warn($"{file}: skipped {_skippedSchemas.Values.Sum()} entities of FtM schemas Unmask does not model: {Counts(_skippedSchemas)}");
            }
            if (_mappedSchemas.Count > 0)
            {
                context.Warn($"{file}: read {_mappedSchemas.Values.Sum()} entities as a more general schema: {Counts(_mappedSchemas)}");
            }
            if (_skippedProperties.Count > 0)
            {
                context.Warn($"{file}: skipped {_skippedProperties.Values.Sum()} values of properties the Unmask schema lacks: {Counts(_skippedProperties)}");
            }
        }
    }

    /// <summary>FtM values are lists of strings; a lone string or number is accepted as one value, numbers and booleans in
    /// a list as their text. Objects, lists and nulls are counted in <paramref name="notStrings"/>.</summary>
    private static List<string> Values(JsonElement value, out int notStrings)
    {
        notStrings = 0;
        var values = new List<string>();
        if (value.ValueKind == JsonValueKind.Null)
        {
            return values;
        }
        foreach (var item in value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value])
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    values.Add(item.GetString()!);
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    values.Add(item.GetRawText());
                    break;
                default:
                    notStrings++;
                    break;
            }
        }
        return values;
    }

    private static void Count(SortedDictionary<string, int> counts, string key, int by = 1) =>
        counts[key] = counts.GetValueOrDefault(key) + by;

    private static string Counts(SortedDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key} ({c.Value})"));
}
