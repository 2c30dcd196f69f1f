using System.Net;
using Unmask.Domain.Network;

namespace Unmask.Domain.Tests.Network;

public class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.254.3.4", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.SharedCgnat)]
    [InlineData("100.127.255.254", AddressKind.SharedCgnat)]
    [InlineData("169.254.1.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("169.254.169.254", AddressKind.CloudMetadata)]
    [InlineData("169.254.170.2", AddressKind.CloudMetadata)]
    [InlineData("100.100.100.200", AddressKind.CloudMetadata)]
    [InlineData("fd00:ec2::254", AddressKind.CloudMetadata)]
    [InlineData("fd00::1", AddressKind.UniqueLocal)]
    [InlineData("fc12:3456::1", AddressKind.UniqueLocal)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Reserved)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("224.0.0.251", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("192.0.2.10", AddressKind.Documentation)]
    [InlineData("198.51.100.7", AddressKind.Documentation)]
    [InlineData("203.0.113.9", AddressKind.Documentation)]
    [InlineData("2001:db8::1", AddressKind.Documentation)]
    [InlineData("3fff::1", AddressKind.Documentation)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("192.0.0.8", AddressKind.Reserved)]
    [InlineData("192.88.99.1", AddressKind.Reserved)]
    [InlineData("100::1", AddressKind.Reserved)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressKind.Reserved)]
    [InlineData("::127.0.0.1", AddressKind.Reserved)]
    [InlineData("4000::1", AddressKind.Reserved)]
    [InlineData("64:ff9b:1::a00:1", AddressKind.Private)]
    [InlineData("93.184.215.14", AddressKind.Public)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("100.63.255.255", AddressKind.Public)]
    [InlineData("100.128.0.1", AddressKind.Public)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("2606:4700::6810:85e5", AddressKind.Public)]
    public void Each_special_purpose_block_has_its_kind(string address, AddressKind kind) =>
        AddressPolicy.Classify(IPAddress.Parse(address)).Kind.ShouldBe(kind);

    [Theory]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", "169.254.169.254", AddressKind.CloudMetadata)]
    [InlineData("64:ff9b::7f00:1", "127.0.0.1", AddressKind.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", "169.254.169.254", AddressKind.CloudMetadata)]
    [InlineData("2002:c0a8:0101::1", "192.168.1.1", AddressKind.Private)]
    [InlineData("2002:0a00:0001::", "10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:93.184.215.14", "93.184.215.14", AddressKind.Public)]
    [InlineData("2002:5db8:d70e::1", "93.184.215.14", AddressKind.Public)]
    public void IPv6_forms_that_lead_to_an_IPv4_address_take_its_kind(string address, string embedded, AddressKind kind)
    {
        var found = AddressPolicy.Classify(IPAddress.Parse(address));

        found.Kind.ShouldBe(kind);
        found.Embedded.ShouldBe(IPAddress.Parse(embedded));
        found.ToString().ShouldContain(embedded);
    }

    [Theory]
    [InlineData(AddressKind.Public, true, true)]
    [InlineData(AddressKind.Loopback, false, true)]
    [InlineData(AddressKind.Private, false, true)]
    [InlineData(AddressKind.SharedCgnat, false, true)]
    [InlineData(AddressKind.LinkLocal, false, true)]
    [InlineData(AddressKind.UniqueLocal, false, true)]
    [InlineData(AddressKind.CloudMetadata, false, false)]
    [InlineData(AddressKind.Unspecified, false, false)]
    [InlineData(AddressKind.Broadcast, false, false)]
    [InlineData(AddressKind.Multicast, false, false)]
    [InlineData(AddressKind.Documentation, false, false)]
    [InlineData(AddressKind.Reserved, false, false)]
    public void Allow_private_opens_the_private_kinds_and_never_metadata_or_reserved(AddressKind kind, bool byDefault, bool withAllowPrivate)
    {
        AddressPolicy.Allows(kind, allowPrivate: false).ShouldBe(byDefault);
        AddressPolicy.Allows(kind, allowPrivate: true).ShouldBe(withAllowPrivate);
    }

    [Fact]
    public void A_refusal_names_the_address_its_block_and_whether_allow_private_would_help()
    {
        AddressPolicy.Refusal(IPAddress.Parse("10.1.2.3"), allowPrivate: false)
            .ShouldBe("10.1.2.3 is a private address (10.0.0.0/8); refused (--allow-private reaches it, for intranets and test servers)");
        AddressPolicy.Refusal(IPAddress.Parse("169.254.169.254"), allowPrivate: true)
            .ShouldBe("169.254.169.254 is a cloud metadata address (169.254.169.254); refused");
        AddressPolicy.Refusal(IPAddress.Parse("10.1.2.3"), allowPrivate: true).ShouldBeNull();
        AddressPolicy.Refusal(IPAddress.Parse("93.184.215.14"), allowPrivate: false).ShouldBeNull();
    }
}
