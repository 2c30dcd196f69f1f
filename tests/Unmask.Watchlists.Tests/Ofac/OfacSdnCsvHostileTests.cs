using System.Text;
using Unmask.Watchlists.Ofac;

namespace Unmask.Watchlists.Tests.Ofac;

/// <summary>Hostile OFAC legacy CSV: each is refused as bad input naming the line, in time linear in the file.</summary>
public sealed class OfacSdnCsvHostileTests
{
    private const string Empties = "-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ";
    private readonly OfacSdnCsvReader _reader = new();

    [Fact]
    public async Task An_ent_num_of_the_empty_marker_is_bad_input_not_a_crash()
    {
        // Issue 13, defect 4: this was a NullReferenceException.
        var bytes = OfacTestSupport.Crlf($"90001,\"EXAMPLE TRADING CO\",-0- ,\"DPRK3\",{Empties}", $"-0- ,\"EXAMPLE SHIPPING CO\",-0- ,\"DPRK3\",{Empties}");

        var error = await HostileInput.RefusedAsync(_reader, "sdn.csv", bytes);

        error.Line.ShouldBe(2);
        error.Reason.ShouldBe("ent_num is empty");
    }

    [Fact]
    public async Task A_field_over_the_field_limit_is_refused()
    {
        var bytes = OfacTestSupport.Crlf($"90001,\"EXAMPLE TRADING CO\",-0- ,\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"{new string('r', 70_000)}\"");

        var error = await HostileInput.RefusedAsync(_reader, "sdn.csv", bytes);

        error.Line.ShouldBe(1);
        error.Reason.ShouldBe("field 12 is 70,000 characters, over the limit of 65,536: refused");
    }

    [Fact]
    public async Task An_unterminated_quote_over_many_short_lines_is_refused_without_rescanning_the_record()
    {
        // 2.2 million one-character lines inside an open quote: re-splitting the whole record at each line took hours.
        var text = new StringBuilder("90001,\"EXAMPLE TRADING CO\",-0- ,\"DPRK3");
        text.Insert(text.Length, "\nx", 2_200_000);

        var error = await HostileInput.RefusedTextAsync(_reader, "sdn.csv", text.ToString());

        error.Line.ShouldBe(1);
        error.Reason.ShouldContain("quoted field runs over more than 4,194,304 characters");
    }

    [Fact]
    public async Task Remarks_continued_past_the_record_limit_are_refused()
    {
        var sdn = OfacTestSupport.Crlf($"90001,\"EXAMPLE TRADING CO\",-0- ,\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1980\"");
        var comments = OfacTestSupport.Crlf([.. Enumerable.Repeat($"90001,\"{new string('c', 1_000)}\"", 30)]);
        var input = ListInput.FromBytes("sdn.csv", sdn, new Dictionary<string, byte[]> { ["sdn_comments.csv"] = comments },
            limits: new ReadLimits(MaxRecordChars: 20_000));

        var error = await Should.ThrowAsync<Unmask.Domain.InputException>(() => OfacTestSupport.ReadAll(_reader, input));

        error.Reason.ShouldBe("ent_num 90001: Remarks with their 30 continuation rows are 30,008 characters, over the limit of 20,000");
    }

    [Fact]
    public async Task A_quoted_field_may_still_span_lines_and_hold_doubled_quotes()
    {
        var bytes = OfacTestSupport.Crlf($"90001,\"EXAMPLE \"\"TRADING\"\"", $"CO\",-0- ,\"DPRK3\",{Empties}");

        var (entities, _) = await HostileInput.ReadAsync(_reader, "sdn.csv", bytes);

        entities.ShouldHaveSingleItem().Get("name").ShouldBe(["EXAMPLE \"TRADING\" CO"]);
    }
}
