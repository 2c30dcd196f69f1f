using Unmask.Domain;
using Unmask.LinkGraph.Export;

namespace Unmask.LinkGraph.Tests.Support;

/// <summary>Export content for a selection alone: no list entities, datasets or cases, a fixed export time.</summary>
internal static class ExportContents
{
    public static readonly DateTimeOffset ExportedAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static ExportContent Of(GraphSelection selection) =>
        new(selection, new Dictionary<string, Entity>(), new Dictionary<string, Dataset>(), [], ExportedAt);
}
