using Unmask.Vetting.Indicators;
using Unmask.Vetting.Scoring;

namespace Unmask.Vetting.Tests.Indicators;

/// <summary>INDICATORS.md §2: geography only for consistency, never origin, nationality or language.</summary>
public sealed class EthicsTests
{
    private static IEnumerable<SignIn> KstBusinessHours(string user, string country, string ip = "121.130.5.9")
    {
        var monday = new DateTimeOffset(2026, 10, 5, 1, 0, 0, TimeSpan.Zero); // 10:00 KST
        for (var i = 0; i < 30; i++)
        {
            var day = monday.AddDays((i / 5 * 7) + (i % 5));
            yield return Some.SignIn(user, day.AddHours(i % 7), ip, country);
        }
    }

    [Theory]
    [InlineData("kr")]
    [InlineData("jp")]
    [InlineData("cn")]
    [InlineData("au")]
    [InlineData("ph")]
    public void Work_hours_kst_never_fires_for_people_who_claim_utc_plus_8_to_10(string claimed)
    {
        var result = Some.VetOne(Some.Applicant("A-1", "Kim Min-jun", claimed), KstBusinessHours("A-1", claimed));
        result.Findings.ShouldNotContain(f => f.Code == FindingCodes.WorkHoursKst);
        result.Level.ShouldBe(RiskLevel.Clear);
    }

    [Fact]
    public void Work_hours_kst_fires_when_the_claimed_clock_is_far_from_korea()
    {
        var result = Some.VetOne(Some.Applicant("A-1", "John Carter", "us"), KstBusinessHours("A-1", "us", "73.12.40.5"));
        result.Findings.ShouldContain(f => f.Code == FindingCodes.WorkHoursKst);
    }

    [Theory]
    [InlineData("cn")]
    [InlineData("ru")]
    public void Signin_cn_ru_never_fires_for_people_who_say_they_live_there(string country)
    {
        var signIns = Enumerable.Range(0, 10).Select(i => Some.SignIn("A-1", new DateTimeOffset(2026, 10, 5, 3, 0, 0, TimeSpan.Zero).AddDays(i), "58.20.1.1", country));
        var result = Some.VetOne(Some.Applicant("A-1", "Wang Wei", country), signIns);
        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Signin_cn_ru_fires_when_nobody_claims_to_be_there()
    {
        var signIns = Enumerable.Range(0, 10).Select(i => Some.SignIn("A-1", new DateTimeOffset(2026, 10, 5, 15, 0, 0, TimeSpan.Zero).AddDays(i), "58.20.1.1", i < 4 ? "cn" : "us"));
        var result = Some.VetOne(Some.Applicant("A-1", "John Carter", "us"), signIns);
        result.Findings.ShouldContain(f => f.Code == FindingCodes.SigninCnRuIp);
    }

    [Fact]
    public void Payout_foreign_never_fires_when_the_bank_is_where_the_person_lives()
    {
        var record = Some.Applicant("A-1", "Zhang Wei", "cn") with { BankCountry = "cn" };
        PaymentIndicators.PayoutForeign(record).ShouldBeNull();
    }

    [Theory]
    [InlineData("Kim Jong Un")]
    [InlineData("Pak Chol Su")]
    [InlineData("Li Wei")]
    [InlineData("José García")]
    [InlineData("Oluwaseun Adeyemi")]
    public void A_name_alone_never_produces_a_finding(string name)
    {
        // No screening is configured, so even a designated person's name produces nothing here: names are never scored by origin.
        var record = new Model.VetRecord("A-1", Model.RecordKind.Applicant, name) { Country = "kp" };
        Some.VetOne(record).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Email_name_mismatch_never_compares_across_scripts()
    {
        var record = Some.Applicant("A-1", "김민준") with { Email = E("mark.jensen@gmail.com") };
        IdentityIndicators.EmailNameMismatch(record).ShouldBeNull();
    }

    [Fact]
    public void Email_name_mismatch_fires_for_another_persons_name_and_not_for_ones_own()
    {
        IdentityIndicators.EmailNameMismatch(Some.Applicant("A-1", "Tomas Reyes") with { Email = E("mark.jensen@gmail.com") }).ShouldNotBeNull();
        IdentityIndicators.EmailNameMismatch(Some.Applicant("A-1", "Kim Min-jun") with { Email = E("minjun.kim88@gmail.com") }).ShouldBeNull();
        IdentityIndicators.EmailNameMismatch(Some.Applicant("A-1", "Mark Jensen") with { Email = E("markjensen@gmail.com") }).ShouldBeNull();
    }

    private static Unmask.Domain.Identifiers.EmailAddress E(string text) =>
        Unmask.Domain.Identifiers.EmailAddress.TryParse(text, out var e) ? e : throw new ArgumentException(text);
}
