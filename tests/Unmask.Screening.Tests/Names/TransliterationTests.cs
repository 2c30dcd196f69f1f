using Unmask.Screening.Names;

namespace Unmask.Screening.Tests.Names;

public sealed class TransliterationTests
{
    [Fact]
    public void Punctuation_hyphens_and_ofac_apostrophes_are_handled()
    {
        Transliteration.Variants("CH'OE, So'k-min")[0].ShouldBe(["choe", "sok", "min"]);
        Transliteration.Variants("RI, U'n-so'ng")[0].ShouldBe(["ri", "un", "song"]);
    }

    [Fact]
    public void Legal_forms_are_kept_in_short_form()
    {
        Transliteration.Variants("Yanbian Silverstar Network Technology Co., Ltd.")[0].ShouldBe(["yanbian", "silverstar", "network", "technology", "co", "ltd"]);
        Transliteration.Variants("Foo Limited Liability Company")[0].ShouldBe(["foo", "llc"]);
        Transliteration.Variants("A.B.C. Company")[0].ShouldBe(["abc", "co"]);
        Transliteration.Variants("ООО Ромашка")[0][0].ShouldBe("llc");
        // mistyped form words are put right before the form is recognised; other words are left alone
        Transliteration.Variants("Foo Limited Liabliity Comapny")[0].ShouldBe(["foo", "llc"]);
        Transliteration.Variants("Foo Cmopany")[0].ShouldBe(["foo", "co"]);
        Transliteration.Variants("Compass Limiter")[0].ShouldBe(["compass", "limiter"]);
        Transliteration.Variants("Obshchestvo s Ogranichennoi Otvetstvennoostiu Sokol")[0].ShouldBe(["llc", "sokol"]);
        Transliteration.Variants("ЗАО Сокол")[0].ShouldBe(["cjsc", "sokol"]);
        Transliteration.Variants("Hwasong IT Cooperation Co.")[0].ShouldBe(["hwasong", "information", "technology", "cooperation", "co"]);
        Transliteration.Variants("U.S. Department of State")[0].ShouldBe(["united", "states", "department", "of", "state"]);
    }

    [Fact]
    public void Chinese_is_read_in_pinyin_with_legal_forms_and_business_words()
    {
        var tokens = Transliteration.Variants("延边银星网络科技有限公司")[0];
        tokens[..2].ShouldBe(["yan", "bian"]);
        tokens.ShouldContain("network");
        tokens.ShouldContain("technology");
        tokens[^2..].ShouldBe(["co", "ltd"]);
    }

    [Fact]
    public void Korean_names_in_chinese_characters_are_also_read_in_korean()
    {
        Transliteration.Variants("金正恩").ShouldContain(v => v.SequenceEqual(new[] { "kim", "jong", "un" }));
        Transliteration.Variants("金正恩").ShouldContain(v => v.SequenceEqual(new[] { "gim", "jeong", "eun" }));
        // a firm's name, or a character no Korean name uses, is read in pinyin only
        Transliteration.Variants("延边银星网络科技有限公司").Count.ShouldBe(1);
        Transliteration.Variants("山田太郎").Count.ShouldBe(1);
    }

    [Fact]
    public void Korean_names_in_russian_spelling_are_also_read_in_mccune_reischauer()
    {
        Transliteration.Variants("Ким Чен Ын").ShouldContain(v => v.SequenceEqual(new[] { "kim", "jong", "un" }));
        Transliteration.Variants("Ким Ир Сен").ShouldContain(v => v.SequenceEqual(new[] { "kim", "il", "song" }));
        Transliteration.Variants("Чхве Рён Хэ").ShouldContain(v => v.SequenceEqual(new[] { "choe", "ryong", "hae" }));
        Transliteration.Variants("Пак Хва Сон").ShouldContain(v => v.SequenceEqual(new[] { "pak", "hwa", "song" }));
        // a Russian name with a Korean-looking word is read only as Russian
        Transliteration.Variants("Ким Сергей Петрович").Count.ShouldBe(1);
    }

    [Fact]
    public void Cyrillic_and_number_words()
    {
        Transliteration.Variants("Владимир Путин")[0].ShouldBe(["vladimir", "putin"]);
        Transliteration.Variants("Brigade Forty-Four")[0].ShouldBe(["brigade", "44"]);
    }

    [Fact]
    public void Bad_input_does_not_blow_up()
    {
        PreparedName.Parse("   ").IsEmpty.ShouldBeTrue();
        PreparedName.Parse("\u0001\u0002\u200B").IsEmpty.ShouldBeTrue();
        PreparedName.Parse(null).IsEmpty.ShouldBeTrue();
        var longName = PreparedName.Parse(string.Concat(Enumerable.Repeat("Kim Jong Un ", 1000)));
        longName.Original.Length.ShouldBeLessThanOrEqualTo(TextNormalizer.MaxNameLength);
        longName.Variants[0].Tokens.Length.ShouldBeLessThanOrEqualTo(PreparedName.MaxTokens);
        PreparedName.Parse("Kim 정은 Иван").IsEmpty.ShouldBeFalse();
    }
}
