using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Stix;
using Unmask.Watchlists.Tests.Ioc;

namespace Unmask.Watchlists.Tests.Stix;

/// <summary>Bundles with objects Unmask cannot read as they stand: an unknown type, a pattern that is not STIX patterning,
/// objects of STIX 2.0. The rest is read and each bad object reported by number; strict mode refuses the whole file.</summary>
public sealed class Stix21BadInputTests
{
    private static string Fixture(string name) => RepoPaths.Fixture("stix", name);

    [Fact]
    public async Task Each_bad_object_is_reported_by_number_and_the_rest_is_read()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(new Stix21BundleReader(), Fixture("bad-objects.json"));

        entities.Select(e => e.First("domain") ?? e.First("name")).ShouldBe(["readable.example", "Readable Example Org"]);
        context.Rejections.Count.ShouldBe(3);
        context.Rejections[0].ShouldContain("bad-objects.json:2: ");
        context.Rejections[0].ShouldContain("unknown object type 'fictional-gadget'");
        context.Rejections[1].ShouldContain("bad-objects.json:3: ");
        context.Rejections[1].ShouldContain("pattern is not valid STIX patterning");
        context.Rejections[2].ShouldContain("bad-objects.json:4: ");
        context.Rejections[2].ShouldContain("spec_version '2.0' is not 2.1");
    }

    [Fact]
    public async Task Every_object_of_a_STIX_2_0_bundle_is_reported()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(new Stix21BundleReader(), Fixture("stix20-bundle.json"));

        entities.ShouldBeEmpty();
        context.Rejections.Count.ShouldBe(2);
        context.Rejections.ShouldAllBe(r => r.Contains("no spec_version", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bad-objects.json", "bad-objects.json", 2L)]
    [InlineData("stix20-bundle.json", "stix20-bundle.json", 1L)]
    public async Task Strict_mode_fails_on_the_first_bad_object(string fixture, string file, long objectNumber)
    {
        var context = new ReadContext(strict: true);
        var read = new List<Entity>();
        var error = await Should.ThrowAsync<InputException>(async () =>
        {
            await foreach (var entity in new Stix21BundleReader().ReadAsync(ListInput.FromFile(Fixture(fixture)), context, TestContext.Current.CancellationToken))
            {
                read.Add(entity);
            }
        });
        error.Message.ShouldContain(file);
        error.Message.ShouldContain("strict mode: nothing imported");
        error.Line.ShouldBe(objectNumber);
        context.Rejections.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[domain-name:value = 'a.example'", true)]
    [InlineData("[domain-name:value = ]", true)]
    [InlineData("[]", true)]
    [InlineData("[domain-name:value = 'a.example' AND domain-name:value = 'b.example']", false)]
    [InlineData("[domain-name:value = 'a.example']", false)]
    public void Only_syntax_errors_are_malformed_patterns(string pattern, bool malformed) =>
        StixPattern.Parse(pattern).Malformed.ShouldBe(malformed);

    [Fact]
    public async Task An_observable_of_a_type_its_extension_declares_is_read_and_needs_no_spec_version()
    {
        const string bundle = """
            {"type": "bundle", "id": "bundle--0badf00d-0000-4000-8000-000000000030", "objects": [
              {"type": "unmask-crypto-wallet", "id": "unmask-crypto-wallet--0badf00d-0000-4000-8000-000000000031",
               "value": "0x3333333333333333333333333333333333333333", "currency": "ETH",
               "extensions": {"extension-definition--54b45149-53b7-5cd9-91f1-8a9af4801d9a": {"extension_type": "new-sco"}}}]}
            """;
        var (entities, context) = await ReaderHarness.ReadTextAsync(new Stix21BundleReader(), "wallets.json", bundle);

        context.Rejections.ShouldBeEmpty();
        var wallet = entities.ShouldHaveSingleItem();
        (wallet.Schema, wallet.First("publicKey"), wallet.First("currencySymbol")).ShouldBe((Schemas.CryptoWallet, "0x3333333333333333333333333333333333333333", "ETH"));
    }
}
