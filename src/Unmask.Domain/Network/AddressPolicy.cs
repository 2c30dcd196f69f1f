using System.Net;
using System.Net.Sockets;
using Unmask.Domain.Identifiers;

namespace Unmask.Domain.Network;

/// <summary>What kind of destination an IP address is, for deciding whether a download or a crawl may connect to it.</summary>
public enum AddressKind
{
    Public,
    Loopback,
    Private,
    SharedCgnat,
    LinkLocal,
    UniqueLocal,
    CloudMetadata,
    Unspecified,
    Broadcast,
    Multicast,
    Documentation,
    Reserved,
}

/// <summary>An address's kind, the special-purpose block that made it so, and (for IPv6 forms that carry an IPv4 address:
/// IPv4-mapped, NAT64, 6to4) the IPv4 address it leads to.</summary>
public sealed record AddressClass(IPAddress Address, AddressKind Kind, string Block, IPAddress? Embedded = null)
{
    public bool IsPublic => Kind == AddressKind.Public;

    /// <summary>"10.0.0.1 is a private address (10.0.0.0/8)"; an embedded IPv4 address is named too.</summary>
    public override string ToString() =>
        $"{Address}{(Embedded is null ? "" : $" (which leads to {Embedded})")} is {Describe(Kind)} ({Block})";

    private static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Public => "a public address",
        AddressKind.Loopback => "a loopback address",
        AddressKind.Private => "a private address",
        AddressKind.SharedCgnat => "a shared (carrier-grade NAT) address",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.UniqueLocal => "a unique local address",
        AddressKind.CloudMetadata => "a cloud metadata address",
        AddressKind.Unspecified => "the unspecified address",
        AddressKind.Broadcast => "the broadcast address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Documentation => "a documentation address",
        _ => "a reserved address",
    };
}

/// <summary>Which addresses <c>lists update</c> and the site crawler may connect to. A tool run on a server must not be turned
/// against that server's own network (SSRF): only public addresses are reached, unless the user allows private ones for an
/// intranet or a test server. Cloud metadata, unspecified, broadcast, multicast, documentation and reserved addresses are
/// never reached: no list or site lives there, and 0.0.0.0 reaches the local machine on Linux.</summary>
public static class AddressPolicy
{
    // IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates); the first block that holds an address wins,
    // so the single metadata addresses come before the ranges that contain them.
    private static readonly (IpNetwork Block, AddressKind Kind)[] Blocks =
    [
        // AWS, GCP, Azure, OpenStack and others serve instance credentials here; Alibaba uses 100.100.100.200.
        (Block("169.254.169.254/32"), AddressKind.CloudMetadata),
        (Block("169.254.170.2/32"), AddressKind.CloudMetadata),
        (Block("100.100.100.200/32"), AddressKind.CloudMetadata),
        (Block("fd00:ec2::254/128"), AddressKind.CloudMetadata),
        (Block("0.0.0.0/32"), AddressKind.Unspecified),
        (Block("0.0.0.0/8"), AddressKind.Reserved),
        (Block("10.0.0.0/8"), AddressKind.Private),
        (Block("100.64.0.0/10"), AddressKind.SharedCgnat),
        (Block("127.0.0.0/8"), AddressKind.Loopback),
        (Block("169.254.0.0/16"), AddressKind.LinkLocal),
        (Block("172.16.0.0/12"), AddressKind.Private),
        (Block("192.0.0.0/24"), AddressKind.Reserved),
        (Block("192.0.2.0/24"), AddressKind.Documentation),
        (Block("192.88.99.0/24"), AddressKind.Reserved),
        (Block("192.168.0.0/16"), AddressKind.Private),
        (Block("198.18.0.0/15"), AddressKind.Reserved),
        (Block("198.51.100.0/24"), AddressKind.Documentation),
        (Block("203.0.113.0/24"), AddressKind.Documentation),
        (Block("224.0.0.0/4"), AddressKind.Multicast),
        (Block("255.255.255.255/32"), AddressKind.Broadcast),
        (Block("240.0.0.0/4"), AddressKind.Reserved),
        (Block("::/128"), AddressKind.Unspecified),
        (Block("::1/128"), AddressKind.Loopback),
        (Block("64:ff9b:1::/48"), AddressKind.Private),
        (Block("100::/64"), AddressKind.Reserved),
        (Block("2001:db8::/32"), AddressKind.Documentation),
        (Block("3fff::/20"), AddressKind.Documentation),
        // Teredo (2001::/32) tunnels to an obfuscated IPv4 address; like the rest of the IETF protocol block, never a list server.
        (Block("2001::/23"), AddressKind.Reserved),
        (Block("fc00::/7"), AddressKind.UniqueLocal),
        (Block("fe80::/10"), AddressKind.LinkLocal),
        (Block("fec0::/10"), AddressKind.Private),
        (Block("ff00::/8"), AddressKind.Multicast),
    ];

