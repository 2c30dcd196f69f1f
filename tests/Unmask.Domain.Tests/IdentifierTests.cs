using Unmask.Domain.Identifiers;

namespace Unmask.Domain.Tests;

public class IdentifierTests
{
    [Theory]
    [InlineData("Jane.Doe+jobs@GMail.com", "jane.doe+jobs@gmail.com", "janedoe@gmail.com")]
    [InlineData("tongyuze@jswc[.]com[.]cn", "tongyuze@jswc.com.cn", "tongyuze@jswc.com.cn")]
    [InlineData("mailto:Info@Example.COM", "info@example.com", "info@example.com")]
    public void Emails_are_lower_cased_and_canonicalised(string text, string value, string canonical)
    {
        EmailAddress.TryParse(text, out var email).ShouldBeTrue();
        email.Value.ShouldBe(value);
        email.Canonical.ShouldBe(canonical);
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("a@b")]
    [InlineData("@example.com")]
    public void Non_emails_are_refused(string text) => EmailAddress.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("https://www.InditechLab.com/about?x=1", "inditechlab.com")]
    [InlineData("hopanatech[.]com", "hopanatech.com")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    public void Domains_are_normalised(string text, string expected)
    {
        DomainName.TryParse(text, out var domain).ShouldBeTrue();
        domain.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("0x4F47Bc496083C727c5fbe3CE9CDf2B0f6496270c", "evm", "0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c")]
    [InlineData("1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "btc", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ")]
    [InlineData("bc1qAbcdefghjkmnpqrstuvwxyz023456789ac", "btc", "bc1qabcdefghjkmnpqrstuvwxyz023456789ac")]
    public void Wallets_know_their_chain(string text, string chain, string address)
    {
        CryptoWalletAddress.TryParse(text, out var wallet).ShouldBeTrue();
        wallet.Chain.ShouldBe(chain);
        wallet.Address.ShouldBe(address);
    }

    [Fact]
    public void Networks_contain_their_addresses()
    {
        IpNetwork.TryParse("175.45.176.0/22", out var dprk).ShouldBeTrue();
        dprk.Contains(System.Net.IPAddress.Parse("175.45.179.255")).ShouldBeTrue();
        dprk.Contains(System.Net.IPAddress.Parse("175.45.180.1")).ShouldBeFalse();
        IpNetwork.TryParse("300.1.1.1", out _).ShouldBeFalse();
        IpNetwork.TryParse("1.2.3.4/33", out _).ShouldBeFalse();
    }
}
