namespace Unmask.Domain;

/// <summary>Bad input from outside: names the file, the line or record, and the reason. The CLI prints it and exits 2.</summary>
public sealed class InputException : Exception
{
    public InputException(string file, long? line, string reason, Exception? inner = null)
        : base(Format(file, line, reason), inner)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    public InputException()
        : this("", null, "bad input")
    {
    }

    public InputException(string message)
        : this("", null, message)
    {
    }

    public InputException(string message, Exception inner)
        : this("", null, message, inner)
    {
    }

    public string File { get; }
    public long? Line { get; }
    public string Reason { get; }

    private static string Format(string file, long? line, string reason) =>
        (file.Length == 0 ? "" : file) + (line is null ? "" : $"{(file.Length == 0 ? "" : ":")}{(file.Length == 0 ? "record " : "")}{line}")
        + (file.Length == 0 && line is null ? "" : ": ") + reason;
}
