using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.FollowTheMoney;
using Unmask.Watchlists.Tests.Ioc;

namespace Unmask.Watchlists.Tests.FollowTheMoney;

public sealed class FollowTheMoneyJsonReaderTests
{
    private readonly FollowTheMoneyJsonReader _reader = new();

    private static string FixturePath => RepoPaths.Fixture("lists", "ftm", "entities.ftm.json");

    [Fact]
    public async Task Fixture_keeps_ftm_ids_maps_schemas_and_counts_what_it_skips()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, FixturePath);

        context.Dataset!.Name.ShouldBe("fict_ofac", "the first dataset the file names");
        context.Datasets.Keys.ShouldBe(["fict_ofac", "fict_un"], ignoreOrder: true);
        context.Dataset.Kind.ShouldBe(DatasetKind.Sanctions);
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(2030, 4, 5), "the newest last_seen/last_change of its entities");
        // 6 entity lines (and one blank line); the Article is skipped.
        entities.Select(e => e.Id).ShouldBe(["NK-fictFront1", "NK-fictPerson1", "fict-own-1", "fict-pay-1", "fict-nameless"]);

        var company = entities[0];
        company.Schema.ShouldBe(Schemas.Company);
        company.Dataset.ShouldBe("fict_ofac");
        company.Target.ShouldBeTrue();
        company.Get("alias").ShouldBe(["EFT Solutions", "예시 프론트"]);
        company.First("website").ShouldBe("https://example-front.com");
        company.First("createdAt").ShouldBe("2030-01-02");
        company.Referents.ShouldBe(["fict-1"]);
        company.FirstSeen.ShouldBe(new DateTimeOffset(2030, 1, 2, 10, 0, 0, TimeSpan.Zero));
        company.LastSeen.ShouldBe(new DateTimeOffset(2030, 3, 1, 10, 0, 0, TimeSpan.Zero));
        company.LastChange.ShouldBe(new DateTimeOffset(2030, 2, 15, 8, 0, 0, TimeSpan.Zero));
        company.Has("publisher").ShouldBeFalse("datasets are datasets, not publishers");
        company.Has("retrievedAt").ShouldBeFalse("last_seen is kept as last_seen");
        company.Has("kppCode").ShouldBeFalse();

        var person = entities[1];
        person.Schema.ShouldBe(Schemas.Person);
        person.First("nationality").ShouldBe("kp");
        person.First("birthDate").ShouldBe("1990");
        person.Datasets.ShouldBe(["fict_ofac", "fict_un"]);

        var ownership = entities[2];
        ownership.Schema.Name.ShouldBe("Ownership");
        ownership.First("owner").ShouldBe("NK-fictPerson1");
        ownership.First("asset").ShouldBe("NK-fictFront1");
        ownership.Target.ShouldBeFalse();

        var payment = entities[3];
        payment.Schema.Name.ShouldBe("UnknownLink");
        payment.First("subject").ShouldBe("NK-fictFront1");
        payment.First("object").ShouldBe("NK-fictPerson1");
        payment.First("role").ShouldBe("Payment");
        payment.Target.ShouldBeFalse();

        entities[4].First("name").ShouldBe("Caption Only Org", "a matchable entity without names takes its caption");

        context.Rejections.ShouldBeEmpty("every schema and property in the fixture is FtM's own");
        context.Warnings.Count.ShouldBe(3);
        context.Warnings.ShouldContain(w => w.Contains("skipped 1 entities", StringComparison.Ordinal) && w.Contains("Article (1)", StringComparison.Ordinal));
        context.Warnings.ShouldContain(w => w.Contains("Payment as UnknownLink (1)", StringComparison.Ordinal));
        context.Warnings.ShouldContain(w => w.Contains("Company.kppCode (1)", StringComparison.Ordinal) && w.Contains("Person.uniqueEntityId (2)", StringComparison.Ordinal)
                                            && w.Contains("Ownership.sharesCount (1)", StringComparison.Ordinal) && w.Contains("Payment.amount (1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dataset_name_can_be_overridden()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, FixturePath, "os_test");

        context.Dataset!.Name.ShouldBe("os_test");
        context.Datasets.Keys.ShouldBe(["os_test"]);
        entities.ShouldAllBe(e => e.Dataset == "os_test" && e.Datasets.Count == 1);
        entities[0].Id.ShouldBe("NK-fictFront1");
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\nnot json\n", 2)]
    [InlineData("{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n\n{\"schema\":\"Person\",\"properties\":{}}\n", 3)]
    [InlineData("{\"id\":\"a\",\"properties\":{}}\n", 1)]
    [InlineData("[\"id\",\"schema\"]\n", 1)]
    [InlineData("{\"id\":\"a\",\"schema\":\"Person\",\"properties\":[]}\n", 1)]
    public async Task Bad_line_fails_with_its_line_number(string content, int line)
    {
        (await ReaderHarness.FailsAsync(_reader, "bad.ftm.json", content)).Line.ShouldBe(line);
    }

    [Fact]
    public async Task Empty_file_fails()
    {
        await ReaderHarness.FailsAsync(_reader, "empty.ftm.json", "\n\n");
    }

    [Fact]
    public void Sniff_accepts_ftm_lines_and_rejects_stix_csv_text()
    {
        _reader.Sniff(ReaderHarness.Head(FixturePath)).ShouldBeTrue();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "stix", "dprk_it_workers_bundle.json"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "front_indicators.txt"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "example_front_research", "indicators.csv"))).ShouldBeFalse();
        _reader.Sniff(Encoding.UTF8.GetBytes("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[]}")).ShouldBeFalse();
    }

    [Fact]
    public void Unmodelled_schemas_map_to_the_nearest_modelled_parent_or_are_skipped()
    {
        FtmSchemaMapping.Resolve("Person")!.Schema.ShouldBe(Schemas.Person);
        FtmSchemaMapping.Resolve("Succession")!.LinkEnds.ShouldBe(("predecessor", "successor"));
        FtmSchemaMapping.Resolve("Email").ShouldBeNull();
        FtmSchemaMapping.Resolve("RealEstate").ShouldBeNull();
        FtmSchemaMapping.Resolve("Thing").ShouldBeNull();
        FtmSchemaMapping.Resolve("NoSuchSchema").ShouldBeNull();
    }

    [Theory]
    [InlineData("sanctions/opensanctions/yente_t1/entities.ftm.json")]
    [InlineData("sanctions/opensanctions/yente_zala/entities.ftm.json")]
    public async Task OpenSanctions_files_import_every_entity_with_its_names_RealFile(string relative)
    {
        var path = SharedData.Path(relative);
        // Independent count from the raw lines: entities, names (name/alias/previousName/weakAlias), latest date.
        var lines = File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l)).ToList();
        var expectedIds = lines.Select(d => d.RootElement.GetProperty("id").GetString()!).ToList();
        var expectedNames = lines.Sum(d =>
        {
            var properties = d.RootElement.GetProperty("properties");
            return ((string[])["name", "alias", "previousName", "weakAlias"])
                .SelectMany(p => properties.TryGetProperty(p, out var v) ? v.EnumerateArray().Select(x => x.GetString()!) : [])
                .Distinct().Count();
        });
        var latest = lines.SelectMany(d => ((string[])["last_seen", "last_change"])
                .Select(p => d.RootElement.TryGetProperty(p, out var v) ? v.GetString()![..10] : null))
            .Where(s => s is not null).Max();

        _reader.Sniff(ReaderHarness.Head(path)).ShouldBeTrue();
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, path);

        entities.Select(e => e.Id).ShouldBe(expectedIds, "all schemas in these files are modelled (Sanction, Ownership, Family, ...)");
        entities.Sum(e => e.AllNames().Count()).ShouldBe(expectedNames);
        context.Dataset!.PublishedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(latest);
        lines.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task Zala_graph_keeps_ownership_edges_pointing_at_ftm_ids_RealFile()
    {
        var (entities, _) = await ReaderHarness.ReadFileAsync(_reader, SharedData.Path("sanctions/opensanctions/yente_zala/entities.ftm.json"));

        var ids = entities.Select(e => e.Id).ToHashSet();
        var ownerships = entities.Where(e => e.Schema.Name == "Ownership").ToList();
        ownerships.Count.ShouldBe(14);
        ownerships.ShouldAllBe(o => o.Has("owner") && o.Has("asset"));
        ownerships.ShouldContain(o => ids.Contains(o.First("owner")!) && ids.Contains(o.First("asset")!));
        entities.Count(e => e.Schema.Name == "Sanction").ShouldBe(41);
    }

    [Fact]
    public async Task Zala_sanctions_fold_their_programmes_into_the_targets_and_only_dangling_addresses_are_rejected_RealFile()
    {
        var path = SharedData.Path("sanctions/opensanctions/yente_zala/entities.ftm.json");
        // Independently from the raw lines: the programmes each Sanction names for its entity.
        var expected = new Dictionary<string, HashSet<string>>();
        foreach (var line in File.ReadLines(path).Where(l => l.Trim().Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != "Sanction" || !root.GetProperty("properties").TryGetProperty("program", out var programs))
            {
                continue;
            }
            foreach (var holder in root.GetProperty("properties").GetProperty("entity").EnumerateArray().Select(h => h.GetString()!))
            {
                expected.TryAdd(holder, []);
                expected[holder].UnionWith(programs.EnumerateArray().Select(p => p.GetString()!));
            }
        }

        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, path);

        expected.Count.ShouldBeGreaterThan(0);
        foreach (var (holder, programs) in expected)
        {
            entities.Single(e => e.Id == holder).Get("program").ShouldBe(programs, ignoreOrder: true);
        }
        entities.Where(e => e.Schema.Name is "Sanction" or "Address" or "Ownership" or "Family" or "Directorship" or "Passport").ShouldAllBe(e => !e.Target);
        context.Datasets.Count.ShouldBe(27, "one dataset per FtM dataset the file names");
        // This subset of OpenSanctions leaves out some Address entities its people and companies name; the newer FtM also
        // has Company.abbreviation, which the schema files here lack.
        context.Rejections.ShouldNotBeEmpty();
        context.Rejections.ShouldAllBe(r => r.Contains("addressEntity") || r.Contains("'abbreviation'"));
    }
}
