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

    [Fact]
    public void Control_and_invisible_break_characters_separate_words()
    {
        string[] hidden =
        [
            "Kim\u0001Jong\u0001Un", "Kim\0Jong\0Un", "Kim\u200BJong\u200BUn", "Kim\u202EJong\u202CUn", "Kim\u2066Jong\u2069 Un",
            "Kim\u200E\u200FJong Un", "Kim\u001FJong\u007FUn", "Kim\tJong\r\nUn", "\0 Kim  Jong   Un \u0085", "Kim\uE000Jong\uD800Un",
        ];
        foreach (var raw in hidden)
        {
            TextNormalizer.Clean(raw).ShouldBe("Kim Jong Un", customMessage: string.Join(' ', raw.Select(c => ((int)c).ToString("X4"))));
        }
    }

    [Theory]
    [InlineData("Ki\u00ADm Jong Un")]
    [InlineData("Kim Jo\u200Dng U\u200Cn")]
    [InlineData("\uFEFFKim Jong\u2060Un", "Kim JongUn")]
    public void Characters_that_join_or_sit_inside_a_word_are_removed(string raw, string expected = "Kim Jong Un") =>
        TextNormalizer.Clean(raw).ShouldBe(expected);

    [Theory]
    [InlineData("\u0301Kim Jong Un")]
    [InlineData("Kim \u0308\u0301Jong Un")]
    [InlineData("Kim Jong Un \u20DD")]
    public void Combining_marks_that_follow_no_letter_are_removed(string raw) =>
        TextNormalizer.Clean(raw).ShouldBe("Kim Jong Un");

    [Fact]
    public void Combining_marks_on_a_letter_stay_with_it()
    {
        TextNormalizer.Clean("Jose\u0301").ShouldBe("José");
        TextNormalizer.Clean("Nguye\u0302\u0303n").ShouldBe("Nguyễn");
        TextNormalizer.Clean("क\u093F").ShouldBe("कि");
    }

    [Theory]
    [InlineData("\u0301\u0302\u0303")]
    [InlineData("\u0001\u0002\0")]
    [InlineData("\u200B\u200D\u202E")]
    [InlineData("")]
    public void Text_with_nothing_visible_cleans_to_nothing(string raw) =>
        TextNormalizer.Clean(raw).ShouldBeEmpty();

    [Fact]
    public void Letters_outside_the_basic_plane_are_kept() =>
        TextNormalizer.Clean("\U00020000\U0002A6A5").ShouldBe("\U00020000\U0002A6A5");
}
