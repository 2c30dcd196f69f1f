namespace Unmask.Application.Sites;

/// <summary>Which indexed site each registrable domain leads to. <paramref name="Owners"/>: the one site owning it (fetched from
/// it, or the reference known by it). <paramref name="Claimants"/>: the other sites whose pages only claim it (canonical link,
/// og:url, JSON-LD url), by id; a claim is evidence, never a link to the site.</summary>
public sealed record SiteDomains(IReadOnlyDictionary<string, string> Owners, IReadOnlyDictionary<string, IReadOnlyList<string>> Claimants)
{
    public static SiteDomains None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Whether the site known by <paramref name="key"/> owns the domain its key names (a suspect read from a folder
    /// named <c>acme.com</c> does not).</summary>
    public bool OwnsKey(string key) => Owners.GetValueOrDefault(key) == key;
}
