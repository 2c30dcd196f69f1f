using Unmask.Screening.Names;

namespace Unmask.Screening.Tests.Names;

public sealed class SpellingTests
{
    [Theory]
    [InlineData("jeong", "jong")]
    [InlineData("eun", "un")]
    [InlineData("gyeong", "kyong")]
    [InlineData("cheol", "chol")]
    [InlineData("thae", "tae")]
    [InlineData("yoon", "yun")]
    [InlineData("ll", "il")]
    public void Korean_fold_makes_romanisations_meet(string left, string right) =>
        Spelling.KoreanFold(left).ShouldBe(Spelling.KoreanFold(right));

    [Theory]
    [InlineData("jon", "jong")]
    [InlineData("un", "il")]
    public void Korean_fold_keeps_different_syllables_apart(string left, string right) =>
        Spelling.KoreanFold(left).ShouldNotBe(Spelling.KoreanFold(right));

    [Fact]
    public void Korean_like_tokens_are_runs_of_romanised_syllables()
    {
        Spelling.IsKoreanLike("jongun").ShouldBeTrue();
        Spelling.IsKoreanLike("hyok").ShouldBeTrue();
        Spelling.IsKoreanLike("scholz").ShouldBeFalse();
        // only syllables names are made of: no tense initials (ssi), no finals such as s or t
        Spelling.IsKoreanLike("messi").ShouldBeFalse();
        Spelling.IsKoreanLike("bessi").ShouldBeFalse();
        Spelling.IsKoreanLike("").ShouldBeFalse();
        Spelling.IsKoreanLike(new string('a', 40)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("mohammad", "mohamad")]
    [InlineData("wladimir", "vladimir")]
    [InlineData("philipp", "filip")]
    public void Latin_fold_makes_spelling_variants_meet(string left, string right) =>
        Spelling.LatinFold(left).ShouldBe(Spelling.LatinFold(right));

    [Theory]
    [InlineData("castillo", "castro")]
    [InlineData("gold", "colt")]
    [InlineData("merkur", "merkel")]
    public void Latin_fold_keeps_letters_that_tell_names_apart(string left, string right) =>
        Spelling.LatinFold(left).ShouldNotBe(Spelling.LatinFold(right));

    [Fact]
    public void Phonetic_key_is_shared_by_spelling_variants()
    {
        Spelling.PhoneticKey("scholz").ShouldBe(Spelling.PhoneticKey("scholze"));
        Spelling.PhoneticKey("mohamed").ShouldBe(Spelling.PhoneticKey("muhamed"));
        Spelling.PhoneticKey("kim").ShouldNotBe(Spelling.PhoneticKey("pak"));
    }

    [Fact]
    public void Consonant_skeleton_drops_vowels() => Spelling.ConsonantSkeleton("mohammed").ShouldBe("mhmd");
}
