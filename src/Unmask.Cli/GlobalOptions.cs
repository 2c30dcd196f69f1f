using System.CommandLine;

namespace Unmask.Cli;

/// <summary>Options accepted before or after any command name.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "Store: a SQLite file path (created on first use), or PostgreSQL as postgres://user:password@host:port/database or a "
                      + "connection string (Host=...;Database=...; the password is never printed; $UNMASK_DB_WAIT seconds to wait for the server, "
                      + "default 30). Default: $UNMASK_DB, else unmask.db under $XDG_DATA_HOME/unmask or ~/.local/share/unmask",
        Recursive = true,
    };

    public static readonly Option<string?> Format = new("--format")
    {
        Description = "Output format: json, jsonl, csv, table or html (what each command supports is in its help). Default: table on a terminal, json otherwise",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On an internal fault, also print the details (stack trace) after the one-line message",
        Recursive = true,
    };
}
