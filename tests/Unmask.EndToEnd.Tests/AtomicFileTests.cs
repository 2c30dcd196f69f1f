using Unmask.Application.Io;
using Unmask.Domain;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Committed_content_appears_whole_under_the_name_and_nothing_else_is_left()
    {
        var path = _folder.File("report.csv");
        await using (var file = AtomicFile.Create(path))
        {
            await file.Text.WriteAsync("a,b\n1,2\n");
            File.Exists(path).ShouldBeFalse();
            await file.CommitAsync();
        }
        (await File.ReadAllTextAsync(path)).ShouldBe("a,b\n1,2\n");
        Directory.GetFiles(_folder.Path).ShouldBe([path]);
    }

    [Fact]
    public async Task A_write_that_fails_leaves_nothing_under_the_name_and_removes_the_temporary_file()
    {
        var path = _folder.File("out.jsonl");
        await Should.ThrowAsync<InputException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("{\"id\":\"R1\"}\n"u8.ToArray(), token);
            throw new InputException("in.csv", 3, "name is empty");
        }, CancellationToken.None));
        Directory.GetFiles(_folder.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_write_leaves_nothing_and_an_old_file_as_it_was()
    {
        var path = _folder.Write("out.html", "old report");
        using var cancel = new CancellationTokenSource();
        await Should.ThrowAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("<html>half"u8.ToArray(), token);
            await cancel.CancelAsync();
            token.ThrowIfCancellationRequested();
        }, cancel.Token));
        (await File.ReadAllTextAsync(path)).ShouldBe("old report");
        Directory.GetFiles(_folder.Path).ShouldBe([path]);
    }

    [Fact]
    public async Task A_commit_replaces_an_existing_file()
    {
        var path = _folder.Write("out.txt", "old");
        await AtomicFile.WriteAllTextAsync(path, "new", CancellationToken.None);
        (await File.ReadAllTextAsync(path)).ShouldBe("new");
    }

    [Fact]
    public void A_missing_folder_or_a_folder_as_target_is_bad_input_naming_the_option()
    {
        Should.Throw<InputException>(() => AtomicFile.Create(_folder.File("no/such/folder/out.csv"))).Message.ShouldStartWith("--output: ");
        Should.Throw<InputException>(() => AtomicFile.Create(_folder.Path, "--report")).Message.ShouldContain("is a folder");
    }

    [Fact]
    public async Task A_link_is_followed_and_kept()
    {
        var target = _folder.Write("real.csv", "old");
        var link = _folder.File("link.csv");
        File.CreateSymbolicLink(link, target);
        await AtomicFile.WriteAllTextAsync(link, "new", CancellationToken.None);
        new FileInfo(link).LinkTarget.ShouldBe(target);
        (await File.ReadAllTextAsync(target)).ShouldBe("new");
    }

    [Fact]
    public async Task A_device_is_written_directly_never_replaced()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        // through a link of our own, so that a rename would replace the link and never the device
        var sink = _folder.File("sink");
        File.CreateSymbolicLink(sink, "/dev/null");
        await AtomicFile.WriteAllTextAsync(sink, "discarded", CancellationToken.None);
        new FileInfo(sink).LinkTarget.ShouldBe("/dev/null");
        (await File.ReadAllTextAsync(sink)).ShouldBeEmpty();
        Directory.GetFiles(_folder.Path).ShouldBe([sink]);
    }

    public void Dispose() => _folder.Dispose();
}
