namespace Unmask.Domain.Io;

/// <summary>Bytes that may still be read (or decompressed) from one input, shared by every stream reading it: a cap that holds
/// while reading, so a 3 MB archive that inflates to 3 GB is refused after the cap, not after the 3 GB.</summary>
public sealed class ReadBudget(long maxBytes, Func<long, InputException> overLimit)
{
    public long Used { get; private set; }

    public long MaxBytes => maxBytes;

    /// <summary>Counts <paramref name="bytes"/> and throws the caller's <see cref="InputException"/> once past the cap.</summary>
    public void Charge(long bytes)
    {
        Used += bytes;
        if (Used > maxBytes)
        {
            throw overLimit(maxBytes);
        }
    }
}

/// <summary>A read view of a stream that charges every byte read to a <see cref="ReadBudget"/>. Seeks pass through to a
/// seekable inner stream (a zip reader needs them), and bytes read again after a seek are charged again.</summary>
public sealed class BudgetedStream(Stream inner, ReadBudget budget) : CheckedReadStream(inner)
{
    /// <summary>A stream with a budget of its own: a size cap on this one input.</summary>
    public BudgetedStream(Stream inner, long maxBytes, Func<long, InputException> overLimit)
        : this(inner, new ReadBudget(maxBytes, overLimit))
    {
    }

    protected override int Check(ReadOnlySpan<byte> read)
    {
        budget.Charge(read.Length);
        return read.Length;
    }
}
