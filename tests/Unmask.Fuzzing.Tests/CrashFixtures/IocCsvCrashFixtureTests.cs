namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Fuzz finds in the ioc-csv reader (tests/fixtures/fuzz/ioc-csv).</summary>
public sealed class IocCsvCrashFixtureTests
{
    [Fact]
    public void Inputs_that_crashed_the_reader_are_read_or_refused() => CrashFixture.EachIsReadOrRefused("ioc-csv");
}
