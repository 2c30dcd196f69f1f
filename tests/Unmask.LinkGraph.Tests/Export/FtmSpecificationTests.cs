using Unmask.LinkGraph.Tests.Support;
using Unmask.TestKit.Specifications;

namespace Unmask.LinkGraph.Tests.Export;

/// <summary>Reads the FtM schema YAML once for the class.</summary>
public sealed class FtmSpecification
{
    public FtmSchemaValidator Validator { get; } = FtmSchemaValidator.FromSharedData();
}

/// <summary>The FtM exports checked against the published FollowTheMoney schema (../shared/data/followthemoney).</summary>
public sealed class FtmSpecificationTests(FtmSpecification specification) : IClassFixture<FtmSpecification>
{
    public static TheoryData<string> Contents => [.. FtmWriterTests.SampleContents.Keys];

    [Theory]
    [MemberData(nameof(Contents))]
    public void Every_exported_entity_passes_the_FtM_schema_RealFile(string name)
    {
        var lines = FtmLines.Write(FtmWriterTests.SampleContents[name]());
        var report = specification.Validator.ValidateLines(lines.Text);
        report.Errors.ShouldBeEmpty(report.Summary());
        report.RangeErrors.ShouldBeEmpty(report.Summary());
        report.ObjectCount.ShouldBe(lines.Entities.Count);
    }
}
