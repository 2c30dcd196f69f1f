using System.Text;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Sources;

public sealed class HtmlDecodingTests
{
    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-32")]
    [InlineData("ibm037")]
    [InlineData("iso-2022-jp")]
    [InlineData("x-no-such-charset")]
    public void A_charset_outside_the_allowed_set_is_read_as_utf8_with_a_warning(string charset)
    {
        var bytes = Encoding.UTF8.GetBytes($"<html><head><meta charset=\"{charset}\"></head><body><p>Café +AGEAYgBj-</p></body></html>");
        var warnings = new List<string>();

        var html = HtmlDecoding.Decode(bytes, warn: warnings.Add);

        html.ShouldContain("Café +AGEAYgBj-");
        warnings.ShouldHaveSingleItem().ShouldContain($"'{charset}'");
    }

    [Theory]
    [InlineData("windows-1251", "Привет")]
    [InlineData("shift_jis", "こんにちは")]
    [InlineData("gbk", "你好世界")]
    [InlineData("euc-kr", "안녕하세요")]
    [InlineData("big5", "你好世界")]
    [InlineData("iso-8859-2", "Zażółć")]
    public void Allowed_legacy_charsets_are_honoured(string charset, string text)
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(charset == "gbk" ? "gb18030" : charset)!;
        var bytes = encoding.GetBytes($"<html><head><meta charset=\"{charset}\"></head><body><p>{text}</p></body></html>");
        var warnings = new List<string>();

        HtmlDecoding.Decode(bytes, warn: warnings.Add).ShouldContain(text);
        warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_meta_claiming_utf16_on_ascii_bytes_is_read_as_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-16\"></head><body><p>Harbor Point</p></body></html>");
        HtmlDecoding.Decode(bytes).ShouldContain("Harbor Point");
    }

    [Fact]
    public void A_content_type_header_with_a_forbidden_charset_is_refused_too()
    {
        var warnings = new List<string>();
        HtmlDecoding.Decode("<p>Hello</p>"u8.ToArray(), "text/html; charset=utf-7", warnings.Add).ShouldContain("Hello");
        warnings.ShouldHaveSingleItem();
    }
}
