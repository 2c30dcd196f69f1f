using System.Diagnostics;
using Unmask.TestKit;

namespace Unmask.Screening.Tests.Index;

public sealed class ScreeningIndexRealFileTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Index_of_the_whole_sdn_list_builds_quickly_and_screens_fast_RealFile()
    {
        var entities = await RealLists.OfacSdnAsync();
        var watch = Stopwatch.StartNew();
        var index = ScreeningIndex.Build(entities);
        var build = watch.Elapsed;
        var screener = new Screener(index);
        var names = entities.Take(2000).Select(e => e.Caption).ToList();
        watch.Restart();
        foreach (var name in names)
        {
            screener.Screen(ScreeningQuery.ForName(name), new ScreeningOptions());
        }
        var perQuery = watch.Elapsed / names.Count;
        output.WriteLine($"entities {index.EntityCount}, names {index.NameCount}, keys {index.BlockingKeyCount}, build {build.TotalMilliseconds:0} ms, {perQuery.TotalMicroseconds:0} µs/query single-threaded");
        build.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        // measured about 0.4 ms on a shared 2-core machine; the bound leaves room for a loaded machine
        perQuery.ShouldBeLessThan(TimeSpan.FromMilliseconds(3));
    }
}
