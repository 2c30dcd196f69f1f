namespace Unmask.Domain;

/// <summary>A list as its publisher issued it: name (e.g. <c>us_ofac_sdn</c>), who published it and when.</summary>
/// <param name="Name">Stable dataset name used in entity ids and <c>lists show</c>.</param>
/// <param name="Title">Human title, e.g. "OFAC Specially Designated Nationals".</param>
/// <param name="Publisher">Issuing body, e.g. "US Treasury OFAC".</param>
/// <param name="PublishedOn">Publication date the file states, when it states one.</param>
/// <param name="Kind">Sanctions list or IOC (indicator) list.</param>
public sealed record Dataset(string Name, string Title, string Publisher, DateOnly? PublishedOn, DatasetKind Kind);

public enum DatasetKind
{
    Sanctions,
    Indicators,
    Other,
}
