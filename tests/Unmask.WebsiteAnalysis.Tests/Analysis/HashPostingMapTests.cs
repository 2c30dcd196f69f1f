using Unmask.WebsiteAnalysis.Analysis;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

public sealed class HashPostingMapTests
{
    [Theory]
    [InlineData(1 << 20)]
    [InlineData(50)]
    [InlineData(1)]
    public void Agrees_with_a_dictionary_of_lists_through_growth_and_merges(int mergeAt)
    {
        var random = new Random(11);
        var map = new HashPostingMap(mergeAt);
        var expected = new Dictionary<ulong, List<int>>();
        ulong[] keys = [0, ulong.MaxValue, .. Enumerable.Range(0, 3_000).Select(_ => (ulong)random.NextInt64())];
        for (var id = 0; id < 2_000; id++)
        {
            for (var k = 0; k < 5; k++)
            {
                var key = keys[random.Next(id < 1_000 ? keys.Length : 20)];
                map.Add(key, id);
                if (random.Next(10) == 0)
                {
                    map.Add(key, id);
                }
                var list = expected.TryGetValue(key, out var found) ? found : expected[key] = [];
                if (list.Count == 0 || list[^1] != id)
                {
                    list.Add(id);
                }
            }
        }

        foreach (var key in keys)
        {
            var ids = expected.GetValueOrDefault(key) ?? [];
            map.Get(key).ShouldBe(ids);
            map.CountOf(key).ShouldBe(ids.Count);
        }
        map.Get(12345).ShouldBeEmpty();
    }
}
