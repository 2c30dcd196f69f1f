namespace Unmask.Cli;

/// <summary>Exit codes of CONTRACT.md.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Flagged = 1;
    public const int BadInput = 2;
    public const int Fault = 3;
}
