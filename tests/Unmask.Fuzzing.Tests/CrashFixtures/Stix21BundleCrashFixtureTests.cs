namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Fuzz finds in the STIX 2.1 bundle reader.</summary>
public sealed class Stix21BundleCrashFixtureTests
{
    [Fact]
    public void Inputs_that_crashed_the_reader_are_read_or_refused() => CrashFixture.EachIsReadOrRefused("stix21-bundle");
}
