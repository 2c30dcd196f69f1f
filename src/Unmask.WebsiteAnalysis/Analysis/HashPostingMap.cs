namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>64-bit hash → ascending site ids, as <see cref="PostingMap{TKey}"/> but in an open-addressing table of two arrays
/// (12 bytes a slot instead of a dictionary's 28 bytes an entry plus its resize slack): winnowed fingerprints and LSH band keys
/// number tens of millions at 100,000 sites. A slot's value is 0 when empty, id + 1 for a single site, or −(list + 1) for a key
/// shared by several sites.</summary>
public sealed class HashPostingMap
{
    private const double MaxLoad = 0.75;

    private ulong[] _keys = new ulong[16];
    private int[] _values = new int[16];
    private int _shift = 64 - 4;
    private readonly List<List<int>> _lists = [];

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="id"/> under <paramref name="key"/>; ids must be added in ascending order (a repeat of the last
    /// id is ignored).</summary>
    public void Add(ulong key, int id)
    {
        if (Count + 1 > _keys.Length * MaxLoad)
        {
            Grow();
        }
        var slot = Find(key);
        var value = _values[slot];
        if (value == 0)
        {
            _keys[slot] = key;
            _values[slot] = id + 1;
            Count++;
        }
        else if (value > 0)
        {
            if (value - 1 != id)
            {
                _lists.Add([value - 1, id]);
                _values[slot] = -_lists.Count;
            }
        }
        else
        {
            var list = _lists[-value - 1];
            if (list[^1] != id)
            {
                list.Add(id);
            }
        }
    }

    public IReadOnlyList<int> Get(ulong key)
    {
        var value = _values[Find(key)];
        return value == 0 ? [] : value > 0 ? [value - 1] : _lists[-value - 1];
    }

    /// <summary>Number of ids under the key, without allocating.</summary>
    public int CountOf(ulong key)
    {
        var value = _values[Find(key)];
        return value == 0 ? 0 : value > 0 ? 1 : _lists[-value - 1].Count;
    }

    /// <summary>The slot holding the key, or the empty slot where it would go.</summary>
    private int Find(ulong key)
    {
        var mask = _keys.Length - 1;
        var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (_values[slot] != 0 && _keys[slot] != key)
        {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void Grow()
    {
        var (keys, values) = (_keys, _values);
        _keys = new ulong[keys.Length * 2];
        _values = new int[keys.Length * 2];
        _shift--;
        for (var i = 0; i < keys.Length; i++)
        {
            if (values[i] != 0)
            {
                var slot = Find(keys[i]);
                _keys[slot] = keys[i];
                _values[slot] = values[i];
            }
        }
    }
}
