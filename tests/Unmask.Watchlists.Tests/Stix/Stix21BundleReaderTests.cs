using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Stix;
using Unmask.Watchlists.Tests.Ioc;

namespace Unmask.Watchlists.Tests.Stix;

public sealed class Stix21BundleReaderTests
{
    private readonly Stix21BundleReader _reader = new();

    private static string Fixture(string name) => RepoPaths.Fixture("lists", "stix", name);

    [Fact]
    public async Task Fixture_bundle_maps_indicators_observables_actors_identities_and_relationships()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, Fixture("dprk_it_workers_bundle.json"));

        context.Dataset!.Name.ShouldBe("stix_5eed1e55");
        context.Dataset.Kind.ShouldBe(DatasetKind.Indicators);
        entities.Select(e => e.Id).Distinct().Count().ShouldBe(entities.Count);
        // 7 indicator values + 2 observables + threat actor + intrusion set + 2 identities (not the producer) + 5 links.
        entities.Count.ShouldBe(18);

        var site = entities.Single("domain", "example-front.com");
        site.Id.ShouldBe("stix_5eed1e55-indicator--a0000000-0000-4000-8000-000000000001");
        site.First("name").ShouldBe("Front company website");
        site.First("notes").ShouldBe("Fictional front-company site copying a real IT firm.");
        site.First("sourceUrl").ShouldBe("https://example.org/report");
        site.First("createdAt").ShouldBe("2030-01-10");
        site.First("modifiedAt").ShouldBe("2030-02-01");
        site.Get("keywords").ShouldContain("malicious-activity");

        // One OR-joined pattern: three entities, all named after the indicator.
        entities.Single("domain", "portal.example-front.net").First("name").ShouldBe("Front company infrastructure");
        entities.Single("cidr", "203.0.113.0/24").First("name").ShouldBe("Front company infrastructure");
        entities.Single("ipAddress", "2001:db8::7").Schema.ShouldBe(Schemas.IpAddress);
        entities.Single("email", "hiring.desk@example-front.com").Schema.ShouldBe(Schemas.UserAccount);
        entities.Single("publicKey", "0x00000000000000000000000000000000CafeF00d").Schema.ShouldBe(Schemas.CryptoWallet);
        entities.Single("domain", "jobs.example-front.org").First("name").ShouldBe("Careers page");
        entities.Single("domain", "example-front-two.net").Id.ShouldBe("stix_5eed1e55-domain-name--b0000000-0000-4000-8000-000000000001");
        entities.Single("email", "alex.example@example-mail.test").First("name").ShouldBe("Alex Example");

        var actor = entities.Single("name", "Example Chollima");
        actor.Schema.ShouldBe(Schemas.Organization);
        actor.Get("alias").ShouldBe(["Fictional IT Workers", "Sample Sleet"]);
        entities.Single("name", "Example Wagemole").Get("alias").ShouldBe(["EW-1"]);
        entities.Single("name", "Alex Example", Schemas.Person).Get("position").ShouldBe(["developer"]);
        entities.Single("name", "Example Front Tech LLC").Schema.ShouldBe(Schemas.Organization);
        entities.ShouldNotContain(e => e.First("name") == "Fictional Threat Intel Team", "the producer identity is not a target");

        var links = entities.Where(e => e.Schema.Name == "UnknownLink").ToList();
        links.Count.ShouldBe(5);
        links.Count(l => l.First("object") == actor.Id && l.First("role") == "indicates").ShouldBe(4);
        links.ShouldContain(l => l.First("subject") == actor.Id && l.First("role") == "attributed-to");

        context.Warnings.ShouldContain(w => w.Contains("malware (1)", StringComparison.Ordinal));
        context.Warnings.ShouldContain(w => w.Contains("pattern joins comparisons with AND: 1", StringComparison.Ordinal)
                                            && w.Contains("pattern_type sigma: 1", StringComparison.Ordinal)
                                            && w.Contains("1 comparisons on unsupported", StringComparison.Ordinal));
        context.Warnings.ShouldContain(w => w.Contains("skipped 1 producer identities", StringComparison.Ordinal)
                                            && w.Contains("1 relationships", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bundle_id_after_the_objects_still_names_the_dataset()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, Fixture("bundle_id_after_objects.json"));

        context.Dataset!.Name.ShouldBe("stix_facade00");
        entities.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Objects_larger_than_the_read_buffer_stream_through()
    {
        var description = new string('x', 200_000);
        var json = $$"""{"type":"bundle","id":"bundle--0badcafe-0000-4000-8000-000000000000","objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--1","name":"big","description":"{{description}}","pattern":"[domain-name:value = 'example-front.com']","pattern_type":"stix"},{"type":"domain-name","id":"domain-name--2","value":"example-front.net"}]}""";

        var (entities, _) = await ReaderHarness.ReadTextAsync(_reader, "big.json", json);

        entities.Count.ShouldBe(2);
        entities[0].First("notes")!.Length.ShouldBe(200_000);
    }

    [Theory]
    [InlineData("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\"")]
    [InlineData("{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\",}]}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    [InlineData("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"id\":\"indicator--1\"}]}")]
    public async Task Truncated_or_malformed_bundles_fail(string json)
    {
        await ReaderHarness.FailsAsync(_reader, "bad.json", json);
    }

    [Fact]
    public void Sniff_accepts_bundles_and_rejects_ftm_csv_and_text()
    {
        _reader.Sniff(ReaderHarness.Head(Fixture("dprk_it_workers_bundle.json"))).ShouldBeTrue();
        _reader.Sniff(ReaderHarness.Head(Fixture("bundle_id_after_objects.json"))).ShouldBeTrue();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ftm", "entities.ftm.json"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "front_indicators.txt"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "example_front_research", "indicators.csv"))).ShouldBeFalse();
        _reader.Sniff(Encoding.UTF8.GetBytes("{\"name\":\"not stix\"}")).ShouldBeFalse();
    }

    public static TheoryData<string> OasisExamples()
    {
        var data = new TheoryData<string>();
        var root = SharedData.Path("stix2.1/examples");
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(SharedData.Root, file).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OasisExamples))]
    public async Task Every_OASIS_example_reads_with_entity_counts_from_its_object_types_RealFile(string relative)
    {
        var path = SharedData.Path(relative);
        var expected = IndependentEntityCount(path);

        _reader.Sniff(ReaderHarness.Head(path)).ShouldBeTrue();
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, path);

        entities.Count.ShouldBe(expected);
        entities.Select(e => e.Id).Distinct().Count().ShouldBe(entities.Count);
        context.Dataset!.Name.ShouldStartWith("stix");
    }

    [Fact]
    public async Task Apt1_report_gives_threat_actors_with_aliases_and_attributed_individuals_RealFile()
    {
        var (entities, _) = await ReaderHarness.ReadFileAsync(_reader, SharedData.Path("stix2.1/examples/threat-reports/apt1.json"));

        entities.Single("name", "APT1").Get("alias").ShouldBe(["Comment Crew", "Comment Group", "Shady Rat"]);
        entities.Single("name", "Wang Dong", Schemas.Person);
        entities.Single("cidr", "223.166.0.0/15");
        entities.Single("domain", "hugesoft.org");
        entities.Count(e => e.Schema.Name == "UnknownLink" && e.First("role") == "attributed-to").ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// Expected entities of an OASIS example from its objects alone: per indicator, the distinct quoted values of
    /// <c>domain-name/ipv4-addr/ipv6-addr/email-addr/url:value = '…'</c> (none for AND patterns, none with a space);
    /// one per such observable, threat-actor and intrusion-set; identities not named as created_by_ref; and one link
    /// per relationship for each pair of imported ends.
    /// </summary>
    private static int IndependentEntityCount(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var objects = root.TryGetProperty("objects", out var array) ? array.EnumerateArray().ToList() : [root];
        string? S(JsonElement o, string p) => o.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var producers = objects.Select(o => S(o, "created_by_ref")).Where(p => p is not null).ToHashSet();
        var count = new Dictionary<string, int>();
        foreach (var o in objects)
        {
            var id = S(o, "id")!;
            switch (S(o, "type"))
            {
                case "indicator":
                    var pattern = S(o, "pattern") ?? "";
                    if (pattern.Contains(" AND ", StringComparison.Ordinal))
                    {
                        break;
                    }
                    var values = new HashSet<string>();
                    foreach (var type in (string[])["domain-name", "ipv4-addr", "ipv6-addr", "email-addr", "url"])
                    {
                        var at = 0;
                        var needle = type + ":value = '";
                        while ((at = pattern.IndexOf(needle, at, StringComparison.Ordinal)) >= 0)
                        {
                            var start = at + needle.Length;
                            var end = pattern.IndexOf('\'', start);
                            var value = pattern[start..end];
                            if (!value.Contains(' ', StringComparison.Ordinal))
                            {
                                values.Add(value.StartsWith("www.", StringComparison.Ordinal) ? value[4..] : value);
                            }
                            at = end;
                        }
                    }
                    if (values.Count > 0)
                    {
                        count[id] = values.Count;
                    }
                    break;
                case "domain-name" or "ipv4-addr" or "ipv6-addr" or "email-addr" or "url" or "threat-actor" or "intrusion-set":
                    count[id] = 1;
                    break;
                case "identity" when !producers.Contains(id):
                    count[id] = 1;
                    break;
            }
        }
        var links = objects.Where(o => S(o, "type") == "relationship")
            .Sum(o => count.GetValueOrDefault(S(o, "source_ref")!) * count.GetValueOrDefault(S(o, "target_ref")!));
        return count.Values.Sum() + links;
    }
}
