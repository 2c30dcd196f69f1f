namespace Unmask.Watchlists;

public enum ListFormat
{
    OfacSdnCsv,
    OfacSdnXml,
    OfacAdvancedXml,
    UnConsolidatedXml,
    EuFsfXml,
    EuFsfCsv,
    UkOfsiCsv,
    UkOfsiXlsx,
    UkSanctionsListXml,
    FollowTheMoneyJson,
    Stix21Bundle,
    IocText,
    IocCsv,
}
