namespace Unmask.Fuzzing;

public enum FuzzOutcome
{
    /// <summary>The reader returned normally.</summary>
    Read,

    /// <summary>The reader refused the input with an <see cref="Unmask.Domain.InputException"/>: the contract for bad input.</summary>
    Refused,

    /// <summary>Any other exception: the CLI would abort or report an internal fault.</summary>
    Crashed,

    /// <summary>The reader did not finish within the time bound.</summary>
    Hung,
}

/// <param name="Error">The exception of a crash (or refusal).</param>
public sealed record FuzzResult(FuzzOutcome Outcome, Exception? Error, TimeSpan Elapsed)
{
    public bool IsAcceptable => Outcome is FuzzOutcome.Read or FuzzOutcome.Refused;

    /// <summary>The outcome, the exception type and the first frame in our code: one line per distinct defect.</summary>
    public string Signature
    {
        get
        {
            if (Error is null)
            {
                return Outcome.ToString();
            }
            var frame = Error.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at Unmask.", StringComparison.Ordinal));
            return $"{Outcome}: {Error.GetType().Name} at {(frame is null ? "?" : frame[3..].Split('(')[0])}";
        }
    }

    public override string ToString() => Error is null ? Outcome.ToString() : $"{Outcome}: {Error.GetType().Name}: {Error.Message}";
}
