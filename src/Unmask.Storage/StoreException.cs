namespace Unmask.Storage;

/// <summary>The store cannot be used as it is: unreachable, or written by a newer program. The message is one line for the
/// user (it names the host and port or the schema version needed, never a password); the CLI exits with code 3.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }
}
