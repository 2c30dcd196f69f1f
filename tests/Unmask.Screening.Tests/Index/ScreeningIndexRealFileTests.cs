using System.Diagnostics;
using Unmask.TestKit;

namespace Unmask.Screening.Tests.Index;

public sealed class ScreeningIndexRealFileTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Index_of_the_whole_sdn_list_finds_each_entry_by_its_own_name_RealFile()
    {
        var entities = await RealLists.OfacSdnAsync();
        var watch = Stopwatch.StartNew();
        var index = ScreeningIndex.Build(entities);
        var build = watch.Elapsed;
        var screener = new Screener(index);
        var sample = entities.Take(2000).ToList();
        watch.Restart();
        var found = 0;
        foreach (var entity in sample)
        {
            var results = screener.Screen(ScreeningQuery.ForName(entity.Caption), new ScreeningOptions()).Results;
            found += results.Any(r => r.Id == entity.Id) ? 1 : 0;
        }
        var perQuery = watch.Elapsed / sample.Count;
        output.WriteLine($"entities {index.EntityCount}, names {index.NameCount}, keys {index.BlockingKeyCount}, build {build.TotalMilliseconds:0} ms, {perQuery.TotalMicroseconds:0} µs/query single-threaded");
        // Speed is measured in bench (screen scenarios); here only that the whole list indexes and answers. A few names are
        // shared by more entries than the result limit (vessels of one fleet), hence not every one.
        index.EntityCount.ShouldBe(entities.Count);
        found.ShouldBeGreaterThanOrEqualTo(sample.Count * 98 / 100);
    }
}
