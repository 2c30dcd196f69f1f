namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Fuzz finds in <c>vet</c> CSV input (VetRecordReader).</summary>
public sealed class VetCsvCrashFixtureTests
{
    [Fact]
    public void Inputs_that_crashed_the_reader_are_read_or_refused() => CrashFixture.EachIsReadOrRefused("vet-csv");
}
