using System.Text;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Sources;

public sealed class HtmlShapeTests
{
    private static string Nested(int depth) =>
        "<html><body>" + new StringBuilder().Insert(0, "<div>", depth) + "x" + new StringBuilder().Insert(0, "</div>", depth) + "</body></html>";

    // A hang guard, not a speed check (speed is measured in bench/): the scan stops at the first element too deep.
    [Fact(Timeout = 120_000)]
    public async Task A_hundred_thousand_nested_divs_pass_the_depth_limit_at_the_first_div_too_deep()
    {
        var html = Nested(100_000);

        var shape = await Task.Run(() => HtmlShape.Measure(html, maxElements: 200_000, maxDepth: 512), TestContext.Current.CancellationToken);

        shape.Problem!.ShouldContain("deeper than 512");
        shape.Depth.ShouldBe(512);
        html[shape.LimitAt..].ShouldStartWith("<div>");
    }

    [Fact]
    public void A_quote_inside_a_tag_name_does_not_hide_the_markup_after_it()
    {
        // Found by fuzzing: "<ti{"a":{"a"..." left a quote open to the end of the page, so the scan saw no <div> while the
        // parser built 46,000 nested ones.
        var html = "<html><body><ti{\"a\":{\"a\":{\"a\">" + new StringBuilder().Insert(0, "<div>", 1_000) + "</body></html>";

        var shape = HtmlShape.Measure(html, maxElements: 200_000, maxDepth: 512);

        shape.Problem!.ShouldContain("deeper than 512");
    }

    [Fact]
    public void A_quoted_attribute_value_may_hold_a_closing_bracket()
    {
        var shape = HtmlShape.Measure("<p title = \"a > b\" data-x='<div>'>text</p><div></div>", maxElements: 10, maxDepth: 10);

        shape.Problem.ShouldBeNull();
        shape.Elements.ShouldBe(2);
    }

    [Fact]
    public void Unclosed_paragraphs_list_items_and_cells_are_siblings_not_nesting()
    {
        var rows = string.Concat(Enumerable.Repeat("<tr><td>a<td>b<p>one<p>two<li>item<li>item<br><img src=x>", 2_000));
        var html = $"<html><head><script>if (a < b) {{ '<div>' }}</script><!-- <div><div> --></head><body><table>{rows}</table></body></html>";

        var shape = HtmlShape.Measure(html, maxElements: 200_000, maxDepth: 512);

        shape.Problem.ShouldBeNull();
        shape.LimitAt.ShouldBe(-1);
        shape.Depth.ShouldBeLessThan(12);
    }

    [Fact]
    public void Too_many_elements_stop_at_the_first_one_over()
    {
        var html = "<body>" + string.Concat(Enumerable.Repeat("<span>a</span>", 1_000)) + "</body>";
        var shape = HtmlShape.Measure(html, maxElements: 500, maxDepth: 512);
        shape.Problem!.ShouldContain("more than 500 elements");
        shape.Elements.ShouldBe(500);
    }

    [Fact]
    public void Any_text_is_measured_without_an_exception()
    {
        var random = new Random(13);
        var alphabet = "<>/!-='\"abcdivp \n";
        for (var i = 0; i < 2_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var shape = HtmlShape.Measure(text, maxElements: 50, maxDepth: 5);
            shape.LimitAt.ShouldBeLessThan(text.Length);
        }
    }
}
