using Unmask.Domain;

namespace Unmask.Watchlists.Ioc;

/// <summary>
/// Gives each distinct indicator a readable id (<c>ioc_x-email-jane-example.com</c>). The id slug maps several characters
/// to <c>-</c>, so two different values can slug alike (<c>a+b@x.io</c>, <c>a-b@x.io</c>); the second one then gets a
/// content-hash id instead.
/// </summary>
public sealed class IndicatorIds(string dataset)
{
    private readonly Dictionary<string, string> _keyOfId = new(StringComparer.Ordinal);

    public string For(Indicator indicator, string? stem = null)
    {
        var key = indicator.Key;
        var id = EntityIds.Make(dataset, stem ?? indicator.IdStem);
        if (_keyOfId.TryGetValue(id, out var existing) && existing != key)
        {
            id = EntityIds.FromContent(dataset, key);
        }
        _keyOfId[id] = key;
        return id;
    }
}
