using System.Diagnostics;
using Unmask.Domain;

namespace Unmask.Fuzzing;

/// <summary>
/// Runs a target on one input and says whether it kept the reader contract: return normally or throw
/// <see cref="InputException"/>, within a time bound. A hung reader cannot be stopped in .NET, so it is left running on its
/// own thread and the next input gets a fresh scratch folder.
/// </summary>
public sealed class FuzzRunner : IDisposable
{
    private readonly string _scratchRoot;
    private int _scratchGeneration;

    public FuzzRunner(TimeSpan timeBound)
    {
        TimeBound = timeBound;
        _scratchRoot = Path.Combine(Path.GetTempPath(), "unmask-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_scratchRoot);
    }

    public TimeSpan TimeBound { get; }

    public FuzzResult Run(FuzzTarget target, byte[] input)
    {
        var scratch = ScratchPath(target);
        var watch = Stopwatch.StartNew();
        var run = Task.Factory.StartNew(() => target.Read(input, scratch), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        bool finished;
        try
        {
            finished = run.Wait(TimeBound);
        }
        catch (AggregateException)
        {
            finished = true;
        }
        if (!finished)
        {
            Interlocked.Increment(ref _scratchGeneration);
            return new FuzzResult(FuzzOutcome.Hung, null, watch.Elapsed);
        }
        var error = run.Exception?.InnerException;
        return error switch
        {
            null => new FuzzResult(FuzzOutcome.Read, null, watch.Elapsed),
            InputException => new FuzzResult(FuzzOutcome.Refused, error, watch.Elapsed),
            _ => new FuzzResult(FuzzOutcome.Crashed, error, watch.Elapsed),
        };
    }

    private string ScratchPath(FuzzTarget target)
    {
        var folder = Path.Combine(_scratchRoot, _scratchGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, target.FileName);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratchRoot, recursive: true);
        }
        catch (IOException)
        {
            // A hung reader may still hold its scratch file open; the folder is in the temporary directory.
        }
    }
}
