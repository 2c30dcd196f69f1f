namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Fuzz finds in the site-html reader (tests/fixtures/fuzz/site-html).</summary>
public sealed class SiteHtmlCrashFixtureTests
{
    [Fact]
    public void Inputs_that_crashed_the_reader_are_read_or_refused() => CrashFixture.EachIsReadOrRefused("site-html");
}
