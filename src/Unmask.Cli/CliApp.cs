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
            foreach (var message in UsageErrors(parsed))
            {
                await stderr.WriteLineAsync($"unmask: {message}");
            }
            await stderr.WriteLineAsync("Run 'unmask --help' (or 'unmask COMMAND --help') for usage.");
            return ExitCodes.BadInput;
        }
        var verbose = parsed.GetValue(GlobalOptions.Verbose);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception error)
        {
            var (code, line) = Describe(error);
            var db = parsed.GetValue(GlobalOptions.Db);
            await stderr.WriteLineAsync($"unmask: {StoreLocator.Mask(line, db)}");
            if (verbose)
            {
                await stderr.WriteLineAsync(StoreLocator.Mask(error.ToString(), db));
            }
            return code;
        }
    }

    /// <summary>
    /// The one place where any failure becomes an exit code and one line: bad input (exit 2) names the file, line and
    /// reason; a decision on a case someone else decided first is a conflict (exit 1, naming the decision that won);
    /// anything else is an internal or environment fault (exit 3). The stack trace is printed only with --verbose.
    /// </summary>
    public static (int ExitCode, string Message) Describe(Exception error)
    {
        var root = Innermost(error);
        return root switch
        {
            InputException input => (ExitCodes.BadInput, input.Message),
            Unmask.Storage.CaseConflictException conflict => (ExitCodes.CaseConflict, conflict.Message),
            OperationCanceledException => (ExitCodes.Fault, "cancelled"),
            Storage.StoreException => (ExitCodes.Fault, OneLine(root.Message)),
            IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or HttpRequestException =>
                (ExitCodes.Fault, $"{root.GetType().Name}: {OneLine(root.Message)}"),
            _ => (ExitCodes.Fault, $"internal fault ({root.GetType().Name}: {OneLine(root.Message)}); please report it with the command that caused it (--verbose prints the details)"),
        };
    }

    /// <summary>The exception that says what went wrong: an InputException anywhere inside wins, since it names the input.</summary>
    private static Exception Innermost(Exception error)
    {
        if (error is AggregateException aggregate)
        {
            var inner = aggregate.Flatten().InnerExceptions;
            return inner.Select(Innermost).FirstOrDefault(e => e is InputException) ?? (inner.Count > 0 ? Innermost(inner[0]) : error);
        }
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is InputException)
            {
                return current;
            }
        }
        return error is System.Reflection.TargetInvocationException { InnerException: { } target } ? Innermost(target) : error;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>An unknown command is reported once, as unknown, not also as a missing command.</summary>
    private static IEnumerable<string> UsageErrors(ParseResult parsed)
    {
        var unmatched = parsed.UnmatchedTokens;
        var command = parsed.CommandResult.Command;
        if (unmatched.Count > 0 && command.Subcommands.Count > 0 && command.Arguments.Count == 0)
        {
            var under = command is RootCommand ? "" : $" under '{command.Name}'";
            return [$"unknown command '{unmatched[0]}'{under} (commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))})"];
        }
        if (unmatched.Count == 0 && command.Subcommands.Count > 0 && command.Action is null)
        {
            return [$"'{command.Name}' needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}"];
        }
        return parsed.Errors.Select(e => e.Message).Distinct();
    }

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            "Unmask: screen people, companies, wallets and domains against sanctions and IOC lists, unmask front-company websites, " +
            "vet applicants and vendors against DPRK IT-worker red flags, and link it all into one graph. Findings are indicators for review, never verdicts.");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Format);
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(ListsCommands.Build(console));
        root.Subcommands.Add(ScreenCommand.Build(console));
        root.Subcommands.Add(SiteCommands.Build(console));
        root.Subcommands.Add(VetCommand.Build(console));
        root.Subcommands.Add(GraphCommands.Build(console));
        root.Subcommands.Add(CaseCommands.Case(console));
        root.Subcommands.Add(CaseCommands.Audit(console));
        root.Subcommands.Add(CaseCommands.Export(console));
        root.Subcommands.Add(DemoCommand.Build(console));
        root.Subcommands.Add(DbCommands.Build(console));
        return root;
    }
}
