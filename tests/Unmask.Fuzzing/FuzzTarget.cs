namespace Unmask.Fuzzing;

/// <summary>Reads one fuzz input the way the program reads a file of that kind. <paramref name="scratchPath"/> is a free file
/// path with the target's file name, for readers that only take paths.</summary>
public delegate void FuzzRead(byte[] input, string scratchPath);

/// <summary>One reader or parser under fuzz: its name (also its corpus folder under bench/fuzz/corpus/), the file name its
/// input is saved as (the extension chooses the reader in vetting and site loading) and how to read an input.</summary>
public sealed record FuzzTarget(string Name, string FileName, FuzzRead Read)
{
    public override string ToString() => Name;
}
