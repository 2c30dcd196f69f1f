namespace Unmask.WebsiteAnalysis.Domains;

/// <summary>Many domains indexed for look-alike search, so a host is compared only with the few it may imitate (those sharing
/// a skeleton, a one-deletion variant of one, or a hyphen part) rather than with every domain: a batch of records can hold
/// many domains.</summary>
public sealed class LookalikeIndex
{
    private readonly List<LookalikeDomain> _domains = [];
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);

    public int Count => _domains.Count;

    public LookalikeDomain this[int id] => _domains[id];

    /// <summary>Adds a domain; returns its id (ids count from 0 in the order added).</summary>
    public int Add(string domain)
    {
        var prepared = Lookalikes.Prepare(domain);
        var id = _domains.Count;
        _domains.Add(prepared);
        foreach (var key in Lookalikes.IndexKeys(prepared).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(key, out var ids))
            {
                _postings[key] = ids = [];
            }
            ids.Add(id);
        }
        return id;
    }

    /// <summary>The indexed domains the host imitates, by id (in the order added), with how.</summary>
    public IReadOnlyList<(int Id, LookalikeMatch Match)> Matches(string host)
    {
        var candidate = Lookalikes.Prepare(host);
        var ids = new SortedSet<int>();
        foreach (var key in Lookalikes.ProbeKeys(candidate))
        {
            if (_postings.TryGetValue(key, out var found))
            {
                ids.UnionWith(found);
            }
        }
        var matches = new List<(int, LookalikeMatch)>();
        foreach (var id in ids)
        {
            if (Lookalikes.Compare(candidate, _domains[id]) is { } match)
            {
                matches.Add((id, match));
            }
        }
        return matches;
    }
}
