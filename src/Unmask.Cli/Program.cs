using Unmask.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
