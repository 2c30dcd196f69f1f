using SharpFuzz;
using Unmask.Domain;
using Unmask.Fuzzing;

// Coverage-guided fuzzing of one reader with AFL++ and SharpFuzz (steps in bench/fuzz/README.md):
//   afl-fuzz -i bench/fuzz/corpus/TARGET -o OUT -t 10000 -m none -- dotnet Unmask.FuzzHarness.dll TARGET
// A reader that returns or throws InputException keeps its contract; any other exception is a crash for AFL.
// Instrumented code must not run before Fuzzer.Run sets up the coverage map, so the target is looked up inside it.
var targetName = args.Length > 0 ? args[0] : throw new ArgumentException("usage: Unmask.FuzzHarness TARGET");
var scratchFolder = Path.Combine(Path.GetTempPath(), $"unmask-afl-{Environment.ProcessId}");
Directory.CreateDirectory(scratchFolder);
Fuzzer.OutOfProcess.Run(stream =>
{
    var target = FuzzTargets.Named(targetName);
    var scratch = Path.Combine(scratchFolder, target.FileName);
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    try
    {
        target.Read(buffer.ToArray(), scratch);
    }
    catch (InputException)
    {
        // Refused with a reason: what bad input should get.
    }
});
