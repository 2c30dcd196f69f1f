using System.Security.Cryptography;
using System.Text;
using Unmask.Domain;

namespace Unmask.Storage;

/// <summary>The secret that keys the audit log's MACs. It lives outside the store, so whoever can write the store
/// alone cannot recompute the chain after changing it.</summary>
public sealed class AuditKey
{
    public const int MinimumBytes = 32;
    private readonly byte[] _secret;

    public AuditKey(ReadOnlySpan<byte> secret, string origin)
    {
        if (secret.Length < MinimumBytes)
        {
            throw new ArgumentException($"an audit key needs at least {MinimumBytes} bytes", nameof(secret));
        }
        _secret = secret.ToArray();
        Origin = origin;
        Id = Mac("unmask audit key id")[..16];
    }

    /// <summary>Where the key came from, for messages: the environment variable or the key file.</summary>
    public string Origin { get; }

    /// <summary>A short fingerprint that tells keys apart without revealing them (a MAC of a fixed text).</summary>
    public string Id { get; }

    public string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text)));

    public static AuditKey Generate(string origin) => new(RandomNumberGenerator.GetBytes(MinimumBytes), origin);

    /// <summary>The key file's text: the secret as hex digits.</summary>
    public string ToFileText() => Convert.ToHexStringLower(_secret) + "\n";

    public static AuditKey FromFileText(string text, string file)
    {
        var hex = text.Trim();
        if (hex.Length < MinimumBytes * 2 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
        {
            throw new InputException(file, 1, $"not an audit key: expected at least {MinimumBytes * 2} hex digits");
        }
        return new AuditKey(Convert.FromHexString(hex), file);
    }

    public static AuditKey FromSecret(string secret, string origin)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < MinimumBytes)
        {
            throw new InputException(origin, null, $"the audit key must be at least {MinimumBytes} bytes long (e.g. the output of 'openssl rand -hex 32')");
        }
        return new AuditKey(bytes, origin);
    }
}

/// <summary>Finds the audit key: <c>$UNMASK_AUDIT_KEY</c> when set, else a key file beside the store that only its
/// owner may read (created with mode 0600 when the log is sealed, refused when group or others can read it).</summary>
public sealed class AuditKeySource(string keyFile, string? environmentSecret)
{
    public const string EnvironmentVariable = "UNMASK_AUDIT_KEY";
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static AuditKeySource Beside(string storePath, string? environmentSecret) =>
        new(Path.GetFullPath(storePath) + ".audit-key", environmentSecret);

    public string KeyFile { get; } = keyFile;

    public bool FromEnvironment => !string.IsNullOrEmpty(environmentSecret);

    /// <summary>Why no key was found, for <c>audit verify</c> and refused appends.</summary>
    public string MissingReason => $"no audit key: ${EnvironmentVariable} is not set and the key file {KeyFile} is missing (restore it, or set ${EnvironmentVariable} to the key the log was written with)";

    /// <summary>The key, or null when the environment has none and the key file does not exist.</summary>
    public AuditKey? Find()
    {
        if (FromEnvironment)
        {
            return AuditKey.FromSecret(environmentSecret!, "$" + EnvironmentVariable);
        }
        if (!File.Exists(KeyFile))
        {
            return null;
        }
        RefuseLoosePermissions();
        return AuditKey.FromFileText(File.ReadAllText(KeyFile), KeyFile);
    }

    /// <summary>The key, creating the key file (mode 0600) when there is none. Only sealing a log may create a key:
    /// a key created later would hide the loss of the old one.</summary>
    public AuditKey GetOrCreate()
    {
        if (Find() is { } existing)
        {
            return existing;
        }
        var key = AuditKey.Generate(KeyFile);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var stream = new FileStream(KeyFile, options);
            using var writer = new StreamWriter(stream);
            writer.Write(key.ToFileText());
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(KeyFile))
        {
            // Another process sealing the same store created it first: use theirs.
            return Find()!;
        }
        return key;
    }

    private void RefuseLoosePermissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(KeyFile);
        if ((mode & GroupOrOther) != 0)
        {
            throw new InputException(KeyFile, null,
                $"the audit key file can be read or written by group or others (mode {Convert.ToString((int)mode, 8)}); run 'chmod 600 {KeyFile}'");
        }
    }
}
