using System.CommandLine;

namespace Unmask.Cli.Commands;

/// <summary>The options shared by the commands that reach the network (<c>lists update</c>, <c>site index|analyze</c> on a URL).</summary>
public static class NetworkOptions
{
    public static readonly Option<bool> AllowPrivate = new("--allow-private")
    {
        Description = "Also reach loopback and private addresses (an intranet or a test server; plain http:// to them too). "
            + "Refused by default; cloud metadata and reserved addresses are refused even with it",
    };

    /// <summary>Whether <c>--allow-private</c> was given; says so on stderr, since it lifts a safety rule.</summary>
    public static async Task<bool> AllowsPrivateAsync(ParseResult parsed, CliConsole console)
    {
        var allowed = parsed.GetValue(AllowPrivate);
        if (allowed)
        {
            await console.Error.WriteLineAsync("warning: --allow-private: loopback and private addresses may be reached");
        }
        return allowed;
    }
}
