using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Unmask.Domain.Identifiers;

namespace Unmask.Vetting.Reference;

/// <summary>A set of IP addresses and CIDR blocks with constant-time lookups per prefix length (IPv4: at most 33 hash probes),
/// so a million sign-ins can be checked against ten thousand VPN ranges.</summary>
public sealed class IpRangeSet
{
    private readonly Dictionary<int, Dictionary<uint, ListSource>> _v4 = [];
    private readonly List<(IpNetwork Network, ListSource Source)> _v6 = [];
    private int[] _prefixes = [];

    public int Count { get; private set; }

    public void Add(IpNetwork network, ListSource source)
    {
        Count++;
        if (network.Network.AddressFamily != AddressFamily.InterNetwork)
        {
            _v6.Add((network, source));
            return;
        }
        if (!_v4.TryGetValue(network.PrefixLength, out var map))
        {
            _v4[network.PrefixLength] = map = [];
            _prefixes = _v4.Keys.OrderDescending().ToArray();
        }
        map.TryAdd(ToUInt(network.Network), source);
    }

    /// <summary>The most specific entry containing the address, or null.</summary>
    public ListSource? Find(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var value = ToUInt(ip);
            foreach (var prefix in _prefixes)
            {
                var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
                if (_v4[prefix].TryGetValue(value & mask, out var source))
                {
                    return source;
                }
            }
            return null;
        }
        foreach (var (network, source) in _v6)
        {
            if (network.Contains(ip))
            {
                return source;
            }
        }
        return null;
    }

    private static uint ToUInt(IPAddress ip)
    {
        Span<byte> bytes = stackalloc byte[4];
        ip.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
