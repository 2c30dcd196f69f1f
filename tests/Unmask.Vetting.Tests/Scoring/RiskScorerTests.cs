using Unmask.Vetting.Scoring;

namespace Unmask.Vetting.Tests.Scoring;

public sealed class RiskScorerTests
{
    private static Finding F(string code, Severity severity) => new(code, severity, "e", "s");

    [Fact]
    public void Risk_combines_distinct_codes_as_independent_probabilities()
    {
        var contributions = RiskScorer.Contributions([F("PHONE_SHARED", Severity.High), F("PHONE_VOIP", Severity.Low)], WeightsTable.VettingV1);
        RiskScorer.Risk(contributions).ShouldBe(37); // 1 - 0.7 * 0.9
    }

    [Fact]
    public void A_code_counts_once_at_its_highest_weight()
    {
        var contributions = RiskScorer.Contributions(
            [F("DOMAIN_NEW", Severity.Medium), F("DOMAIN_NEW", Severity.High), F("PHONE_SHARED", Severity.High), F("PHONE_SHARED", Severity.High)],
            WeightsTable.VettingV1);
        contributions.ShouldBe([new("DOMAIN_NEW", 25), new("PHONE_SHARED", 30)]);
    }

    [Theory]
    [InlineData(9, false, RiskLevel.Clear)]
    [InlineData(10, false, RiskLevel.Low)]
    [InlineData(30, false, RiskLevel.Medium)]
    [InlineData(55, false, RiskLevel.High)]
    [InlineData(80, false, RiskLevel.Critical)]
    [InlineData(60, true, RiskLevel.High)]
    [InlineData(3, true, RiskLevel.High)]
    [InlineData(85, true, RiskLevel.Critical)]
    public void Levels_follow_the_thresholds_and_a_critical_finding_means_at_least_high(int risk, bool critical, RiskLevel expected) =>
        RiskScorer.Level(risk, critical).ShouldBe(expected);

    [Fact]
    public void Input_issues_and_unknown_codes_weigh_nothing() =>
        WeightsTable.VettingV1.WeightOf("INPUT_INVALID_PHONE", Severity.Info).ShouldBe(0);

    [Fact]
    public void The_explanation_adds_up_to_the_risk()
    {
        var record = Some.Applicant("A-1", "Jane Doe") with { BankAccountName = "Crestline Holdings Ltd", PayoutMethod = "payoneer", InterviewVideo = Model.InterviewVideo.Refused };
        var result = Some.VetOne(record);
        var product = result.Contributions.Aggregate(1.0, (p, c) => p * (1 - (c.Value / 100.0)));
        result.Risk.ShouldBe((int)Math.Round(100 * (1 - product), MidpointRounding.AwayFromZero));
        result.Contributions.Select(c => c.Key).ShouldBe(result.Findings.Select(f => f.Code).Distinct(), ignoreOrder: true);
        result.Algorithm.ShouldBe("vetting-v1");
    }

    [Fact]
    public void Every_indicators_md_code_has_a_weight()
    {
        var codes = typeof(FindingCodes).GetFields().Where(f => f.IsLiteral && f.Name != "InputInvalidPrefix").Select(f => (string)f.GetValue(null)!);
        foreach (var code in codes)
        {
            WeightsTable.VettingV1.Rows.ShouldContain(r => r.Code == code, code);
        }
        WeightsTable.VettingV1.Rows.Select(r => r.Code).Distinct().Count().ShouldBe(42);
    }
}
