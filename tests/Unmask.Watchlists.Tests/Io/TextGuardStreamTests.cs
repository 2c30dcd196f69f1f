using System.Text;
using Unmask.TestKit;
using Unmask.Watchlists.Eu;
using Unmask.Watchlists.FollowTheMoney;
using Unmask.Watchlists.Ioc;
using Unmask.Watchlists.Ofac;
using Unmask.Watchlists.Uk;

namespace Unmask.Watchlists.Tests.Io;

/// <summary>Every text list reader refuses a line over the line limit and a NUL byte, naming the line, as it streams.
/// Each case is one of our fictional fixtures with a hostile line appended.</summary>
public sealed class TextGuardStreamTests
{
    private static readonly Dictionary<string, (IListReader Reader, string Fixture)> Formats = new()
    {
        ["ofac-csv"] = (new OfacSdnCsvReader(), "ofac/csv/sdn.csv"),
        ["uk-ofsi-csv"] = (new UkOfsiCsvReader(), "uk/ConList_fictional.csv"),
        ["eu-fsf-csv"] = (new EuFsfCsvReader(), "eu/fsf_global_fictional.csv"),
        ["ftm"] = (new FollowTheMoneyJsonReader(), "ftm/entities.ftm.json"),
        ["ioc-text"] = (new IocTextReader(), "ioc/front_indicators.txt"),
        ["ioc-csv"] = (new IocCsvReader(), "ioc/generic_value_type.csv"),
    };

    public static TheoryData<string> Readers => [.. Formats.Keys];

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task The_fixture_alone_is_read(string format)
    {
        var (reader, fixture) = Formats[format];

        var (entities, _) = await HostileInput.ReadAsync(reader, Path.GetFileName(fixture), FixtureWithLine(fixture, "", out _));

        entities.ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task A_line_over_the_line_limit_is_refused_with_its_number(string format)
    {
        var (reader, fixture) = Formats[format];
        var bytes = FixtureWithLine(fixture, new string('x', 5 * 1024 * 1024), out var line);

        var error = await HostileInput.RefusedAsync(reader, Path.GetFileName(fixture), bytes);

        error.Reason.ShouldBe("line is longer than 4,194,304 bytes: refused");
        error.Line.ShouldBe(line);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task A_nul_byte_is_refused_with_its_line(string format)
    {
        var (reader, fixture) = Formats[format];
        var bytes = FixtureWithLine(fixture, "Kim\0Jong Un", out var line);

        var error = await HostileInput.RefusedAsync(reader, Path.GetFileName(fixture), bytes);

        error.Reason.ShouldContain("NUL byte");
        error.Line.ShouldBe(line);
    }

    [Theory]
    [InlineData("ftm")]
    [InlineData("ioc-text")]
    [InlineData("ioc-csv")]
    public async Task A_utf16_file_with_a_byte_order_mark_is_still_read_by_the_readers_that_decode_by_bom(string format)
    {
        var (reader, fixture) = Formats[format];
        var text = File.ReadAllText(RepoPaths.Fixture(["lists", .. fixture.Split('/')]));

        var (entities, _) = await HostileInput.ReadAsync(reader, Path.GetFileName(fixture), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);

        entities.ShouldNotBeEmpty();
    }

    /// <summary>The fixture's bytes with <paramref name="extra"/> as a line of its own after them (none when empty).</summary>
    private static byte[] FixtureWithLine(string fixture, string extra, out long line)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Fixture(["lists", .. fixture.Split('/')])).ToList();
        if (extra.Length > 0 && bytes[^1] != (byte)'\n')
        {
            bytes.Add((byte)'\n');
        }
        line = bytes.Count(b => b == (byte)'\n') + 1;
        bytes.AddRange(Encoding.UTF8.GetBytes(extra));
        return [.. bytes];
    }
}
