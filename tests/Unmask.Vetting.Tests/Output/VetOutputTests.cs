using System.Text;
using System.Text.Json;
using Unmask.Vetting.Output;

namespace Unmask.Vetting.Tests.Output;

public sealed class VetOutputTests
{
    private static VetRun Run()
    {
        var records = new[]
        {
            Some.Applicant("A-17", "Jane <b>Doe</b>").WithPhone("+13125550123") with { PhoneLineType = "nonFixedVoip", BankAccountName = "=HYPERLINK(\"x\")" },
            new VetRecord("V-3", RecordKind.Vendor, "Mark Olsen") { Country = "us" }.WithPhone("+13125550123"),
        };
        return Vetter.Run(records, null, Some.Context().Build());
    }

    [Fact]
    public void Json_has_the_contract_shape()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            VetJson.Write(writer, Run().Results);
        }
        using var json = JsonDocument.Parse(stream.ToArray());
        var first = json.RootElement[0];
        first.GetProperty("id").GetString().ShouldBe("A-17");
        first.GetProperty("risk").GetInt32().ShouldBeInRange(0, 100);
        first.GetProperty("level").GetString().ShouldBe("medium"); // 1 - 0.7 (shared phone) * 0.9 (VoIP) * 0.8 (pays to another name) = 50
        var finding = first.GetProperty("findings")[0];
        foreach (var key in new[] { "code", "severity", "evidence", "source" })
        {
            finding.GetProperty(key).GetString().ShouldNotBeNullOrEmpty();
        }
        first.GetProperty("links")[0].GetProperty("entity").GetString().ShouldBe("vendor:V-3");
        first.GetProperty("links")[0].GetProperty("via").GetString().ShouldBe("phone:+13125550123");
    }

    [Fact]
    public void Html_is_self_contained_encoded_and_says_indicators_for_review()
    {
        var writer = new StringWriter();
        VetHtmlReport.Write(writer, Run(), "Vetting report", Some.Clock.GetUtcNow());
        var html = writer.ToString();
        html.ShouldContain("indicators for review");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        html.ShouldNotContain("<b>Doe</b>");
        html.ShouldContain("PHONE_SHARED");
    }

    [Fact]
    public void Csv_quotes_and_defuses_formulas()
    {
        var writer = new StringWriter();
        VetCsv.Write(writer, Run().Results);
        var text = writer.ToString();
        text.ShouldStartWith("id,kind,risk,level,codes,evidence,links\r\n");
        VetCsv.Quote("=1+1").ShouldBe("'=1+1");
        VetCsv.Quote("a,\"b\"").ShouldBe("\"a,\"\"b\"\"\"");
    }
}
