namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>64-bit hash → ascending site ids, as <see cref="PostingMap{TKey}"/> but compact: winnowed fingerprints and LSH band keys
/// number tens of millions at 100,000 sites. Keys are kept in sorted arrays (12 bytes a key, found by binary search); new keys go to
/// a small open-addressing table that is merged into the arrays when it fills (a dictionary costs 28 bytes an entry plus its resize
/// slack). A value is id + 1 for a single site, or −(list + 1) for a key shared by several sites.</summary>
public sealed class HashPostingMap
{
    private const double MaxLoad = 0.75;
    private readonly int _mergeAt;

    private ulong[] _sortedKeys = [];
    private int[] _sortedValues = [];

    private ulong[] _keys = new ulong[16];
    private int[] _values = new int[16];
    private int _shift = 64 - 4;
    private int _pending;
    private readonly List<List<int>> _lists = [];

    /// <param name="mergeAt">Pending keys that trigger a merge into the sorted arrays (bounds the table's slack).</param>
    public HashPostingMap(int mergeAt = 1 << 18) => _mergeAt = Math.Max(1, mergeAt);

    /// <summary>Adds <paramref name="id"/> under <paramref name="key"/>; ids must be added in ascending order (a repeat of the last
    /// id is ignored).</summary>
    public void Add(ulong key, int id)
    {
        if (_pending + 1 > _keys.Length * MaxLoad)
        {
            if (_pending >= _mergeAt)
            {
                Merge();
            }
            else
            {
                Grow();
            }
        }
        var slot = Find(key);
        var value = _values[slot];
        if (value == 0)
        {
            _keys[slot] = key;
            _values[slot] = id + 1;
            _pending++;
        }
        else
        {
            _values[slot] = Append(value, id);
        }
    }

    public IReadOnlyList<int> Get(ulong key)
    {
        var sorted = SortedValue(key);
        var pending = _values[Find(key)];
        if (sorted != 0 && pending != 0)
        {
            var ids = Ids(sorted).ToList();
            foreach (var id in Ids(pending))
            {
                if (ids[^1] != id)
                {
                    ids.Add(id);
                }
            }
            return ids;
        }
        return Ids(sorted != 0 ? sorted : pending);
    }

    /// <summary>Number of ids under the key, without allocating (except for a key both merged and pending).</summary>
    public int CountOf(ulong key)
    {
        var sorted = SortedValue(key);
        var pending = _values[Find(key)];
        return sorted != 0 && pending != 0 ? Get(key).Count : Size(sorted != 0 ? sorted : pending);
    }

    private int Size(int value) => value == 0 ? 0 : value > 0 ? 1 : _lists[-value - 1].Count;

    private IReadOnlyList<int> Ids(int value) => value == 0 ? [] : value > 0 ? [value - 1] : _lists[-value - 1];

    private int Append(int value, int id)
    {
        if (value > 0)
        {
            if (value - 1 == id)
            {
                return value;
            }
            _lists.Add([value - 1, id]);
            return -_lists.Count;
        }
        var list = _lists[-value - 1];
        if (list[^1] != id)
        {
            list.Add(id);
        }
        return value;
    }

    private int SortedValue(ulong key)
    {
        var at = Array.BinarySearch(_sortedKeys, key);
        return at >= 0 ? _sortedValues[at] : 0;
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

    /// <summary>Moves the pending keys into the sorted arrays (pending ids of a merged key come after its merged ids).</summary>
    private void Merge()
    {
        var pendingKeys = new ulong[_pending];
        var pendingValues = new int[_pending];
        var n = 0;
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_values[i] != 0)
            {
                pendingKeys[n] = _keys[i];
                pendingValues[n++] = _values[i];
            }
        }
        Array.Sort(pendingKeys, pendingValues);

        var keys = new List<ulong>(_sortedKeys.Length + n);
        var values = new List<int>(_sortedKeys.Length + n);
        int s = 0, p = 0;
        while (s < _sortedKeys.Length || p < n)
        {
            if (p == n || (s < _sortedKeys.Length && _sortedKeys[s] < pendingKeys[p]))
            {
                keys.Add(_sortedKeys[s]);
                values.Add(_sortedValues[s++]);
            }
            else if (s == _sortedKeys.Length || pendingKeys[p] < _sortedKeys[s])
            {
                keys.Add(pendingKeys[p]);
                values.Add(pendingValues[p++]);
            }
            else
            {
                var value = _sortedValues[s++];
                var pendingValue = pendingValues[p++];
                foreach (var id in Ids(pendingValue))
                {
                    value = Append(value, id);
                }
                if (pendingValue < 0)
                {
                    _lists[-pendingValue - 1].Clear();
                    _lists[-pendingValue - 1].TrimExcess();
                }
                keys.Add(_sortedKeys[s - 1]);
                values.Add(value);
            }
        }
        _sortedKeys = keys.ToArray();
        _sortedValues = values.ToArray();
        _keys = new ulong[16];
        _values = new int[16];
        _shift = 64 - 4;
        _pending = 0;
    }
}
