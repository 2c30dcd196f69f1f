using Unmask.Cli;

// A fault on a thread no command awaits would otherwise end the process with a stack trace: one line and exit 3 instead.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    var (code, message) = e.ExceptionObject is Exception error ? CliApp.Describe(error) : (ExitCodes.Fault, "internal fault");
    Console.Error.WriteLine($"unmask: {message}");
    Environment.Exit(code);
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
