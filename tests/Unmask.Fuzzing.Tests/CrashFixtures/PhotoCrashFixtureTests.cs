namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Fuzz finds in the photo reader (tests/fixtures/fuzz/photo).</summary>
public sealed class PhotoCrashFixtureTests
{
    [Fact]
    public void Inputs_that_crashed_the_reader_are_read_or_refused() => CrashFixture.EachIsReadOrRefused("photo");
}
