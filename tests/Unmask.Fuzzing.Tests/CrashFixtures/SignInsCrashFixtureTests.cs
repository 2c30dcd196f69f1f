namespace Unmask.Fuzzing.Tests.CrashFixtures;

/// <summary>Fuzz finds in the signins reader (tests/fixtures/fuzz/signins).</summary>
public sealed class SignInsCrashFixtureTests
{
    [Fact]
    public void Inputs_that_crashed_the_reader_are_read_or_refused() => CrashFixture.EachIsReadOrRefused("signins");
}
