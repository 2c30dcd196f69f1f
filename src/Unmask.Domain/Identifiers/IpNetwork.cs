using System.Net;
using System.Net.Sockets;

namespace Unmask.Domain.Identifiers;

/// <summary>An IPv4/IPv6 address or CIDR block (<c>175.45.176.0/22</c>). A single address is a /32 (or /128).</summary>
public sealed record IpNetwork(IPAddress Network, int PrefixLength)
{
    public bool IsSingleAddress => PrefixLength == (Network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);

    public static bool TryParse(string? text, out IpNetwork network)
    {
        network = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }
        var value = text.Trim().Replace("[.]", ".", StringComparison.Ordinal).Replace("[:]", ":", StringComparison.Ordinal);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash >= 0 ? value[..slash] : value;
        if (!IPAddress.TryParse(addressText, out var address)
            || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            return false;
        }
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(value[(slash + 1)..], out prefix) || prefix < 0 || prefix > max))
        {
            return false;
        }
        network = new IpNetwork(Mask(address, prefix), prefix);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily == Network.AddressFamily && Mask(address, PrefixLength).Equals(Network);
    }

    public override string ToString() => IsSingleAddress ? Network.ToString() : $"{Network}/{PrefixLength}";

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
        return new IPAddress(bytes);
    }
}
