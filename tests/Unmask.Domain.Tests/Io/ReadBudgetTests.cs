using Unmask.Domain.Io;

namespace Unmask.Domain.Tests.Io;

public class ReadBudgetTests
{
    private static InputException OverCap(long max) => new("list.csv", null, $"over {max} bytes");

    [Fact]
    public void A_stream_within_its_cap_reads_to_the_end()
    {
        using var stream = new BudgetedStream(new MemoryStream(new byte[10]), 10, OverCap);

        stream.CopyTo(Stream.Null);
    }

    [Fact]
    public void Reading_past_the_cap_throws_the_callers_error()
    {
        using var stream = new BudgetedStream(new MemoryStream(new byte[11]), 10, OverCap);

        var error = Should.Throw<InputException>(() => stream.CopyTo(Stream.Null));

        error.File.ShouldBe("list.csv");
        error.Reason.ShouldBe("over 10 bytes");
    }

    [Fact]
    public async Task Reading_asynchronously_past_the_cap_throws_too()
    {
        await using var stream = new BudgetedStream(new MemoryStream(new byte[11]), 10, OverCap);

        await Should.ThrowAsync<InputException>(() => stream.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Streams_sharing_a_budget_are_held_to_it_together()
    {
        var budget = new ReadBudget(15, OverCap);
        using var first = new BudgetedStream(new MemoryStream(new byte[10]), budget);
        using var second = new BudgetedStream(new MemoryStream(new byte[10]), budget);

        first.CopyTo(Stream.Null);

        Should.Throw<InputException>(() => second.CopyTo(Stream.Null)).Reason.ShouldBe("over 15 bytes");
        budget.Used.ShouldBe(20);
    }

    [Fact]
    public void Seeks_pass_through_and_bytes_read_again_are_charged_again()
    {
        using var stream = new BudgetedStream(new MemoryStream(new byte[8]), 12, OverCap);

        stream.CanSeek.ShouldBeTrue();
        stream.CopyTo(Stream.Null);
        stream.Position = 0;

        Should.Throw<InputException>(() => stream.CopyTo(Stream.Null));
    }
}
