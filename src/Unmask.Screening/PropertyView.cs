using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Unmask.Screening;

/// <summary>An entity's properties as a read-only map of read-only lists, without copying them: a result is described for
/// every row of a batch, and the index does not change its entities once built.</summary>
internal sealed class PropertyView(IReadOnlyDictionary<string, List<string>> properties) : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    public IReadOnlyList<string> this[string key] => properties[key];

    public IEnumerable<string> Keys => properties.Keys;

    public IEnumerable<IReadOnlyList<string>> Values => properties.Values;

    public int Count => properties.Count;

    public bool ContainsKey(string key) => properties.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<string> value)
    {
        var found = properties.TryGetValue(key, out var values);
        value = values;
        return found;
    }

    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator()
    {
        foreach (var (key, values) in properties)
        {
            yield return new KeyValuePair<string, IReadOnlyList<string>>(key, values);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
