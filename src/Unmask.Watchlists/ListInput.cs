using Unmask.Domain;
using Unmask.Domain.Io;

namespace Unmask.Watchlists;

/// <summary>
/// A list file to read. <see cref="Open"/> gives a fresh, size-capped stream each call. Formats published as several
/// files (OFAC's legacy CSV: sdn.csv with add.csv, alt.csv, sdn_comments.csv) find their companions with
/// <see cref="OpenCompanion"/>, which returns null when the companion is absent. <see cref="Limits"/> bounds what a
/// reader takes from the file.
/// </summary>
public sealed class ListInput
{
    public const long DefaultMaxBytes = ReadLimits.DefaultMaxFileBytes;

    private readonly Func<Stream> _open;
    private readonly Func<string, Stream?> _openCompanion;

    /// <param name="limits">Limits for the readers; <paramref name="maxBytes"/>, when given, overrides its <see cref="ReadLimits.MaxFileBytes"/>.</param>
    public ListInput(string name, Func<Stream> open, Func<string, Stream?>? openCompanion = null, long? maxBytes = null,
        ReadLimits? limits = null)
    {
        Name = name;
        _open = open;
        _openCompanion = openCompanion ?? (_ => null);
        Limits = maxBytes is { } cap ? (limits ?? ReadLimits.Default) with { MaxFileBytes = cap } : limits ?? ReadLimits.Default;
    }

    /// <summary>Display name used in messages (the path as the user gave it).</summary>
    public string Name { get; }

    /// <summary>File name without folder, e.g. <c>sdn.csv</c>.</summary>
    public string FileName => Path.GetFileName(Name);

    public long MaxBytes => Limits.MaxFileBytes;

    public ReadLimits Limits { get; }

    public Stream Open() => SizeCapped(_open(), Name);

    /// <summary>Opens a file that sits beside this one (case-insensitive name match), or null.</summary>
    public Stream? OpenCompanion(string fileName)
    {
        var stream = _openCompanion(fileName);
        return stream is null ? null : SizeCapped(stream, fileName);
    }

    private BudgetedStream SizeCapped(Stream stream, string name) => new(stream, MaxBytes,
        max => new InputException(name, null, $"file is larger than the size cap of {max:N0} bytes (raise it with --max-bytes)"));

    /// <summary>A list file on disk; companions are looked up in the same folder.</summary>
    public static ListInput FromFile(string path, long? maxBytes = null, ReadLimits? limits = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new ListInput(path, () => File.OpenRead(path), name =>
        {
            var match = Directory.EnumerateFiles(folder)
                .FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
            return match is null ? null : File.OpenRead(match);
        }, maxBytes, limits);
    }

    /// <summary>An in-memory list (tests, downloads); companions from the same dictionary by file name.</summary>
    public static ListInput FromBytes(string name, byte[] content, IReadOnlyDictionary<string, byte[]>? companions = null,
        long? maxBytes = null, ReadLimits? limits = null) =>
        new(name, () => new MemoryStream(content, writable: false), file =>
        {
            var match = companions?.FirstOrDefault(c => string.Equals(c.Key, file, StringComparison.OrdinalIgnoreCase));
            return match?.Value is { } bytes ? new MemoryStream(bytes, writable: false) : null;
        }, maxBytes, limits);
}
