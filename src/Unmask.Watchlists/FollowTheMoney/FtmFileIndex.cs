using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.FollowTheMoney;

/// <summary>
/// What the FtM reader must know before it yields the first entity, learnt in a cheap first pass over the file (an FtM
/// file is not ordered by holder: a Sanction may come before or after the person it names):
/// every id and referent (to tell a dangling reference from one to an entity further down), the datasets with their
/// newest date, whether they hold targets and who their Sanctions name as authority, and what interval entities say
/// about their holder (Sanction programmes, Identification and Passport numbers, Address texts) to fold into it.
/// Lines that cannot be read are passed over here; the main pass reports them.
/// </summary>
internal sealed class FtmFileIndex
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Property, string Value)>> _folds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FtmDatasetFacts> _datasets = new(StringComparer.Ordinal);

    /// <summary>FtM dataset names in the order the file first names them ("" for entities that name none).</summary>
    public IEnumerable<FtmDatasetFacts> Datasets => _datasets.Values.OrderBy(d => d.Order);

    /// <summary>The newest <c>last_change</c> or <c>last_seen</c> date in the file.</summary>
    public DateOnly? Latest { get; private set; }

    /// <summary>True when some matchable entity of the file is a target.</summary>
    public bool HasTargets { get; private set; }

    public static async Task<FtmFileIndex> BuildAsync(ListInput input, CancellationToken cancellationToken)
    {
        var index = new FtmFileIndex();
        using var reader = new StreamReader(new TextGuardStream(input.Open(), input.Name, input.Limits, allowUtf16: true), Encoding.UTF8,
            detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    index.Learn(document.RootElement);
                }
            }
            catch (Exception ex) when (ex is JsonException || JsonErrors.IsUndecodableString(ex))
            {
            }
        }
        index.ResolveHolders();
        return index;
    }

    /// <summary>True when <paramref name="id"/> is the id or a referent of an entity in the file.</summary>
    public bool Knows(string id) => _ids.Contains(id) || _canonical.ContainsKey(id);

    /// <summary>The id the file gives the entity that <paramref name="id"/> names (itself, or the entity it is a referent of).</summary>
    public string Canonical(string id) => _canonical.GetValueOrDefault(id) ?? id;

    /// <summary>What the file's interval entities say about the entity with this id (or one of its referents), as the
    /// holder's own properties: <c>program</c>, <c>programId</c>, <c>passportNumber</c>, and <c>idNumber:TYPE</c> for an
    /// Identification's number with its type (the reader picks the property).</summary>
    public IEnumerable<(string Property, string Value)> FoldsFor(string id) =>
        _folds.TryGetValue(Canonical(id), out var folds) ? folds : [];

    /// <summary>The text of the Address entity <paramref name="id"/> names, when the file holds it.</summary>
    public string? AddressText(string id) => _addresses.GetValueOrDefault(Canonical(id));

    private void Learn(JsonElement root)
    {
        var id = FtmJson.String(root, "id");
        var schemaName = FtmJson.String(root, "schema");
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(schemaName))
        {
            return;
        }
        _ids.Add(id);
        if (root.TryGetProperty("referents", out var referents))
        {
            foreach (var referent in FtmJson.Strings(referents))
            {
                if (referent != id)
                {
                    _canonical.TryAdd(referent, id);
                }
            }
        }
        var date = Later(FtmJson.Day(FtmJson.String(root, "last_change")), FtmJson.Day(FtmJson.String(root, "last_seen")));
        Latest = Later(Latest, date);
        var schema = FtmSchemaMapping.Resolve(schemaName)?.Schema;
        var target = schema is not null && FtmJson.IsTarget(root, schema);
        HasTargets |= target;
        var properties = root.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        foreach (var name in FtmJson.DatasetNames(root))
        {
            if (!_datasets.TryGetValue(name, out var facts))
            {
                _datasets[name] = facts = new FtmDatasetFacts(name, _datasets.Count);
            }
            facts.Learn(date, target, schemaName == "Sanction" ? Values(properties, "authority") : [], Values(properties, "publisher"));
            facts.LearnSanctioned(schemaName == "Sanction"
                || (target && Values(properties, "topics").Any(t => t.StartsWith("sanction", StringComparison.Ordinal))));
            facts.LearnIndicator(target && (schemaName is "UserAccount" or "CryptoWallet"
                || Values(properties, "topics").Contains("crime.cyber", StringComparer.Ordinal)));
        }
        if (properties.ValueKind != JsonValueKind.Object || schema is null)
        {
            return;
        }
        switch (schema.Name)
        {
            case "Sanction":
                Fold(Values(properties, "entity"), "program", Values(properties, "program"));
                Fold(Values(properties, "entity"), "programId", Values(properties, "programId"));
                break;
            case "Passport":
                Fold(Values(properties, "holder"), "passportNumber", [.. Values(properties, "passportNumber"), .. Values(properties, "number")]);
                break;
            case "Identification":
                // Unmask's own export writes the holder's property as the type ("socialSecurityNumber", "imoNumber"); other
                // files write a label ("National ID"): the number is then an idNumber.
                var type = Values(properties, "type").FirstOrDefault()?.Trim();
                Fold(Values(properties, "holder"), type is { Length: > 0 } ? "idNumber:" + type : "idNumber",
                    Values(properties, "number"));
                break;
            case "Address":
                if (AddressOf(properties) is { } text)
                {
                    _addresses[id] = text;
                    foreach (var referent in root.TryGetProperty("referents", out var r) ? FtmJson.Strings(r) : [])
                    {
                        _addresses.TryAdd(referent, text);
                    }
                }
                break;
        }
    }

    private void Fold(List<string> holders, string property, List<string> values)
    {
        foreach (var holder in holders)
        {
            if (!_folds.TryGetValue(holder, out var folds))
            {
                _folds[holder] = folds = [];
            }
            folds.AddRange(values.Select(v => (property, v)));
        }
    }

    /// <summary>An Address entity as one line: <c>full</c> when given, else its parts in postal order.</summary>
    private static string? AddressOf(JsonElement properties)
    {
        if (Values(properties, "full").FirstOrDefault(v => v.Trim().Length > 0) is { } full)
        {
            return full;
        }
        var parts = ((string[])["postOfficeBox", "street", "street2", "postalCode", "city", "region", "state"])
            .SelectMany(p => Values(properties, p)).Where(v => v.Trim().Length > 0).ToList();
        parts.AddRange(Values(properties, "country").Select(c => Countries.NameOf(c.Trim())));
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static List<string> Values(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var values) ? [.. FtmJson.Strings(values)] : [];

    /// <summary>Holders are named by their canonical id once every referent is known.</summary>
    private void ResolveHolders()
    {
        foreach (var holder in _folds.Keys.Where(h => _canonical.ContainsKey(h)).ToList())
        {
            var canonical = _canonical[holder];
            var folds = _folds[holder];
            _folds.Remove(holder);
            if (_folds.TryGetValue(canonical, out var existing))
            {
                existing.AddRange(folds);
            }
            else
            {
                _folds[canonical] = folds;
            }
        }
    }

    private static DateOnly? Later(DateOnly? left, DateOnly? right) => left is null ? right : right is null || left >= right ? left : right;
}

