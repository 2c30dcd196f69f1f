using System.CommandLine;
using Spectre.Console;
using Unmask.Domain;

namespace Unmask.Cli;

/// <summary>Where output goes: machine output to stdout, progress and messages to stderr.</summary>
public sealed class CliConsole(TextWriter stdout, TextWriter stderr, TimeProvider time, bool stdoutIsTerminal, bool stderrIsTerminal)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;
    public TimeProvider Time { get; } = time;
    public bool ErrorIsTerminal { get; } = stderrIsTerminal;

    /// <summary>Spectre console writing tables to stdout.</summary>
    public IAnsiConsole Tables
    {
        get
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Out),
                Ansi = stdoutIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = stdoutIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            if (!stdoutIsTerminal)
            {
                console.Profile.Width = 240;
            }
            return console;
        }
    }

    /// <summary>Spectre console for progress on stderr (live only on a terminal).</summary>
    public IAnsiConsole Progress => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Error),
        Ansi = ErrorIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        Interactive = ErrorIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
    });

    /// <summary>The output format asked for, checked against what the command supports.</summary>
    public string Format(ParseResult parsed, params string[] supported)
    {
        var asked = parsed.GetValue(GlobalOptions.Format)?.Trim().ToLowerInvariant();
        if (asked is null)
        {
            return stdoutIsTerminal && supported.Contains("table") ? "table" : supported.Contains("json") ? "json" : supported[0];
        }
        return supported.Contains(asked)
            ? asked
            : throw new InputException("--format", null, $"'{asked}' is not supported here (use {string.Join(", ", supported)})");
    }
}
