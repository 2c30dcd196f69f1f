using System.Text.Json;
using Unmask.Application.Screening;
using Unmask.Application.Sites;
using Unmask.Domain;
using Unmask.Screening;
using Unmask.Storage;
using Unmask.Vetting;
using Unmask.Vetting.Input;
using Unmask.Vetting.Output;
using Unmask.Vetting.Reference;
using Unmask.Vetting.Scoring;
using Unmask.Vetting.Model;
using Unmask.WebsiteAnalysis.Analysis;

namespace Unmask.Application.Vetting;

/// <param name="SkipBadRows">Report malformed rows and go on instead of stopping.</param>
public sealed record VetOptions(bool SkipBadRows = false);

/// <summary>A vetting run with, per record node, the risk its network carries (the path to a designated entry as evidence).</summary>
public sealed record VetOutcome(VetRun Run, VetBatch Batch, IReadOnlyDictionary<string, Unmask.LinkGraph.Queries.PropagatedRisk> Network);

/// <summary>The Vet use case: reference data and sanctions screening from the imported lists, site analysis against the site
/// index, then the indicators of INDICATORS.md; results are kept in the store for the link graph.</summary>
public sealed class VettingService(IUnmaskStore store, TimeProvider time)
{

    /// <summary>Vets the records, then joins them into the link graph: a record whose network reaches a designated list
    /// entry or an IOC gets the propagated risk and the path as evidence (<see cref="VetOutcome.Network"/>).</summary>
    public async Task<VetOutcome> VetWithNetworkAsync(string recordsFile, string? signInsFile, VetOptions options, CancellationToken cancellationToken)
    {
        var (run, batch) = await VetAsync(recordsFile, signInsFile, options, cancellationToken);
        var (graph, _) = await new Graph.GraphService(store).BuildAsync(cancellationToken);
        var network = new Dictionary<string, Unmask.LinkGraph.Queries.PropagatedRisk>(StringComparer.Ordinal);
        foreach (var result in run.Results)
        {
            var node = $"{result.Kind}:{result.Id}";
            if (graph.Contains(node))
            {
                network[node] = graph.PropagatedRisk(node);
            }
        }
        return new VetOutcome(run, batch, network);
    }

