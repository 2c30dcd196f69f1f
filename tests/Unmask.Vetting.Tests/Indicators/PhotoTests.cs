using System.Numerics;
using Unmask.Vetting.Input;
using Unmask.Vetting.Tests.Scenario;

namespace Unmask.Vetting.Tests.Indicators;

public sealed class PhotoTests(ITestOutputHelper output)
{
    [Fact]
    public void Copies_of_one_photo_hash_close_and_different_photos_hash_far()
    {
        var distancesSame = new List<int>();
        var distancesOther = new List<int>();
        for (var seed = 0; seed < 40; seed++)
        {
            var a = PhotoReader.DifferenceHash(ScenarioImages.Face(seed, 1, null))!.Value;
            var b = PhotoReader.DifferenceHash(ScenarioImages.Face(seed, 2, null))!.Value;
            var c = PhotoReader.DifferenceHash(ScenarioImages.Face(seed + 1000, 1, null))!.Value;
            distancesSame.Add(BitOperations.PopCount(a ^ b));
            distancesOther.Add(BitOperations.PopCount(a ^ c));
        }
        output.WriteLine($"same: {string.Join(",", distancesSame)}\nother: {string.Join(",", distancesOther)}");
        distancesSame.Count(d => d <= 6).ShouldBeGreaterThanOrEqualTo(38);
        distancesOther.Count(d => d <= 6).ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Png_text_metadata_of_image_generators_is_read()
    {
        var png = ScenarioImages.Face(1, 1, ("parameters", "a portrait, Steps: 30, Model: sdxl"));
        var metadata = PhotoReader.Metadata(png);
        metadata.ShouldContain(m => m.Key == "parameters" && m.Value.Contains("sdxl"));
        var record = Some.Applicant("A-1", "Jane Doe") with { Photo = PhotoReader.Read("p.png", png) };
        Vetting.Indicators.IdentityIndicators.PhotoAiMetadata(record)!.Evidence.ShouldContain("parameters=");
        Vetting.Indicators.IdentityIndicators.PhotoAiMetadata(Some.Applicant("A-2", "Jane Doe") with { Photo = PhotoReader.Read("q.png", ScenarioImages.Face(1, 1, null)) }).ShouldBeNull();
    }
}
