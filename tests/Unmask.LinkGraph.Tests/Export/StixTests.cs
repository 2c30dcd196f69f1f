using System.Text.Json;
using Unmask.LinkGraph.Export;
using Unmask.LinkGraph.Serialisation;
using Unmask.LinkGraph.Tests.Scale;
using Unmask.LinkGraph.Tests.Serialisation;
using Unmask.LinkGraph.Tests.Support;
using Unmask.TestKit;
using Unmask.TestKit.Specifications;

namespace Unmask.LinkGraph.Tests.Export;

public class StixTests
{

    private static byte[] Export(GraphSelection selection)
    {
        using var stream = new MemoryStream();
        StixBundleWriter.Write(ExportContents.Of(selection), stream);
        return stream.ToArray();
    }

    [Fact]
    public void Exported_bundle_is_valid_against_the_OASIS_schemas_RealFile()
    {
        var bytes = Export(GraphSelection.All(Scenario.Graph()));
        using var document = JsonDocument.Parse(bytes);
        var report = StixSchemaValidator.FromSharedData().ValidateBundle(document.RootElement);
        report.IsValid.ShouldBeTrue(report.Summary());
        report.Warnings.ShouldBeEmpty(report.Summary());
        var types = document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("type").GetString()).ToHashSet();
        types.ShouldBe(["identity", "extension-definition", "infrastructure", "indicator", "relationship", "note", "email-addr", "domain-name",
            "unmask-address", "unmask-building", "unmask-crypto-wallet", "unmask-phone-number", "unmask-tracker-id"], ignoreOrder: true);
    }

    [Fact]
    public void The_OASIS_example_bundles_pass_the_validator_and_parse_RealFile()
    {
        var files = Directory.EnumerateFiles(SharedData.Path("stix2.1/examples"), "*.json", SearchOption.AllDirectories).ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var report = StixSchemaValidator.FromSharedData().ValidateBundle(document.RootElement);
            report.IsValid.ShouldBeTrue($"{Path.GetFileName(file)}: {report.Summary()}");
            using var stream = File.OpenRead(file);
            StixBundleReader.Read(stream).ShouldNotBeNull();
        }
    }

    [Fact]
    public void A_foreign_indicator_and_its_relationship_are_read_RealFile()
    {
        using var stream = File.OpenRead(SharedData.Path("stix2.1/examples/indicator-for-c2-ip-address.json"));
        var graph = StixBundleReader.Read(stream);
        graph.Nodes.ShouldContain(n => n.Kind == Unmask.LinkGraph.Model.NodeKind.Ip);
    }

    [Fact]
    public void Round_trips_the_graph()
    {
        var graph = Scenario.Graph();
        var copy = StixBundleReader.Read(new MemoryStream(Export(GraphSelection.All(graph))));
        GraphBinaryTests.ShouldBeSameGraph(copy, graph);
    }

    [Fact]
    public void Ids_are_deterministic_UUIDv5_of_the_node_id()
    {
        var graph = Scenario.Graph();
        Export(GraphSelection.All(graph)).ShouldBe(Export(GraphSelection.All(Scenario.Graph())));
        StixBundleWriter.StixIdOf("applicant:A-17").ShouldBe(StixBundleWriter.StixIdOf("applicant:A-17"));
        StixBundleWriter.StixIdOf("applicant:A-17").ShouldStartWith("identity--");
        StixBundleWriter.StixIdOf("applicant:A-17")[24].ShouldBe('5');
    }

    [Fact]
    public void Patterns_escape_quotes()
    {
        StixBundleWriter.Pattern("domain:example.com").ShouldBe("[domain-name:value = 'example.com']");
        StixBundleWriter.Pattern("ip:175.45.176.0/22").ShouldBe("[ipv4-addr:value = '175.45.176.0/22']");
        StixBundleWriter.Pattern("address:o'neil st").ShouldBe("[unmask-address:value = 'o\\'neil st']");
        StixBundleReader.FromPattern(StixBundleWriter.Pattern("address:o'neil st")).ShouldBe("address:o'neil st");
    }

    [Fact]
    public void A_case_export_holds_only_the_case_and_stays_closed_RealFile()
    {
        var graph = Scenario.Graph();
        var cluster = graph.Clusters()[0];
        using var document = JsonDocument.Parse(Export(GraphSelection.OfCluster(graph, cluster)));
        var report = StixSchemaValidator.FromSharedData().ValidateBundle(document.RootElement);
        report.IsValid.ShouldBeTrue(report.Summary());
        var names = document.RootElement.GetProperty("objects").EnumerateArray()
            .Select(StixBundles.NodeId).OfType<string>().ToList();
        names.ShouldContain("vendor:V-3");
        names.ShouldNotContain("applicant:A-120");
    }

    [Fact]
    public void Large_exports_stream_in_pieces()
    {
        var graph = GraphScale.Generate(20_000, 60_000, seed: 3).Build();
        using var sink = new CountingStream();
        StixBundleWriter.Write(ExportContents.Of(GraphSelection.All(graph)), sink);
        sink.Length.ShouldBeGreaterThan(10_000_000);
        sink.LargestWrite.ShouldBeLessThan(1_000_000);
    }
}

/// <summary>A write-only stream that keeps no data: proves an exporter writes in pieces instead of one big buffer.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public long LargestWrite { get; private set; }
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _length += buffer.Length;
        LargestWrite = Math.Max(LargestWrite, buffer.Length);
    }
}
