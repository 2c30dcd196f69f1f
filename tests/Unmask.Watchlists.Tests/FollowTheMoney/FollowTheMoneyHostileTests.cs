using Unmask.Watchlists.FollowTheMoney;

namespace Unmask.Watchlists.Tests.FollowTheMoney;

public sealed class FollowTheMoneyHostileTests
{
    private readonly FollowTheMoneyJsonReader _reader = new();

    [Theory]
    [InlineData("""{"id":"x1","schema":"Person","properties":{"name":["Kim \ud800 Example"]}}""")]
    [InlineData("""{"id":"x1","schema":"Person","properties":{"na\udc00me":["Kim Example"]}}""")]
    [InlineData("""{"id":"x\ud800","schema":"Person","properties":{"name":["Kim Example"]},"last_change":"2030-01-01\ud800"}""")]
    public async Task A_lone_surrogate_escape_is_bad_input_not_a_crash(string line)
    {
        // Issue 13, defect 4: this was an InvalidOperationException from System.Text.Json.
        var ok = """{"id":"x0","schema":"Person","properties":{"name":["Ri Example"]}}""";

        var error = await HostileInput.RefusedTextAsync(_reader, "entities.ftm.json", ok + "\n" + line + "\n");

        error.Line.ShouldBe(2);
        error.Reason.ShouldContain("not valid Unicode");
    }

    [Theory]
    [InlineData("""{"x\udc00":1,"id":"x1","schema":"Person","properties":{}}""")]
    [InlineData("""{"id":"x\ud800","schema":"Person","properties":{}}""")]
    public void Detection_does_not_fail_on_a_lone_surrogate_escape(string line) =>
        Should.NotThrow(() => _reader.Sniff(System.Text.Encoding.UTF8.GetBytes(line)));

    [Fact]
    public async Task A_note_over_the_text_limit_is_cut_with_a_warning_and_a_long_name_is_refused()
    {
        var note = new string('n', 40_000);
        var (entities, context) = await HostileInput.ReadTextAsync(_reader, "entities.ftm.json",
            $$$"""{"id":"x1","schema":"Person","properties":{"name":["Kim Example"],"notes":["{{{note}}}","short"],"address":["{{{new string('a', 2_500)}}}"]}}""");

        var entity = entities.ShouldHaveSingleItem();
        entity.Get("notes").Select(n => n.Length).ShouldBe([32_000, 5]);
        entity.Get("address").ShouldHaveSingleItem().Length.ShouldBe(2_000);
        entity.Get("name").ShouldBe(["Kim Example"]);
        context.Warnings.ShouldContain(w => w.Contains("cut 2 values longer than their limit") && w.Contains("address (1), notes (1)"));

        var error = await HostileInput.RefusedTextAsync(_reader, "entities.ftm.json",
            $$$"""{"id":"x1","schema":"Person","properties":{"alias":["{{{new string('k', 2_001)}}}"]}}""");
        error.Reason.ShouldBe("entity #1 (x1): alias is 2,001 characters, over the limit of 2,000 for a name: refused");
    }

    [Fact]
    public async Task A_context_entity_with_a_value_cut_to_its_limit_stays_context_with_its_datasets_and_dates()
    {
        // The cut copy was made with id, schema and dataset only: an applicant exported with target false came back a target.
        var (entities, _) = await HostileInput.ReadTextAsync(_reader, "entities.ftm.json",
            $$$"""{"id":"x1","schema":"Person","properties":{"name":["Lee Fictional"],"notes":["{{{new string('n', 40_000)}}}"]},"datasets":["graph","other"],"referents":["x0"],"first_seen":"2030-01-02T03:04:05","target":false}""");

        var entity = entities.ShouldHaveSingleItem();
        entity.Get("notes").ShouldHaveSingleItem().Length.ShouldBe(32_000);
        entity.Target.ShouldBeFalse();
        entity.Datasets.ShouldBe(["graph", "other"]);
        entity.Referents.ShouldBe(["x0"]);
        entity.FirstSeen.ShouldBe(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
    }
}
