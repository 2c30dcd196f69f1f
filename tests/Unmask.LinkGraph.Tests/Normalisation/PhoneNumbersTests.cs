using Unmask.LinkGraph.Normalisation;

namespace Unmask.LinkGraph.Tests.Normalisation;

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("+13125550123", null, "+13125550123")]
    [InlineData("+1 (312) 555-0123", null, "+13125550123")]
    [InlineData("(312) 555-0123", "us", "+13125550123")]
    [InlineData("1-312-555-0123", "US", "+13125550123")]
    [InlineData("13125550123", null, "+13125550123")]
    [InlineData("011 44 20 7946 0018", "us", "+442079460018")]
    [InlineData("0044 20 7946 0018", null, "+442079460018")]
    [InlineData("020 7946 0018", "gb", "+442079460018")]
    [InlineData("06 12 34 56 78", "fr", "+33612345678")]
    [InlineData("06 1234 5678", "it", "+390612345678")]
    [InlineData("+1 312 555 0123 ext. 12", null, "+13125550123")]
    public void Normalises_to_E164(string text, string? country, string expected)
    {
        PhoneNumbers.TryNormalise(text, country, out var e164).ShouldBeTrue();
        e164.ShouldBe(expected);
    }

    [Theory]
    [InlineData("555-0123", "us")]
    [InlineData("020 7946 0018", null)]
    [InlineData("call me", "us")]
    [InlineData("+12", null)]
    [InlineData("", "us")]
    public void Rejects_what_it_cannot_place(string text, string? country) =>
        PhoneNumbers.TryNormalise(text, country, out _).ShouldBeFalse();
}
