namespace Unmask.LinkGraph.Export;

/// <summary>
/// The entities of one FtM export, by id. Adding an id twice merges the two (a CryptoWallet reached from two holders,
/// an Address two holders share). <see cref="Seal"/> makes the whole file hold together as FtM consumers require:
/// a link whose ends do not fit its schema's ranges becomes an UnknownLink, references to entities not in the file,
/// out of range or to the entity itself are dropped, and an entity left without a required property is dropped
/// (repeated until nothing changes, as dropping one entity can orphan a reference to it).
/// </summary>
internal sealed class FtmDocument
{
    private readonly Dictionary<string, FtmEntity> _entities = new(StringComparer.Ordinal);

    public int Count => _entities.Count;

    public bool Contains(string id) => _entities.ContainsKey(id);

    public FtmEntity? Find(string id) => _entities.GetValueOrDefault(id);

    public FtmEntity Add(FtmEntity entity)
    {
        if (_entities.TryGetValue(entity.Id, out var existing))
        {
            existing.Merge(entity);
            return existing;
        }
        _entities[entity.Id] = entity;
        return entity;
    }

    /// <summary>The entities sorted by id, for byte-identical output.</summary>
    public IEnumerable<FtmEntity> Sorted() => _entities.Values.OrderBy(e => e.Id, StringComparer.Ordinal);

    public void Seal()
    {
        foreach (var entity in _entities.Values)
        {
            FitLinkRanges(entity);
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var entity in _entities.Values.ToList())
            {
                DropBadReferences(entity);
                if (FtmModel.Required(entity.Schema).Any(p => entity.Get(p).Count == 0))
                {
                    _entities.Remove(entity.Id);
                    changed = true;
                }
            }
        }
        while (changed);
    }

    private bool Fits(string id, string range) => _entities.TryGetValue(id, out var target) && FtmModel.IsA(target.Schema, range);

    // Unmask's graph links any two holders; FtM's link schemata have ranges (Ownership.asset is an Asset, Associate
    // joins two Persons, Employment.employer is an Organization). A link that does not fit keeps its relation as an
    // UnknownLink role, which the FtM graph reader turns back into the same edge.
    private void FitLinkRanges(FtmEntity entity)
    {
        var link = FtmModel.Links.FirstOrDefault(l => l.Schema == entity.Schema);
        if (link.Schema is null or "UnknownLink")
        {
            return;
        }
        var from = entity.Get(link.From).ToList();
        var to = entity.Get(link.To).ToList();
        var fits = from.All(id => !_entities.ContainsKey(id) || Fits(id, FtmModel.RangeOf(link.Schema, link.From)!))
                   && to.All(id => !_entities.ContainsKey(id) || Fits(id, FtmModel.RangeOf(link.Schema, link.To)!));
        if (fits)
        {
            return;
        }
        var relation = FtmRelations.RelationOf(entity.Schema, p => entity.Get(p).FirstOrDefault());
        foreach (var role in entity.Get("role").Where(r => r != relation))
        {
            entity.Add("description", $"role: {role}");
        }
        foreach (var property in entity.Properties.Keys.ToList())
        {
            if (!FtmModel.HasProperty("UnknownLink", property))
            {
                foreach (var value in entity.Get(property).Where(_ => property != link.From && property != link.To))
                {
                    entity.Add("description", $"{property}: {value}");
                }
                entity.Remove(property);
            }
        }
        entity.Schema = "UnknownLink";
        entity.Set("subject", from);
        entity.Set("object", to);
        entity.Set("role", [relation]);
    }

    private void DropBadReferences(FtmEntity entity)
    {
        foreach (var property in entity.Properties.Keys.ToList())
        {
            if (FtmModel.RangeOf(entity.Schema, property) is not { } range)
            {
                continue;
            }
            var values = entity.Get(property);
            var kept = values.Where(id => id != entity.Id && Fits(id, range)).ToList();
            if (kept.Count != values.Count)
            {
                entity.Set(property, kept);
            }
        }
    }
}