/// <summary>One FtM dataset as the file shows it: newest date, whether it holds targets, the authorities its Sanctions
/// name and the publishers its entities name.</summary>
internal sealed class FtmDatasetFacts(string name, int order)
{
    private readonly Dictionary<string, int> _authorities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _publishers = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public int Order { get; } = order;

    public DateOnly? Latest { get; private set; }

    public bool HasTargets { get; private set; }

    /// <summary>True when the dataset holds a Sanction or a target with a sanction topic: with targets, a sanctions list.</summary>
    public bool HasSanctions { get; private set; }

    public void LearnSanctioned(bool sanctioned) => HasSanctions |= sanctioned;

    /// <summary>True when a target is an indicator: an account, a wallet, or under FtM's cybercrime topic (Unmask's
    /// export of an IOC domain or IP address).</summary>
    public bool HasIndicators { get; private set; }

    public void LearnIndicator(bool indicator) => HasIndicators |= indicator;

    /// <summary>Who published the dataset, as far as the file says: the authority its Sanctions name most often, else the
    /// publisher its entities name most often.</summary>
    public string? Publisher => MostCommon(_authorities) ?? MostCommon(_publishers);

    public void Learn(DateOnly? date, bool target, IEnumerable<string> authorities, IEnumerable<string> publishers)
    {
        if (date is not null && (Latest is null || date > Latest))
        {
            Latest = date;
        }
        HasTargets |= target;
        foreach (var authority in authorities)
        {
            _authorities[authority.Trim()] = _authorities.GetValueOrDefault(authority.Trim()) + 1;
        }
        foreach (var publisher in publishers)
        {
            _publishers[publisher.Trim()] = _publishers.GetValueOrDefault(publisher.Trim()) + 1;
        }
    }

    private static string? MostCommon(Dictionary<string, int> counts) =>
        counts.Where(c => c.Key.Length > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).FirstOrDefault();
}
