using Unmask.Domain;

namespace Unmask.Screening.Tests;

public sealed class ScreeningHtmlTests
{
    private static readonly Screener Screener = new(ScreeningIndex.Build(
    [
        new Entity("t-1", Schemas.Person, "test_list").Add("name", "KIM, Jong <b>Un</b>").Add("program", "DPRK3"),
    ]));

    [Fact]
    public void A_page_lists_each_answer_and_escapes_every_value_from_queries_and_lists()
    {
        var response = Screener.Screen(ScreeningQuery.ForName("Kim Jong Un"), new ScreeningOptions());
        var page = new StringWriter();
        ScreeningHtml.WriteStart(page, "Screening: <queries>.csv", new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        ScreeningHtml.WriteAnswer(page, "Q-1", "<script>alert(1)</script>", response, null);
        ScreeningHtml.WriteAnswer(page, "Q-2", "!!!", null, "row 3: name '!!!' has no letters or digits to match on");
        ScreeningHtml.WriteEnd(page, 1, 1, 1);
        var html = page.ToString();

        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("Screening: &lt;queries&gt;.csv");
        html.ShouldContain("Generated 2026-12-07 12:00 UTC");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.ShouldNotContain("<script>");
        html.ShouldContain("KIM, Jong &lt;b&gt;Un&lt;/b&gt;");
        html.ShouldContain("<td class=\"match\">yes</td>");
        html.ShouldContain("not screened: row 3: name &#39;!!!&#39; has no letters");
        html.ShouldContain("1 screened, 1 with a match, 1 bad rows not screened");
        html.TrimEnd().ShouldEndWith("</body></html>");
    }
}
