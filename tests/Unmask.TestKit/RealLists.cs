using Unmask.Domain;
using Unmask.Watchlists;
using Unmask.Watchlists.Ofac;

namespace Unmask.TestKit;

/// <summary>
/// Real published lists from <c>../shared/data</c>, read through the product's own readers (so a test measures what
/// `unmask lists import` would load, never a second reader of the format). Read once per test process.
/// </summary>
public static class RealLists
{
    private static readonly Lazy<Task<IReadOnlyList<Entity>>> OfacSdnCsv =
        new(() => ReadAsync(new OfacSdnCsvReader(), SharedData.Path("sanctions/us_ofac/sdn.csv")));

    /// <summary>OFAC's SDN list in its legacy CSV set (sdn.csv with add.csv, alt.csv and sdn_comments.csv).</summary>
    public static Task<IReadOnlyList<Entity>> OfacSdnAsync() => OfacSdnCsv.Value;

    private static async Task<IReadOnlyList<Entity>> ReadAsync(IListReader reader, string path)
    {
        var entities = new List<Entity>();
        await foreach (var entity in reader.ReadAsync(ListInput.FromFile(path), new ReadContext()))
        {
            entities.Add(entity);
        }
        return entities;
    }
}
