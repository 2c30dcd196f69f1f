using Unmask.Screening.Names;

namespace Unmask.Screening.Tests.Names;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Ig0r Sech1n", "Igor Sechin")]
    [InlineData("PETR0V", "PETROV")]
    [InlineData("M1KHAIL", "MIKHAIL")]
    [InlineData("Boeing B737", "Boeing B737")]
    [InlineData("Ryong Ang 2", "Ryong Ang 2")]
    public void A_digit_between_letters_becomes_the_letter_it_looks_like(string raw, string expected) =>
        TextNormalizer.Clean(raw).ShouldBe(expected);
}
