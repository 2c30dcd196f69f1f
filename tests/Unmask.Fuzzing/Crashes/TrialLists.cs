using System.Globalization;
using System.Text;

namespace Unmask.Fuzzing.Crashes;

/// <summary>List files for crash and concurrency trials: fictional people under ids that say which file they came from.</summary>
public static class TrialLists
{
    /// <summary>A FollowTheMoney list of fictional people, large enough that writing it takes a while.</summary>
    public static string WriteFtm(string path, string prefix, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $$"""{"id": "CT-{{prefix}}-{{i}}", "caption": "{{prefix}} Trialperson {{i}}", "schema": "Person", "properties": {"name": ["{{prefix}} Trialperson {{i}}"], "birthDate": ["19{{50 + i % 50}}"], "nationality": ["kp"]}, "datasets": ["crash_trial"]}""").Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
