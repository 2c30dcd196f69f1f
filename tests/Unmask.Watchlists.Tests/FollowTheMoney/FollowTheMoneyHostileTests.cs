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
}
