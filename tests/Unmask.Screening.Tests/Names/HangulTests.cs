using Unmask.Screening.Names;

namespace Unmask.Screening.Tests.Names;

public sealed class HangulTests
{
    [Theory]
    [InlineData('김', "gim", "kim")]
    [InlineData('정', "jeong", "jong")]
    [InlineData('은', "eun", "un")]
    [InlineData('철', "cheol", "chol")]
    [InlineData('경', "gyeong", "kyong")]
    [InlineData('태', "tae", "thae")]
    [InlineData('혁', "hyeok", "hyok")]
    public void Syllables_romanise_in_both_systems(char syllable, string revised, string mr)
    {
        Hangul.RomaniseSyllable(syllable, KoreanRomanisation.Revised).ShouldBe(revised);
        Hangul.RomaniseSyllable(syllable, KoreanRomanisation.McCuneReischauer).ShouldBe(mr);
    }

    [Fact]
    public void Decomposition_is_arithmetic()
    {
        Hangul.Decompose('가').ShouldBe((0, 0, 0));
        Hangul.Decompose('힣').ShouldBe((18, 20, 27));
        Should.Throw<ArgumentOutOfRangeException>(() => Hangul.Decompose('A'));
    }

    [Fact]
    public void Korean_names_give_surname_and_given_syllables_in_mr_and_rr()
    {
        var variants = Transliteration.Variants("김정은").Select(v => string.Join(' ', v)).ToList();
        variants.ShouldBe(["kim jong un", "gim jeong eun"]);
        Transliteration.Variants("리병철")[0].ShouldBe(["ri", "pyong", "chol"]);
        Transliteration.Variants("남궁민")[0].ShouldBe(["namgung", "min"]);
    }

    [Theory]
    [InlineData("lee", "ri")]
    [InlineData("yi", "rhee")]
    [InlineData("park", "pak")]
    [InlineData("bak", "pak")]
    [InlineData("choi", "choe")]
    [InlineData("jeon", "jon")]
    [InlineData("chon", "jon")]
    [InlineData("oh", "o")]
    public void Surname_spellings_are_one_surname(string left, string right) => KoreanSurnames.SameSurname(left, right).ShouldBeTrue();

    [Theory]
    [InlineData("kim", "pak")]
    [InlineData("jon", "jong")]
    [InlineData("smith", "kim")]
    public void Different_surnames_are_not(string left, string right) => KoreanSurnames.SameSurname(left, right).ShouldBeFalse();
}
