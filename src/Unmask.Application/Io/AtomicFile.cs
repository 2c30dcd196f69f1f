using System.Text;
using Unmask.Domain;

namespace Unmask.Application.Io;

/// <summary>
/// An output file that is never seen half-written: everything goes to a hidden temporary file in the same folder, which
/// <see cref="CommitAsync"/> flushes to disk and renames over the target in one step. Disposed without a commit (an
/// error, an exception, a cancellation), the temporary file is deleted and the target is left as it was. A symbolic link is
/// followed (the file it points to is replaced, the link kept); a device or process file (/dev/null, /dev/stdout,
/// /proc/self/fd/1) is written directly, since renaming over it would replace the device itself.
/// </summary>
public sealed class AtomicFile : IAsyncDisposable
{
    private readonly FileStream _stream;
    private StreamWriter? _text;
    private bool _finished;

    private AtomicFile(string path, string? temporaryPath, FileStream stream)
    {
        Path = path;
        TemporaryPath = temporaryPath;
        _stream = stream;
    }

    /// <summary>The file written on commit, as a full path.</summary>
    public string Path { get; }

    /// <summary>Where the content goes until the commit; null when the target is a device written directly.</summary>
    public string? TemporaryPath { get; }

    /// <summary>The content; write here (or to <see cref="Text"/>), then <see cref="CommitAsync"/>. Not to be disposed by the
    /// caller.</summary>
    public Stream Stream => _stream;

    /// <summary>The content as UTF-8 text (no byte order mark), flushed on commit. Not to be disposed by the caller.</summary>
    public TextWriter Text => _text ??= new StreamWriter(_stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);

    /// <summary>Starts writing <paramref name="path"/>; a folder that does not exist or a path that is a folder is bad input
    /// named by <paramref name="option"/>.</summary>
    public static AtomicFile Create(string path, string option = "--output")
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!IsDeviceOrProcessFile(full) && new FileInfo(full).LinkTarget is not null)
        {
            full = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        if (IsDeviceOrProcessFile(full))
        {
            return new AtomicFile(full, null, new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous));
        }
        var folder = System.IO.Path.GetDirectoryName(full) ?? ".";
        if (Directory.Exists(full))
        {
            throw new InputException(option, null, $"'{path}' is a folder, not a file");
        }
        if (!Directory.Exists(folder))
        {
            throw new InputException(option, null, $"the folder of '{path}' does not exist");
        }
        // in the same folder, so that the rename never crosses file systems; hidden and marked, so that a file left by a
        // killed process is recognisable
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{System.IO.Path.GetRandomFileName()}.unmask-tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        return new AtomicFile(full, temporary, stream);
    }

    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="path"/>, all of it or nothing.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken, string option = "--output")
    {
        await using var file = Create(path, option);
        await write(file.Stream, cancellationToken);
        await file.CommitAsync(cancellationToken);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="path"/>, all of it or nothing.</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken, string option = "--output")
    {
        await using var file = Create(path, option);
        await file.Text.WriteAsync(text.AsMemory(), cancellationToken);
        await file.CommitAsync(cancellationToken);
    }

    /// <summary>Flushes the content to disk and puts it in place under <see cref="Path"/>.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_text is not null)
        {
            await _text.FlushAsync(cancellationToken);
        }
        await _stream.FlushAsync(cancellationToken);
        if (TemporaryPath is null)
        {
            await CloseAsync();
            return;
        }
        _stream.Flush(flushToDisk: true);
        await CloseAsync();
        try
        {
            File.Move(TemporaryPath, Path, overwrite: true);
        }
        catch
        {
            File.Delete(TemporaryPath);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_finished)
        {
            return;
        }
        try
        {
            await CloseAsync();
        }
        finally
        {
            if (TemporaryPath is not null)
            {
                File.Delete(TemporaryPath);
            }
        }
    }

    private static bool IsDeviceOrProcessFile(string fullPath) =>
        !OperatingSystem.IsWindows() && (fullPath.StartsWith("/dev/", StringComparison.Ordinal) || fullPath.StartsWith("/proc/", StringComparison.Ordinal));

    private async Task CloseAsync()
    {
        _finished = true;
        if (_text is not null)
        {
            try
            {
                await _text.DisposeAsync();
            }
            catch (IOException)
            {
                // what could not be flushed is thrown away with the temporary file
            }
        }
        await _stream.DisposeAsync();
    }
}
