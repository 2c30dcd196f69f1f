using Unmask.LinkGraph.Export;

namespace Unmask.LinkGraph.Tests.Export;

public class FtmReaderTests
{
    [Fact]
    public void The_graph_reader_reads_plain_FtM_as_the_list_importer_would()
    {
        const string lines = """
            {"id":"NK-person1","schema":"Person","properties":{"name":["Example Person"],"phone":["+85021234567"]},"target":true,"datasets":["os_dprk"]}
            {"id":"NK-pass1","schema":"Passport","properties":{"holder":["NK-person1"],"number":["PX1111111"]},"target":false}
            {"id":"NK-org1","schema":"Company","properties":{"name":["Example Trading Co"]},"target":false}
            {"id":"NK-link1","schema":"UnknownLink","properties":{"subject":["NK-person1"],"object":["NK-org1"],"role":["Business partner"]}}
            {"id":"NK-own1","schema":"Ownership","properties":{"owner":["NK-person1"],"asset":["NK-org1"]}}
            """;
        var graph = FtmReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(lines)));
        graph.Node("entity:NK-person1").IsDesignated.ShouldBeTrue();
        graph.Node("entity:NK-org1").IsDesignated.ShouldBeFalse();
        graph.Edges.Select(e => $"{e.From} {e.Relation} {e.To}").Order(StringComparer.Ordinal).ShouldBe(
        [
            "entity:NK-org1 owned_by entity:NK-person1",
            "entity:NK-person1 has_id_number idnumber:PX1111111",
            "entity:NK-person1 has_phone phone:+85021234567",
            "entity:NK-person1 linked_to entity:NK-org1",
        ]);
    }
}
