using Unmask.LinkGraph.Export;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Tests.Model;

public class NodeIdsTests
{
    [Fact]
    public void Identifier_helpers_normalise_at_the_edge()
    {
        NodeIds.Phone("(312) 555-0123", "us").ShouldBe("phone:+13125550123");
        NodeIds.Email("J.Sample+jobs@GoogleMail.com").ShouldBe("email:jsample@gmail.com");
        NodeIds.Domain("https://www.Example.com/about").ShouldBe("domain:example.com");
        NodeIds.Site("https://www.Example.com/about").ShouldBe("site:example.com");
        NodeIds.Site("saved site folder").ShouldBe("site:saved site folder");
        NodeIds.Wallet("0xABCDEFabcdef0123456789012345678901234567").ShouldBe("wallet:evm:0xabcdefabcdef0123456789012345678901234567");
        NodeIds.Tracker(" g-abc123 ").ShouldBe("tracker:G-ABC123");
        NodeIds.Favicon(-1234).ShouldBe("favicon:-1234");
        NodeIds.Ip("175.45.176.1").ShouldBe("ip:175.45.176.1");
        NodeIds.IdNumber("ab-123 456").ShouldBe("idnumber:AB123456");
        NodeIds.IdNumber("N/A").ShouldBeNull();
        NodeIds.Email("not an email").ShouldBeNull();
    }

    [Fact]
    public void Bank_accounts_are_hashed_never_stored_in_clear()
    {
        var node = NodeIds.Bank("GB29 NWBK 6016 1331 9268 19")!;
        node.ShouldStartWith("bank:");
        node.ShouldNotContain("6016");
        NodeIds.Bank("gb29nwbk60161331926819").ShouldBe(node);
    }

    [Fact]
    public void Kind_comes_from_the_prefix()
    {
        NodeIds.KindOf("wallet:evm:0x1").ShouldBe(NodeKind.Wallet);
        NodeIds.ValueOf("wallet:evm:0x1").ShouldBe("evm:0x1");
        NodeIds.KindOf("applicant:A-17").ShouldBe(NodeKind.Applicant);
        Should.Throw<ArgumentException>(() => NodeIds.KindOf("no-prefix"));
    }

    [Fact]
    public void Uuid5_matches_the_RFC_4122_reference_value()
    {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") in Python's standard library.
        Uuid5.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org").ShouldBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    }
}
