namespace Unmask.TestKit.Specifications;

/// <summary>One finding of a specification validator.</summary>
/// <param name="Kind">What rule was broken, e.g. "schema", "dangling-reference", "range", "value", "required".</param>
/// <param name="Line">1-based line of the FtM entity; null for STIX, whose objects are located by <paramref name="Path"/>.</param>
/// <param name="EntityId">The STIX object id or FtM entity id, when the object has one.</param>
/// <param name="Path">A JSON Pointer into the bundle for STIX (<c>/objects/3/pattern_type</c>); the property name for FtM.</param>
/// <param name="Message">Why it is wrong, in words a reader of a failed test understands.</param>
public sealed record SpecificationIssue(string Kind, int? Line, string? EntityId, string? Path, string Message)
{
    public override string ToString()
    {
        var where = new List<string>();
        if (Line is { } line)
        {
            where.Add($"line {line}");
        }
        if (EntityId is not null)
        {
            where.Add(EntityId);
        }
        if (!string.IsNullOrEmpty(Path))
        {
            where.Add(Path);
        }
        return $"[{Kind}] {string.Join(" ", where)}: {Message}";
    }
}
