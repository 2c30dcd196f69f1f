namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>Key → ascending site ids, compact for the common case: most fingerprints belong to one site, so a single id is kept
/// inline in one dictionary and only keys shared by several sites get a list (about 60 bytes saved per single-site key, which is
/// most of the index's size at 100,000 sites).</summary>
public sealed class PostingMap<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, int> _single;
    private readonly Dictionary<TKey, List<int>> _many;

    public PostingMap(IEqualityComparer<TKey>? comparer = null)
    {
        _single = new Dictionary<TKey, int>(comparer);
        _many = new Dictionary<TKey, List<int>>(comparer);
    }

    public int Count => _single.Count + _many.Count;

    /// <summary>Adds <paramref name="id"/> under <paramref name="key"/>; ids must be added in ascending order (a repeat of the last
    /// id is ignored).</summary>
    public void Add(TKey key, int id)
    {
        if (_many.TryGetValue(key, out var list))
        {
            if (list[^1] != id)
            {
                list.Add(id);
            }
            return;
        }
        if (_single.TryGetValue(key, out var existing))
        {
            if (existing != id)
            {
                _single.Remove(key);
                _many[key] = [existing, id];
            }
            return;
        }
        _single[key] = id;
    }

    public IReadOnlyList<int> Get(TKey key) =>
        _many.TryGetValue(key, out var list) ? list : _single.TryGetValue(key, out var id) ? [id] : [];

    /// <summary>Number of ids under the key, without allocating.</summary>
    public int CountOf(TKey key) =>
        _many.TryGetValue(key, out var list) ? list.Count : _single.ContainsKey(key) ? 1 : 0;
}
