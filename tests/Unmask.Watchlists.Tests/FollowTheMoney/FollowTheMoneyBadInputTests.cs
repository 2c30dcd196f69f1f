using System.Text;
using Unmask.Domain;
using Unmask.Watchlists.FollowTheMoney;
using Unmask.Watchlists.Tests.Ioc;

namespace Unmask.Watchlists.Tests.FollowTheMoney;

/// <summary>What FtM does not allow is left out and reported per line; the rest of the file is read. Strict mode makes
/// the first such line bad input.</summary>
public sealed class FollowTheMoneyBadInputTests
{
    private readonly FollowTheMoneyJsonReader _reader = new();

    private const string Good = """{"id":"ok-1","schema":"Person","properties":{"name":["Kim Fictional"],"birthDate":["1980-02-03"]},"datasets":["fict"]}""";

    public static TheoryData<string, string, string> BadLines() => new()
    {
        { """{"id":"x1","schema":"Persn","properties":{"name":["Pak Fictional"]}}""", "'Persn' is not an FtM schema", "unknown schema (1)" },
        { """{"id":"x1","schema":"Interval","properties":{}}""", "'Interval' is abstract", "abstract schema (1)" },
        { """{"id":"x1","schema":"Person","properties":{"name":["Pak Fictional"],"shoeSize":["44"]}}""", "Person has no property 'shoeSize'", "unknown property (1)" },
        { """{"id":"x1","schema":"Person","properties":{"name":["Pak Fictional"],"birthDate":["31-02-1980"]}}""", "birthDate '31-02-1980' is not a date", "wrong type (1)" },
        { """{"id":"x1","schema":"Person","properties":{"name":["Pak Fictional"],"nationality":["Atlantis"]}}""", "nationality 'Atlantis' is not a country code", "wrong type (1)" },
        { """{"id":"x1","schema":"Company","properties":{"name":["Pak Fictional Ltd"],"capital":["a lot"]}}""", "capital 'a lot' is not a number", "wrong type (1)" },
        { """{"id":"x1","schema":"Ownership","properties":{"owner":["ok-1"],"asset":["nobody-here"]}}""", "asset 'nobody-here' names no entity in this file", "dangling reference (1)" },
        { """{"id":"x1","schema":"Person","properties":{"name":["Pak Fictional", {"x": 1}]}}""", "name holds 1 values that are not strings", "value not a string (1)" },
        { """{"id":"x1","schema":"Person","properties":{"name":["Pak Fictional"]},"last_seen":"yesterday"}""", "\"last_seen\" 'yesterday' is not a timestamp", "wrong type (1)" },
        { """{"id":"x1","schema":"Person","properties":{"name":["Pak Fictional"]},"target":"no"}""", "\"target\" is String", "wrong type (1)" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_bad_line_is_reported_with_its_line_and_the_rest_is_read(string line, string reason, string count)
    {
        var (entities, context) = await ReaderHarness.ReadTextAsync(_reader, "bad.ftm.json", Good + "\n" + line + "\n" + Good.Replace("ok-1", "ok-2", StringComparison.Ordinal) + "\n");

        var rejection = context.Rejections.ShouldHaveSingleItem();
        rejection.ShouldStartWith("bad.ftm.json:2: ");
        rejection.ShouldContain(reason);
        context.RejectionCount.ShouldBe(1);
        entities.Select(e => e.Id).ShouldContain("ok-1");
        entities.Select(e => e.Id).ShouldContain("ok-2");
        context.Warnings.ShouldContain(w => w.Contains("left out 1 values or entities FtM does not allow", StringComparison.Ordinal) && w.Contains(count, StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_can_be_read_of_a_bad_line_is_kept()
    {
        var (entities, _) = await ReaderHarness.ReadTextAsync(_reader, "bad.ftm.json", Good + "\n"
            + """{"id":"x1","schema":"Person","properties":{"name":["Pak Fictional"],"birthDate":["31-02-1980","1981"],"addressEntity":["gone"],"shoeSize":["44"]},"target":false}""" + "\n");

        var person = entities.Single(e => e.Id == "x1");
        person.Get("name").ShouldBe(["Pak Fictional"]);
        person.Get("birthDate").ShouldBe(["1981"]);
        person.Has("addressEntity").ShouldBeFalse();
        person.Target.ShouldBeFalse();
    }

    [Fact]
    public async Task Ftm_schemas_and_properties_unmask_does_not_model_are_skipped_and_counted_not_rejected()
    {
        var (entities, context) = await ReaderHarness.ReadTextAsync(_reader, "os.ftm.json", Good + "\n"
            + """{"id":"doc","schema":"Article","properties":{"title":["A fictional article"]}}""" + "\n"
            + """{"id":"ok-3","schema":"Person","properties":{"name":["Ri Fictional"],"eyeColor":["brown"]}}""" + "\n");

        context.Rejections.ShouldBeEmpty();
        entities.Select(e => e.Id).ShouldBe(["ok-1", "ok-3"]);
        context.Warnings.ShouldContain(w => w.Contains("Article (1)", StringComparison.Ordinal));
        context.Warnings.ShouldContain(w => w.Contains("Person.eyeColor (1)", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task Strict_mode_makes_the_first_bad_line_bad_input(string line, string reason, string count)
    {
        _ = count;
        var context = new ReadContext(strict: true);
        var input = ListInput.FromBytes("bad.ftm.json", Encoding.UTF8.GetBytes(Good + "\n" + line + "\n"));

        var error = await Should.ThrowAsync<InputException>(async () =>
        {
            await foreach (var _ in _reader.ReadAsync(input, context, TestContext.Current.CancellationToken))
            {
            }
        });

        error.Line.ShouldBe(2);
        error.Reason.ShouldContain(reason);
        error.Reason.ShouldContain("strict mode: nothing imported");
    }

    [Fact]
    public async Task Rejections_are_listed_up_to_a_cap_and_all_are_counted()
    {
        var lines = Enumerable.Range(1, 150).Select(i => "{\"id\":\"x" + i + "\",\"schema\":\"Persn\",\"properties\":{}}");

        var (_, context) = await ReaderHarness.ReadTextAsync(_reader, "bad.ftm.json", Good + "\n" + string.Join("\n", lines) + "\n");

        context.Rejections.Count.ShouldBe(ReadContext.ListedRejections);
        context.RejectionCount.ShouldBe(150);
        context.Warnings.ShouldContain(w => w.Contains("unknown schema (150)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kp", "kp")]
    [InlineData("KP", "kp")]
    [InlineData("Korea, North", "kp")]
    [InlineData("eu", "eu")]
    [InlineData("suhh", "suhh")]
    [InlineData("ge-ab", "ge-ab")]
    public void Country_values_are_codes_or_names_of_countries(string value, string code) =>
        FtmValueCheck.Read(PropertyType.Country, value, out _).ShouldBe(code);

    [Theory]
    [InlineData(PropertyType.Country, "Atlantis")]
    [InlineData(PropertyType.Country, "k1")]
    [InlineData(PropertyType.Date, "1980-13-01")]
    [InlineData(PropertyType.Date, "March 1980")]
    [InlineData(PropertyType.Number, "n/a")]
    public void Values_not_of_their_type_are_refused_with_a_reason(PropertyType type, string value)
    {
        FtmValueCheck.Read(type, value, out var problem).ShouldBeNull();
        problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(PropertyType.Date, "1980")]
    [InlineData(PropertyType.Date, "2030-01-02T10:00:00")]
    [InlineData(PropertyType.Number, "10,000.50")]
    [InlineData(PropertyType.Number, "1500 RUB")]
    [InlineData(PropertyType.Identifier, "anything at all")]
    public void Values_of_their_type_are_kept_as_written(PropertyType type, string value) =>
        FtmValueCheck.Read(type, value, out _).ShouldBe(value);
}
