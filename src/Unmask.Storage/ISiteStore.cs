namespace Unmask.Storage;

/// <summary>Indexed sites. A site's identity is where it was read from (<see cref="StoredSite.Source"/>) and its role;
/// the domains its pages declare are claims (<see cref="SiteClaim"/>), never the key.</summary>
public interface ISiteStore
{
    /// <summary>Inserts or replaces the sites (with their claims, pages and fingerprints) in one transaction.</summary>
    Task PutAsync(IReadOnlyList<StoredSite> sites, CancellationToken cancellationToken = default);

    Task<StoredSite?> GetAsync(string id, CancellationToken cancellationToken = default);

    IAsyncEnumerable<StoredSite> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The sites carrying this fingerprint (pivot), by kind and value.</summary>
    Task<IReadOnlyList<string>> FindByFingerprintAsync(string kind, string value, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the report of an analysed site; the site itself must be stored.</summary>
    Task PutReportAsync(StoredSiteReport report, CancellationToken cancellationToken = default);

    Task<StoredSiteReport?> GetReportAsync(string siteId, CancellationToken cancellationToken = default);

    IAsyncEnumerable<StoredSiteReport> ListReportsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives sites new ids in one transaction: their claims, pages, fingerprints and report go with them, the clones of
    /// every report that name an old id name the new one, and each rename is recorded (<see cref="ListRenamesAsync"/>).
    /// The renames may form chains (a → b, b → c); each new id must be free once the renames are done. Clears the pending
    /// repair mark (<see cref="IdentityRepairPendingAsync"/>), even with no rename.</summary>
    Task RenameAsync(IReadOnlyList<SiteRename> renames, CancellationToken cancellationToken = default);

    /// <summary>True while the ids of the stored sites still have to be re-derived from their sources (a store written before
    /// schema version 14, when ids were the domains the pages declared); the next <see cref="RenameAsync"/> clears it.</summary>
    Task<bool> IdentityRepairPendingAsync(CancellationToken cancellationToken = default);

    /// <summary>The renames recorded, oldest first.</summary>
    IAsyncEnumerable<SiteRename> ListRenamesAsync(CancellationToken cancellationToken = default);
}

/// <summary>A site given a new id, and why (the id it had was a domain its pages declare but it does not own...).</summary>
public sealed record SiteRename(string From, string To, string Reason, DateTimeOffset? At = null);

public enum SiteSourceKind
{
    Url,
    Folder,
    File,
    Warc,
}

/// <summary>One indexed site. <see cref="Features"/> is everything the analysis needs (the engine's own serialisation),
/// kept as a blob by content hash; the other fields are the columns other tools query.</summary>
/// <param name="Id">The site's id in the index and the graph.</param>
/// <param name="Source">Where it was read from: the URL fetched, or the folder, HTML file or WARC file.</param>
/// <param name="Role">reference or suspect.</param>
public sealed record StoredSite(
    string Id,
    string Source,
    SiteSourceKind SourceKind,
    string Role,
    string Name,
    DateTimeOffset IndexedAt,
    string ContentHash,
    IReadOnlyList<SiteClaim> Claims,
    IReadOnlyList<SitePage> Pages,
    IReadOnlyList<SiteFingerprint> Fingerprints,
    byte[] Features);

/// <summary>A domain the site's pages declare about themselves (canonical link, og:url, JSON-LD url...), and where.</summary>
public sealed record SiteClaim(string Domain, string How, string? PageUrl);

/// <summary>One page of a site; its body (when kept) is a blob. A page is written with its <see cref="Body"/> and read back
/// with <see cref="BodySha256"/> naming the blob and no body (read it from <see cref="IBlobStore"/>), so listing sites never
/// loads every page.</summary>
/// <param name="Url">The URL the page was read from, or its path inside the saved site; one page per URL.</param>
/// <param name="BodySha256">On reading: the blob of the body, when kept. Ignored on writing (the hash of <see cref="Body"/> is).</param>
public sealed record SitePage(string Url, string? Title, byte[]? Body, string? MediaType, string? BodySha256 = null);

/// <summary>A fingerprint of a site: kind (tracker, favicon_mmh3, email, phone, address, template...) and value.</summary>
public sealed record SiteFingerprint(string Kind, string Value);

/// <summary>The report of an analysed site: the engine's JSON, plus its clones and findings as rows.</summary>
public sealed record StoredSiteReport(
    string SiteId,
    DateTimeOffset AnalyzedAt,
    string ReportJson,
    IReadOnlyList<SiteCloneRow> Clones,
    IReadOnlyList<StoredFinding> Findings);

/// <summary>A site the analysed site was compared with and found related to.</summary>
public sealed record SiteCloneRow(string ReferenceId, string Relation, double Similarity, double CopiedFraction);

/// <summary>A finding with its evidence, as kept for sites and vetted records.</summary>
/// <param name="Evidence">The evidence in plain words.</param>
/// <param name="Source">The published red flag or list it rests on.</param>
/// <param name="DataJson">The evidence as data (a JSON object), or null.</param>
public sealed record StoredFinding(string Code, string Severity, string Evidence, string Source, string? DataJson);
