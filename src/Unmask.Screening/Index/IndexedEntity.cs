using Unmask.Domain;
using Unmask.Screening.Names;

namespace Unmask.Screening.Index;

/// <summary>One list entity as the screener needs it, with every name already transliterated and tokenised.</summary>
public sealed class IndexedEntity
{
    internal IndexedEntity(Entity source, PreparedName[] names, bool[] weakNames, PartialDate[] birthDates, string[] countries, string[] identifierKeys)
    {
        Source = source;
        Names = names;
        WeakNames = weakNames;
        BirthDates = birthDates;
        Countries = countries;
        IdentifierKeys = identifierKeys;
        Programs = source.Get("program").ToArray();
        Caption = source.Caption;
    }

    public Entity Source { get; }
    public string Id => Source.Id;
    public Schema Schema => Source.Schema;
    public string Caption { get; }
    public string[] Programs { get; }
    public PreparedName[] Names { get; }

    /// <summary>Parallel to <see cref="Names"/>: true for weak aliases (OFAC "weak" a.k.a., UN "Low" quality).</summary>
    public bool[] WeakNames { get; }

    public PartialDate[] BirthDates { get; }
    public string[] Countries { get; }
    public string[] IdentifierKeys { get; }
}
