using Unmask.Watchlists.Stix;

namespace Unmask.Watchlists.Tests.Stix;

public sealed class Stix21BundleHostileTests
{
    private readonly Stix21BundleReader _reader = new();

    [Fact]
    public async Task A_lone_surrogate_escape_is_bad_input_not_a_crash()
    {
        var bundle = """
            {"type":"bundle","id":"bundle--5eed1e55-0000-4000-8000-000000000001","objects":[
            {"type":"identity","spec_version":"2.1","id":"identity--0f0f0f0f-1111-4222-8333-444444444445","name":"Kim \ud800 Example","identity_class":"individual"}]}
            """;

        var error = await HostileInput.RefusedTextAsync(_reader, "bundle.json", bundle);

        error.Reason.ShouldContain("not valid Unicode");
    }

    [Fact]
    public async Task An_object_larger_than_the_record_limit_is_refused_before_it_is_buffered_whole()
    {
        var bundle = $$"""
            {"type":"bundle","id":"bundle--5eed1e55-0000-4000-8000-000000000001","objects":[
            {"type":"identity","spec_version":"2.1","id":"identity--0f0f0f0f-1111-4222-8333-444444444445","name":"Kim Example","description":"{{new string('d', 300_000)}}","identity_class":"individual"}]}
            """;

        var error = await HostileInput.RefusedTextAsync(_reader, "bundle.json", bundle, new ReadLimits(MaxRecordChars: 100_000));

        error.Reason.ShouldContain("larger than 100,000 bytes");
    }

    [Fact]
    public async Task A_bare_object_larger_than_the_record_limit_is_refused_before_it_is_parsed_whole()
    {
        // Each value is under the limit, so the bundle scanner passes the file; held whole, the object is over it.
        var padding = string.Concat(Enumerable.Range(1, 300).Select(i => $",\"x_note_{i}\":\"{new string('d', 1_000)}\""));
        var single = $$"""
            {"type":"identity","spec_version":"2.1","id":"identity--0f0f0f0f-1111-4222-8333-444444444445","name":"Kim Example","identity_class":"individual"{{padding}}}
            """;

        var error = await HostileInput.RefusedTextAsync(_reader, "identity.json", single, new ReadLimits(MaxRecordChars: 100_000));

        error.Reason.ShouldBe("a single STIX object larger than 100,000 bytes is refused");
    }
}
