using System.Security.Cryptography;
using System.Text;

namespace Unmask.LinkGraph.Export;

/// <summary>RFC 4122 name-based UUIDs (version 5, SHA-1): the same node id always gives the same STIX id.</summary>
public static class Uuid5
{
    /// <summary>Unmask's namespace for STIX ids (a fixed random UUID; never change it, or exported ids change).</summary>
    public static readonly Guid UnmaskNamespace = new("7d0a9a2e-3c5b-4c61-9e5f-2b8d1f6a4e13");

    public static string Create(Guid ns, string name)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        ns.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        // RFC 4122 §4.3 defines version 5 over SHA-1; this is an id, not a security use.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }

    public static string StixId(string type, string name) => $"{type}--{Create(UnmaskNamespace, type + "|" + name)}";
}
