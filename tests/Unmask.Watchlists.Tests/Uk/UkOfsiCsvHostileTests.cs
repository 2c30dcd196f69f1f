using Unmask.TestKit;
using Unmask.Watchlists.Uk;

namespace Unmask.Watchlists.Tests.Uk;

public sealed class UkOfsiCsvHostileTests
{
    private readonly UkOfsiCsvReader _reader = new();

    [Fact]
    public async Task A_record_left_open_by_a_quote_is_refused_once_it_passes_the_record_limit()
    {
        var bytes = File.ReadAllBytes(RepoPaths.Fixture("lists", "uk", "ConList_fictional.csv"))
            .Concat("\n\"KIM"u8.ToArray()).Concat(Enumerable.Repeat((byte)'\n', 50_000)).ToArray();

        var error = await HostileInput.RefusedAsync(_reader, "ConList.csv", bytes, new ReadLimits(MaxLineBytes: 10_000));

        error.Reason.ShouldBe("record is longer than 10,000 bytes: an unterminated quote?");
    }

    [Fact]
    public async Task A_field_over_the_field_limit_is_refused()
    {
        var bytes = File.ReadAllBytes(RepoPaths.Fixture("lists", "uk", "ConList_fictional.csv"))
            .Concat("\n\""u8.ToArray()).Concat(Enumerable.Repeat((byte)'K', 70_000)).Concat("\",x\n"u8.ToArray()).ToArray();

        var error = await HostileInput.RefusedAsync(_reader, "ConList.csv", bytes);

        error.Reason.ShouldBe("field 1 is 70,000 characters, over the limit of 65,536: refused");
    }
}
