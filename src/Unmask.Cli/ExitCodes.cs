namespace Unmask.Cli;

/// <summary>Exit codes of CONTRACT.md.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Flagged = 1;

    /// <summary>A decision refused because someone else decided the case first (CONTRACT.md has no code of its own for it:
    /// the command ran and has something to flag; nothing was changed, look at the case again).</summary>
    public const int CaseConflict = Flagged;
    public const int BadInput = 2;
    public const int Fault = 3;
}
