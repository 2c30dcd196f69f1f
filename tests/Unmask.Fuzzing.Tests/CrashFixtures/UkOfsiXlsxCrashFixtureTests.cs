namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Fuzz finds in the uk-ofsi-xlsx reader (tests/fixtures/fuzz/uk-ofsi-xlsx).</summary>
public sealed class UkOfsiXlsxCrashFixtureTests
{
    [Fact]
    public void Inputs_that_crashed_the_reader_are_read_or_refused() => CrashFixture.EachIsReadOrRefused("uk-ofsi-xlsx");
}
