using System.CommandLine;
using Unmask.Cli.Commands;
using Unmask.Domain;

namespace Unmask.Cli;

/// <summary>The <c>unmask</c> command line: parses arguments, calls the application, maps failures to exit codes.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        var console = new CliConsole(stdout, stderr, time, ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
            ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);
        var root = Build(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"unmask: {error.Message}");
            }
            await stderr.WriteLineAsync("Run 'unmask --help' (or 'unmask COMMAND --help') for usage.");
            return ExitCodes.BadInput;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException error)
        {
            await stderr.WriteLineAsync($"unmask: {error.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("unmask: cancelled");
            return ExitCodes.Fault;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"unmask: {error.GetType().Name}: {error.Message}");
            return ExitCodes.Fault;
        }
    }

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            "Unmask: screen people, companies, wallets and domains against sanctions and IOC lists, unmask front-company websites, " +
            "vet applicants and vendors against DPRK IT-worker red flags, and link it all into one graph. Findings are indicators for review, never verdicts.");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Format);
        root.Subcommands.Add(ListsCommands.Build(console));
        root.Subcommands.Add(ScreenCommand.Build(console));
        root.Subcommands.Add(SiteCommands.Build(console));
        root.Subcommands.Add(VetCommand.Build(console));
        root.Subcommands.Add(GraphCommands.Build(console));
        root.Subcommands.Add(CaseCommands.Case(console));
        root.Subcommands.Add(CaseCommands.Audit(console));
        root.Subcommands.Add(CaseCommands.Export(console));
        root.Subcommands.Add(DemoCommand.Build(console));
        return root;
    }
}
