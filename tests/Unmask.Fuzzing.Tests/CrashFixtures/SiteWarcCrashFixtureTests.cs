namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Fuzz finds in the site-warc reader (tests/fixtures/fuzz/site-warc).</summary>
public sealed class SiteWarcCrashFixtureTests
{
    [Fact]
    public void Inputs_that_crashed_the_reader_are_read_or_refused() => CrashFixture.EachIsReadOrRefused("site-warc");
}
