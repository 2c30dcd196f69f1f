using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.FollowTheMoney;
using Unmask.Watchlists.Tests.Ioc;

namespace Unmask.Watchlists.Tests.FollowTheMoney;

/// <summary>An FtM export of a graph read back as a list: targets stay targets, everything else is context, each FtM
/// dataset is a dataset, and interval entities are folded into their holders.</summary>
public sealed class FollowTheMoneyContextTests
{
    private readonly FollowTheMoneyJsonReader _reader = new();

    private static string GraphExport => RepoPaths.Fixture("ftm", "graph_export.ftm.json");

    private async Task<Dictionary<string, Entity>> ReadAsync()
    {
        var (entities, _) = await ReaderHarness.ReadFileAsync(_reader, GraphExport);
        return entities.ToDictionary(e => e.Id);
    }

    [Fact]
    public async Task Target_false_is_kept_and_only_matchable_targets_are_targets()
    {
        var entities = await ReadAsync();

        entities["fict-applicant-a3"].Target.ShouldBeFalse("an applicant exported with target false");
        entities["fict-firm"].Target.ShouldBeFalse("the legitimate firm a front copied");
        entities["fict-p1"].Target.ShouldBeTrue();
        entities["fict-c1"].Target.ShouldBeTrue("no target key: a matchable entity of the list is a target");
        foreach (var context in (string[])["fict-san-1", "fict-san-2", "fict-pass-1", "fict-id-1", "fict-id-2", "fict-id-3", "fict-addr-1", "fict-own-1", "fict-link-1"])
        {
            entities[context].Target.ShouldBeFalse($"{context} is an interval or detail entity: context for the graph only");
        }
    }

    [Fact]
    public void An_entity_without_the_target_key_is_a_target_only_when_matchable()
    {
        using var person = System.Text.Json.JsonDocument.Parse("""{"id":"a","schema":"Person"}""");
        using var sanction = System.Text.Json.JsonDocument.Parse("""{"id":"b","schema":"Sanction","target":true}""");

        FtmJson.IsTarget(person.RootElement, Schemas.Person).ShouldBeTrue();
        FtmJson.IsTarget(sanction.RootElement, Schemas.Sanction).ShouldBeFalse("a Sanction describes a target, it is not one");
    }

    [Fact]
    public async Task Each_ftm_dataset_is_a_dataset_and_an_entity_lists_all_of_its_own()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, GraphExport);

        context.Datasets.Keys.Order().ShouldBe(["fict_sdn", "fict_un", "unmask_graph"]);
        var sdn = context.Datasets["fict_sdn"];
        sdn.Kind.ShouldBe(DatasetKind.Sanctions);
        sdn.Publisher.ShouldBe("Fictional Treasury", "the authority its Sanctions name");
        sdn.PublishedOn.ShouldBe(new DateOnly(2030, 2, 1));
        context.Datasets["unmask_graph"].Kind.ShouldBe(DatasetKind.Other, "it holds no target");
        context.Datasets["fict_un"].Kind.ShouldBe(DatasetKind.Sanctions);

        var person = entities.Single(e => e.Id == "fict-p1");
        person.Dataset.ShouldBe("fict_sdn");
        person.Datasets.ShouldBe(["fict_sdn", "fict_un"]);
        person.Referents.ShouldBe(["old-fict-p1"]);
        person.FirstSeen.ShouldBe(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        person.LastChange.ShouldBe(new DateTimeOffset(2030, 1, 15, 12, 30, 0, TimeSpan.Zero));
        entities.Single(e => e.Id == "fict-applicant-a3").Dataset.ShouldBe("unmask_graph");
        entities.ShouldAllBe(e => context.Datasets.ContainsKey(e.Dataset));
    }

    [Fact]
    public async Task A_prefix_is_put_before_every_dataset()
    {
        var context = new ReadContext(datasetPrefix: "sample_");
        var entities = new List<Entity>();
        await foreach (var entity in _reader.ReadAsync(ListInput.FromFile(GraphExport), context, TestContext.Current.CancellationToken))
        {
            entities.Add(entity);
        }

        context.Datasets.Keys.Order().ShouldBe(["sample_fict_sdn", "sample_fict_un", "sample_unmask_graph"]);
        entities.Single(e => e.Id == "fict-p1").Datasets.ShouldBe(["sample_fict_sdn", "sample_fict_un"]);
    }

    [Fact]
    public async Task Entities_that_name_no_dataset_go_to_one_named_after_the_file()
    {
        var (entities, context) = await ReaderHarness.ReadTextAsync(_reader, "aleph-export.ftm.json",
            """{"id":"x1","schema":"Person","properties":{"name":["Kang Fictional"]}}""");

        FollowTheMoneyJsonReader.DefaultDatasetName("aleph-export.ftm.json").ShouldBe("ftm_aleph_export");
        entities.ShouldHaveSingleItem().Dataset.ShouldBe("ftm_aleph_export");
        context.Dataset!.Name.ShouldBe("ftm_aleph_export");
        context.Datasets.Keys.ShouldBe(["ftm_aleph_export"]);
    }

    [Fact]
    public async Task Sanctions_identifications_passports_and_addresses_are_folded_into_their_holder_wherever_they_are_in_the_file()
    {
        var person = (await ReadAsync())["fict-p1"];

        // The Sanction comes before the person and names it by a referent.
        person.Get("program").ShouldBe(["FICT-PROG"]);
        person.Get("programId").ShouldBe(["FP-1"]);
        person.Get("passportNumber").ShouldBe(["PX1234567"]);
        person.Get("idNumber").ShouldBe(["ID-99887766"], "an Identification whose type is a label gives an idNumber");
        person.Get("socialSecurityNumber").ShouldBe(["SSN-123-45-6789"], "an Identification whose type names a property gives that property");
        person.Get("address").ShouldBe(["1 Fiction Road, Sinuiju, North Korea"]);
        person.Get("addressEntity").ShouldBe(["fict-addr-1"]);
    }

    [Fact]
    public async Task Nothing_is_folded_into_a_context_entity_but_its_address()
    {
        var applicant = (await ReadAsync())["fict-applicant-a3"];

        applicant.Has("program").ShouldBeFalse();
        applicant.Has("idNumber").ShouldBeFalse("the graph has the applicant's identifiers from the Identification itself");
    }

    [Fact]
    public async Task References_by_referent_point_at_the_entity_that_merged_it()
    {
        var sanction = (await ReadAsync())["fict-san-1"];

        sanction.Get("entity").ShouldBe(["fict-p1"]);
    }

    [Fact]
    public async Task A_weak_alias_stays_weak_and_a_country_name_becomes_its_code()
    {
        var entities = await ReadAsync();

        entities["fict-p1"].Get("weakAlias").ShouldBe(["Fictio"]);
        entities["fict-p1"].Get("alias").ShouldBe(["Fictional Chol Ri"]);
        entities["fict-c1"].Get("country").ShouldBe(["kp"], "FtM's country type reads a country name as its code");
    }
}
