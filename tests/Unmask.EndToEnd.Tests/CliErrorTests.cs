using Unmask.Cli;
using Unmask.Domain;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>Any failure ends in one line and a contract exit code: 2 for bad usage or input, 3 for faults, never a stack trace.</summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_unknown_command_is_reported_once_as_unknown()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "frobnicate", "--db", _folder.File("s.db"));
        run.ExitCode.ShouldBe(ExitCodes.BadInput);
        run.Stderr.ShouldContain("unknown command 'frobnicate'");
        run.Stderr.ShouldNotContain("Required command was not provided");

        var sub = await CliProcess.RunAsync(_folder.Path, "lists", "frob", "--db", _folder.File("s.db"));
        sub.ExitCode.ShouldBe(ExitCodes.BadInput);
        sub.Stderr.ShouldContain("unknown command 'frob' under 'lists'");
        sub.Stderr.ShouldContain("import");
    }

    [Fact]
    public async Task A_group_without_its_command_names_the_commands_it_takes()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "graph", "--db", _folder.File("s.db"));
        run.ExitCode.ShouldBe(ExitCodes.BadInput);
        run.Stderr.ShouldContain("'graph' needs a command: build, show, path, clusters");
    }

    [Fact]
    public void Bad_input_anywhere_inside_a_fault_is_reported_as_bad_input()
    {
        var input = new InputException("people.csv", 7, "column 'name' is empty");
        CliApp.Describe(new AggregateException(new InvalidOperationException("other"), new AggregateException(input)))
            .ShouldBe((ExitCodes.BadInput, input.Message));
        CliApp.Describe(new InvalidOperationException("wrapped", input)).ExitCode.ShouldBe(ExitCodes.BadInput);
    }

    [Fact]
    public void Any_other_exception_is_a_one_line_internal_fault()
    {
        var (code, message) = CliApp.Describe(new NullReferenceException("Object reference not set\nat Foo.Bar()"));
        code.ShouldBe(ExitCodes.Fault);
        message.ShouldStartWith("internal fault (NullReferenceException: Object reference not set at Foo.Bar())");
        message.ShouldNotContain("\n");
        CliApp.Describe(new OperationCanceledException()).ShouldBe((ExitCodes.Fault, "cancelled"));
    }
}