    private static readonly IpNetwork GlobalUnicastV6 = Block("2000::/3");
    private static readonly IpNetwork Nat64 = Block("64:ff9b::/96");
    private static readonly IpNetwork SixToFour = Block("2002::/16");

    /// <summary>The kind of <paramref name="address"/>. IPv6 forms that lead to an IPv4 address (IPv4-mapped
    /// <c>::ffff:a.b.c.d</c>, NAT64 <c>64:ff9b::a.b.c.d</c>, 6to4 <c>2002:aabb:ccdd::</c>) take the kind of that IPv4 address;
    /// IPv6 outside the global unicast space 2000::/3 is reserved.</summary>
    public static AddressClass Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is var (embedded, form))
        {
            var inner = Classify(embedded);
            return new AddressClass(address, inner.Kind, $"{form}; {inner.Block}", embedded);
        }
        foreach (var (block, kind) in Blocks)
        {
            if (block.Contains(address))
            {
                return new AddressClass(address, kind, block.ToString());
            }
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && !GlobalUnicastV6.Contains(address))
        {
            return new AddressClass(address, AddressKind.Reserved, "outside 2000::/3");
        }
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            ? new AddressClass(address, AddressKind.Public, "public")
            : new AddressClass(address, AddressKind.Reserved, address.AddressFamily.ToString());
    }

    /// <summary>Whether a connection to an address of this kind is allowed; <paramref name="allowPrivate"/> (for intranets and
    /// tests) opens loopback, private, shared, link-local and unique local addresses, never the rest.</summary>
    public static bool Allows(AddressKind kind, bool allowPrivate) => kind switch
    {
        AddressKind.Public => true,
        AddressKind.Loopback or AddressKind.Private or AddressKind.SharedCgnat or AddressKind.LinkLocal or AddressKind.UniqueLocal => allowPrivate,
        _ => false,
    };

    /// <summary>Null when <paramref name="address"/> may be reached; else why not, in words for the user.</summary>
    public static string? Refusal(IPAddress address, bool allowPrivate)
    {
        var found = Classify(address);
        if (Allows(found.Kind, allowPrivate))
        {
            return null;
        }
        return Allows(found.Kind, allowPrivate: true)
            ? $"{found}; refused (--allow-private reaches it, for intranets and test servers)"
            : $"{found}; refused";
    }

    private static (IPAddress Address, string Form)? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return (address.MapToIPv4(), "IPv4-mapped");
        }
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return (new IPAddress(bytes.AsSpan(12, 4)), "NAT64 64:ff9b::/96");
        }
        if (SixToFour.Contains(address))
        {
            return (new IPAddress(bytes.AsSpan(2, 4)), "6to4 2002::/16");
        }
        return null;
    }

    private static IpNetwork Block(string cidr) =>
        IpNetwork.TryParse(cidr, out var network) ? network : throw new ArgumentException($"not a CIDR block: {cidr}", nameof(cidr));
}
