using Unmask.Watchlists.Ioc;

namespace Unmask.Watchlists.Tests.Ioc;

public sealed class IocCsvHostileTests
{
    private readonly IocCsvReader _reader = new();

    [Fact]
    public async Task An_unbalanced_quote_is_refused()
    {
        var error = await HostileInput.RefusedTextAsync(_reader, "indicators.csv",
            "value,type\nexample-front.org,domain\n\"example-front.net,domain\nexample-front.com,domain\n");

        error.File.ShouldBe("indicators.csv");
    }

    [Fact]
    public async Task A_header_naming_a_column_twice_is_refused()
    {
        var error = await HostileInput.RefusedTextAsync(_reader, "indicators.csv", "value,type,value\nexample-front.org,domain,x\n");

        error.Line.ShouldBe(1);
    }
}
