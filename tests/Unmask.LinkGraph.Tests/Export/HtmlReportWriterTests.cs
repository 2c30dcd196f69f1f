using System.Text;
using Unmask.Domain;
using Unmask.LinkGraph.Export;
using Unmask.LinkGraph.Tests.Support;

namespace Unmask.LinkGraph.Tests.Export;

public class HtmlReportWriterTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 30, 14, 5, 0, TimeSpan.Zero);

    private static ExportContent CaseContent()
    {
        var graph = Scenario.Graph();
        var selection = GraphSelection.Of(graph, ["applicant:A-17", "vendor:V-3", "entity:test_sdn-1"]);
        var item = new CaseExport("case-7", "vendor:V-3", "escalated", "analyst-<1>", Opened, ["applicant:A-17", "vendor:V-3"],
            [new CaseFindingExport("vendor:V-3", "PHONE_SHARED", "high", "phone +13125550123 also on <applicant> A-17 & more", "PSA-2025-01",
                new Dictionary<string, string>())],
            [new CaseDecisionExport("escalated", "same phone as \"A-17\" <b>and</b> a listed wallet", "analyst-2", Opened.AddHours(2))],
            [new CaseAuditExport(1, Opened, "analyst-<1>", "case.open", "subject vendor:V-3; 2 members, 1 findings", "9f2c…"),
             new CaseAuditExport(2, Opened.AddHours(2), "analyst-2", "case.decide", "escalated: same phone", "41aa…")]);
        var datasets = new Dictionary<string, Dataset>
        {
            ["test_sdn"] = new("test_sdn", "Test sanctions list", "Ministry of <Examples>", new DateOnly(2026, 11, 1), DatasetKind.Sanctions),
        };
        return new ExportContent(selection, new Dictionary<string, Entity>(), datasets, [item], ExportContents.ExportedAt);
    }

    private static string Html(ExportContent content)
    {
        using var stream = new MemoryStream();
        HtmlReportWriter.Write(content, stream, new HtmlReportOptions("Unmask case-7"));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void The_case_shows_its_decisions_with_analyst_time_and_reason()
    {
        var html = Html(CaseContent());

        html.ShouldContain("<h2>Case case-7: vendor:V-3</h2>");
        html.ShouldContain("Status <b>escalated</b>; opened 2026-11-30 14:05:00 UTC by analyst-&lt;1&gt;");
        html.ShouldContain("<tr><td>escalated</td><td>analyst-2</td><td>2026-11-30 16:05:00 UTC</td><td>same phone as &quot;A-17&quot; &lt;b&gt;and&lt;/b&gt; a listed wallet</td></tr>");
    }

    [Fact]
    public void The_case_shows_its_findings_with_evidence_and_its_audit_entries()
    {
        var html = Html(CaseContent());

        html.ShouldContain("<tr><td>vendor:V-3</td><td>PHONE_SHARED</td><td>high</td><td>phone +13125550123 also on &lt;applicant&gt; A-17 &amp; more</td><td>PSA-2025-01</td></tr>");
        html.ShouldContain("<tr><td>1</td><td>2026-11-30 14:05:00 UTC</td><td>analyst-&lt;1&gt;</td><td>case.open</td>");
        html.ShouldContain("<td>case.decide</td><td>escalated: same phone</td>");
    }

    [Fact]
    public void Designated_entries_and_sources_name_the_list_publisher()
    {
        var html = Html(CaseContent());

        html.ShouldContain("designated list entry (test_sdn (Ministry of &lt;Examples&gt;))");
        html.ShouldContain("<tr><td>test_sdn</td><td>Test sanctions list</td><td>Ministry of &lt;Examples&gt;</td><td>2026-11-01</td></tr>");
        html.ShouldNotContain("<Examples>");
    }

    [Fact]
    public void Long_values_wrap_inside_the_page_and_the_report_is_the_same_each_time()
    {
        var html = Html(CaseContent());

        html.ShouldContain("overflow-wrap:anywhere");
        html.ShouldContain("<meta name=\"viewport\"");
        Html(CaseContent()).ShouldBe(html);
    }

    [Fact]
    public void A_selection_without_cases_has_no_case_section()
    {
        var html = Html(ExportContents.Of(GraphSelection.All(Scenario.Graph())));

        html.ShouldNotContain("<h2>Case ");
        html.ShouldNotContain("<h2>Lists</h2>");
    }
}
