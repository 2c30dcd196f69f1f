using System.Text.RegularExpressions;
using Unmask.Domain;

namespace Unmask.Domain.Tests;

public partial class FtmIdsTests
{
    // followthemoney/types/entity.py, EntityType.REGEX_RAW.
    [GeneratedRegex("^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")]
    private static partial Regex FtmRule();

    [Theory]
    [InlineData("NK-25kLJ3N7wgpaTvLQV9dD7N", "NK-25kLJ3N7wgpaTvLQV9dD7N")]
    [InlineData("ofac-12345", "ofac-12345")]
    [InlineData("us_ofac_sdn-24977", "unmask-entity-us..5fofac..5fsdn-24977")]
    [InlineData("unmask-applicant-A-3", "unmask-entity-unmask-applicant-A-3")]
    [InlineData("ends-with-dash-", "unmask-entity-ends-with-dash..2d")]
    public void List_ids_are_kept_when_FtM_accepts_them_and_escaped_otherwise(string entityId, string ftmId)
    {
        FtmIds.OfEntity(entityId).ShouldBe(ftmId);
        FtmRule().IsMatch(ftmId).ShouldBeTrue();
        FtmIds.ToEntityId(ftmId).ShouldBe(entityId);
    }

    [Theory]
    [InlineData("applicant", "A-3", "unmask-applicant-A-3")]
    [InlineData("site", "copycat-labs.example", "unmask-site-copycat-labs.example")]
    [InlineData("site", "My Folder/Ü", "unmask-site-My..20Folder..2f..c3..9c")]
    [InlineData("wallet", "evm:0xabc", "unmask-wallet-evm..3a0xabc")]
    public void Graph_ids_map_reversibly(string kind, string value, string ftmId)
    {
        FtmIds.Of(kind, value).ShouldBe(ftmId);
        FtmIds.TryParse(ftmId, out var parsedKind, out var parsedValue).ShouldBeTrue();
        (parsedKind, parsedValue).ShouldBe((kind, value));
    }

    [Fact]
    public void Any_value_escapes_to_a_valid_id_and_back()
    {
        var random = new Random(14);
        const string alphabet = "aZ09.-_:/ @é..--";
        for (var i = 0; i < 5_000; i++)
        {
            var value = new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var id = FtmIds.Of("site", value);
            FtmRule().IsMatch(id).ShouldBeTrue($"'{value}' → '{id}'");
            FtmIds.TryParse(id, out _, out var back).ShouldBeTrue();
            back.ShouldBe(value, id);
        }
    }

    [Fact]
    public void Ids_that_are_not_Unmasks_own_are_not_parsed()
    {
        FtmIds.TryParse("NK-abc", out _, out _).ShouldBeFalse();
        FtmIds.TryParse("unmask-", out _, out _).ShouldBeFalse();
        FtmIds.TryParse("unmask-Site-x", out _, out _).ShouldBeFalse();
        FtmIds.IsValid("a_b").ShouldBeFalse();
        FtmIds.IsValid(new string('a', 201)).ShouldBeFalse();
    }
}
