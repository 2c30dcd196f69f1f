using Unmask.Domain;

namespace Unmask.Watchlists.Tests;

public sealed class ListInputTests
{
    [Fact]
    public void A_file_over_the_size_cap_is_refused_by_name_with_the_option_to_raise_it()
    {
        var input = ListInput.FromBytes("lists/sdn.csv", new byte[1_001], maxBytes: 1_000);
        using var stream = input.Open();

        var error = Should.Throw<InputException>(() => stream.CopyTo(Stream.Null));

        error.File.ShouldBe("lists/sdn.csv");
        error.Reason.ShouldBe("file is larger than the size cap of 1,000 bytes (raise it with --max-bytes)");
    }

    [Fact]
    public void A_companion_over_the_size_cap_is_refused_by_its_own_name()
    {
        var input = ListInput.FromBytes("sdn.csv", new byte[10], new Dictionary<string, byte[]> { ["alt.csv"] = new byte[1_001] }, maxBytes: 1_000);
        using var companion = input.OpenCompanion("ALT.CSV").ShouldNotBeNull();

        Should.Throw<InputException>(() => companion.CopyTo(Stream.Null)).File.ShouldBe("ALT.CSV");
    }

    [Fact]
    public void A_file_within_the_cap_stays_seekable_for_readers_of_zip_containers()
    {
        var input = ListInput.FromBytes("list.xlsx", new byte[100], maxBytes: 1_000);
        using var stream = input.Open();

        stream.CanSeek.ShouldBeTrue();
        stream.Seek(90, SeekOrigin.Begin);
        stream.Read(new byte[20]).ShouldBe(10);
    }
}