    public async Task<(VetRun Run, VetBatch Batch)> VetAsync(string recordsFile, string? signInsFile, VetOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(recordsFile))
        {
            throw new InputException(recordsFile, null, "no such file");
        }
        if (signInsFile is not null && !File.Exists(signInsFile))
        {
            throw new InputException(signInsFile, null, "no such file");
        }
        var batch = VetRecordReader.Read(recordsFile, new VetReaderOptions(SkipMalformedRows: options.SkipBadRows));
        var entities = new List<Entity>();
        await foreach (var entity in store.Lists.GetEntitiesAsync(cancellationToken: cancellationToken))
        {
            entities.Add(entity);
        }
        var reference = VettingReferenceData.FromEntities(entities);
        var screening = new Screener(ScreeningIndex.Build(entities.Where(e => !e.Dataset.StartsWith("ioc", StringComparison.Ordinal))));
        var sites = new SiteService(store, time);
        var siteCheck = new SiteCopyCheck(sites, cancellationToken);
        var vettingOptions = new VettingOptions();
        var referenceDomains = batch.Records.Any(r => r.CompanyDomain is not null || r.Website is not null)
            ? await ReferenceDomainsAsync(cancellationToken) : [];
        var context = new VettingContext(reference, vettingOptions, time, new SanctionsScreen(screening), siteCheck, referenceDomains);
        IEnumerable<SignIn>? signIns = null;
        SignInLogReader? log = null;
        if (signInsFile is not null)
        {
            log = SignInLogReader.Open(signInsFile);
            signIns = log.ReadAll(options.SkipBadRows);
        }
        var run = Vetter.Run(batch.Records, signIns, context, batch.Columns, log?.HasCountryColumn);
        var vettedAt = time.GetUtcNow();
        var stored = new StoredVetBatch($"vet-{Guid.CreateVersion7(vettedAt):N}", recordsFile, await Sha256OfAsync(recordsFile, cancellationToken),
            vettingOptions.Weights.Name, vettedAt, run.Results.Count);
        var sitesByDomain = await sites.SitesByDomainAsync(cancellationToken);
        var rows = new List<StoredVetRecord>(run.Results.Count);
        foreach (var (record, result) in batch.Records.Zip(run.Results))
        {
            var graphRecord = Graph.GraphRecords.From(record, result, record.SiteSnapshot is { } snapshot ? siteCheck.KeyOf(snapshot) : null, sitesByDomain);
            rows.Add(VetRecordDocuments.ToRecord(stored.Id, JsonOf(result), JsonSerializer.Serialize(graphRecord), await AttachmentsOfAsync(record, cancellationToken)));
        }
        // The batch, its records, their findings and attachments in one transaction: a run killed while writing leaves the
        // earlier run whole.
        await store.Vetting.SaveRunAsync(stored, rows, cancellationToken);
        await Graph.GraphService.InvalidateAsync(store, cancellationToken);
        return (run, batch);
    }

    /// <summary>The findings vetting last gave the record (<c>applicant:A-1</c>), in their order; empty when never vetted.</summary>
    public Task<IReadOnlyList<StoredFinding>> FindingsOfAsync(string recordKey, CancellationToken cancellationToken = default) =>
        store.Vetting.GetFindingsAsync(recordKey, cancellationToken);

    /// <summary>DOMAIN_LOOKALIKE compares records' domains with these: each indexed reference site's own domain and the ones
    /// its pages declare.</summary>
    private async Task<IReadOnlyList<string>> ReferenceDomainsAsync(CancellationToken cancellationToken)
    {
        var domains = new List<string>();
        await foreach (var stored in store.Sites.ListAsync(cancellationToken))
        {
            if (SiteRecords.RoleOf(stored.Role) == SiteRole.Reference && SiteRecords.ToIndexed(stored) is var site)
            {
                domains.AddRange(site.Domain is { } own ? site.Declared.Prepend(own) : site.Declared);
            }
        }
        return [.. domains.Distinct(StringComparer.Ordinal)];
    }

    private static async Task<string> Sha256OfAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>The photo the record came with, put in the blob store (once per content). It was read and checked (size,
    /// pixels) when the record was; a photo gone or grown since is left out rather than failing the run. A run that fails
    /// after this leaves the blob unreferred to, for <see cref="IBlobStore.PruneAsync"/>.</summary>
    private async Task<IReadOnlyList<StoredVetAttachment>> AttachmentsOfAsync(VetRecord record, CancellationToken cancellationToken)
    {
        if (record.Photo is not { Path: var path } || !File.Exists(path) || new FileInfo(path).Length > new VetInputLimits().MaxPhotoBytes)
        {
            return [];
        }
        var mediaType = MediaTypeOf(path);
        var sha256 = await store.Blobs.PutAsync(await File.ReadAllBytesAsync(path, cancellationToken), mediaType, cancellationToken);
        return [new StoredVetAttachment("photo" + Path.GetExtension(path).ToLowerInvariant(), mediaType, sha256)];
    }

    private static string MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".bmp" => "image/bmp",
        _ => "application/octet-stream",
    };

    private static string JsonOf(VetResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            VetJson.WriteOne(writer, result);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>SANCTIONS_MATCH: names screened against the sanctions lists with the screening engine.</summary>
    private sealed class SanctionsScreen(Screener screener) : ISanctionsScreen
    {
        public IReadOnlyList<SanctionsHit> Screen(string name, string schema, string? birthDate, string? country)
        {
            var (query, error) = ScreeningQueries.Build(null, name, schema, birthDate, country, null);
            if (query is null || error is not null)
            {
                return [];
            }
            return [.. screener.Screen(query, new ScreeningOptions(Limit: 5)).Results
                .Select(r => new SanctionsHit(r.Id, r.Caption, r.Datasets.FirstOrDefault() ?? "", r.Programs, r.Score, r.Explanation))];
        }
    }

    /// <summary>SITE_COPIED / SITE_SHARED_FINGERPRINT: the saved site analysed against the site index.</summary>
    private sealed class SiteCopyCheck(SiteService sites, CancellationToken cancellationToken) : ISiteCopyCheck
    {
        private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

        public string? KeyOf(string snapshotPath) => _keys.GetValueOrDefault(snapshotPath);

        public SiteCopyResult? Check(string snapshotPath, string? companyDomain)
        {
            try
            {
                var (report, _) = sites.AnalyzeAsync(snapshotPath, null, cancellationToken).GetAwaiter().GetResult();
                _keys[snapshotPath] = report.Target;
                var clone = report.Clones.FirstOrDefault(c => c.Relation == "clone");
                // Only an operator pivot (a rare value, or two, and every site on it a suspect) links to another front.
                var shared = report.Pivots.SelectMany(p => p.Shared.Select(s =>
                {
                    var colon = s.IndexOf(':', StringComparison.Ordinal);
                    return colon < 0 || FingerprintKind(s[..colon]) is not { } kind ? null
                        : new SharedFingerprint($"site:{p.Site}", kind, s[(colon + 1)..], p.Operator);
                })).OfType<SharedFingerprint>().ToList();
                return new SiteCopyResult($"site:{report.Target}", clone is null ? null : $"site:{clone.Reference}", clone?.CopiedFraction ?? 0,
                    [.. (clone?.BrandSubstitutions ?? []).Select(b => new KeyValuePair<string, string>(b.Original, b.Replacement))], shared,
                    [.. report.Findings.Where(f => f.Code == "DOMAIN_LOOKALIKE").Select(f => f.Evidence)]);
            }
            catch (InputException)
            {
                return null;
            }
        }

        /// <summary>The graph's node kind of a pivot label's kind (<c>favicon_mmh3:</c> is a <c>favicon:</c> node); null for the
        /// kinds that do not link fronts (addresses, templates, messenger handles, claims).</summary>
        private static string? FingerprintKind(string label) => label switch
        {
            "trackers" => "tracker",
            "favicon_mmh3" => "favicon",
            "emails" => "email",
            "phones" => "phone",
            _ => null,
        };
    }
}
