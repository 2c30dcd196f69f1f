using Unmask.Vetting.Indicators;
using Unmask.Vetting.Input;
using Unmask.Vetting.Model;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Scoring.FindingCodes;

namespace Unmask.Vetting;

/// <summary>A whole vetting run: one result per record (input order), the indicators that could not run for the batch and why,
/// and counts for the report.</summary>
public sealed record VetRun(IReadOnlyList<VetResult> Results, IReadOnlyList<NotRun> NotRun, VetRunStats Stats);

/// <param name="SignIns">Sign-in lines read.</param>
/// <param name="SignInsUnknownUser">Sign-in lines whose user_id is no record id (ignored).</param>
public sealed record VetRunStats(int Records, long SignIns, long SignInsUnknownUser);

/// <summary>
/// Vets applicants, contractors and vendors: per-record indicators, per-sign-in indicators (the log is streamed once) and
/// cross-record indicators (hash-map groups), then the risk of INDICATORS.md §3 from the weights table in the options.
/// Every finding is an indicator for review, never a verdict.
/// </summary>
public static class Vetter
{
    /// <summary>Which input columns each code needs (any one of them present lets it run).</summary>
    private static readonly Dictionary<string, string[]> NeededColumns = new(StringComparer.Ordinal)
    {
        [PhotoReused] = [Columns.PhotoPath],
        [PhotoAiMetadata] = [Columns.PhotoPath],
        [ResumeTextReused] = [Columns.ResumeText, Columns.ResumeTextPath],
        [IdentityInconsistent] = [Columns.Country, Columns.Address, Columns.Phone, Columns.BirthDate],
        [AccountAgeMismatch] = [Columns.GithubCreatedOn, Columns.LinkedinCreatedOn],
        [EmployerKnownFront] = [Columns.Employers],
        [ReferenceIsCandidate] = [Columns.References],
        [EmailNameMismatch] = [Columns.Email],
        [PhoneVoip] = [Columns.Phone],
        [PhoneShared] = [Columns.Phone],
        [EmailShared] = [Columns.Email],
        [EmailKnownPersona] = [Columns.Email, Columns.References],
        [ShippingAddressDiffers] = [Columns.ShippingAddress],
        [AddressShared] = [Columns.Address, Columns.ShippingAddress],
        [LaptopFarmAddress] = [Columns.Address, Columns.ShippingAddress],
        [PayoutChanged] = [Columns.PayoutChanges],
        [PayoutNameMismatch] = [Columns.BankAccountName],
        [PayoutRerouted] = [Columns.PayoutChanges],
        [PayoutForeign] = [Columns.BankCountry],
        [PayoutAccountShared] = [Columns.BankAccountId, Columns.PayoutChanges, Columns.CryptoWallets],
        [CryptoWalletListed] = [Columns.CryptoWallets],
        [CryptoPayoutRequested] = [Columns.PayoutMethod, Columns.CryptoWallets],
        [PayoutMsb] = [Columns.PayoutMethod],
        [DomainNew] = [Columns.CompanyRegisteredOn],
        [DomainLookalike] = [Columns.CompanyDomain, Columns.Website, Columns.SiteSnapshot],
        [SiteCopied] = [Columns.SiteSnapshot],
        [SiteSharedFingerprint] = [Columns.SiteSnapshot],
        [RegisteredAgentAddress] = [Columns.CompanyAddress],
        [VendorKnownFront] = [Columns.CompanyName, Columns.CompanyDomain],
        [VideoRefused] = [Columns.InterviewVideo],
        [CameraOff] = [Columns.CameraOffRatio],
        [DifferentPerson] = [Columns.DifferentPersonFlag],
        [InPersonDeclined] = [Columns.InPersonDeclined],
    };

    private static readonly string[] SignInCodes = [RemoteAccessTool, VpnAstrill, SigninCountryMismatch, SigninMultiCountry, SigninSharedIp, SigninCnRuIp, SigninDprkIp, WorkHoursKst];
    private static readonly string[] GeoCodes = [SigninCountryMismatch, SigninMultiCountry, SigninCnRuIp];

    /// <summary>Vets the records; see <see cref="Run"/> for the batch-level "could not run" list.</summary>
    public static IReadOnlyList<VetResult> Vet(IReadOnlyList<VetRecord> records, IEnumerable<SignIn>? signIns, VettingContext context) =>
        Run(records, signIns, context).Results;

    /// <param name="columns">Columns present in the input (from <see cref="VetBatch.Columns"/>); null = all.</param>
    /// <param name="signInsHaveCountry">Whether the log has a country column; null = decided from the sign-ins themselves.</param>
    /// <param name="stageDone">Told the name of each stage as it ends ("per-record indicators", "scoring"...), for progress
    /// (and for timing the stages in a benchmark).</param>
    public static VetRun Run(
        IReadOnlyList<VetRecord> records,
        IEnumerable<SignIn>? signIns,
        VettingContext context,
        IReadOnlySet<string>? columns = null,
        bool? signInsHaveCountry = null,
        Action<string>? stageDone = null)
    {
        void Stage(string name) => stageDone?.Invoke(name);
        var options = new CompiledOptions(context.Options);
        var findings = records.Select(_ => new List<Finding>()).ToArray();
        var notRun = records.Select(_ => new List<NotRun>()).ToArray();

        var siteResults = new SiteCopyResult?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            if (context.Sites is { } sites && records[i].SiteSnapshot is { } snapshot)
            {
                siteResults[i] = sites.Check(snapshot, records[i].CompanyDomain?.Value);
            }
            if (context.Sanctions is { } screen)
            {
                Add(findings[i], CompanyIndicators.SanctionsMatch(records[i], screen, context.Options.SanctionsThreshold));
            }
        }

        Stage("screening and site checks");
        var today = context.Today;
        Parallel.For(0, records.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var r = records[i];
            var list = findings[i];
            foreach (var issue in r.Issues)
            {
                list.Add(new Finding(InputInvalid(issue.Field), Severity.Info, $"{issue.Field} '{issue.Value}': {issue.Reason}", "input",
                    new Dictionary<string, string> { ["field"] = issue.Field }));
            }
            Add(list, IdentityIndicators.IdentityInconsistent(r, today));
            Add(list, IdentityIndicators.AccountAgeMismatch(r));
            Add(list, IdentityIndicators.EmployerKnownFront(r, context.Reference, context.Options.FrontCompanyThreshold));
            Add(list, IdentityIndicators.EmailNameMismatch(r));
            Add(list, IdentityIndicators.PhotoAiMetadata(r));
            Add(list, ContactIndicators.PhoneVoip(r));
            Add(list, ContactIndicators.EmailKnownPersona(r, context.Reference));
            Add(list, ContactIndicators.ShippingAddressDiffers(r, options.Addresses));
            Add(list, PaymentIndicators.PayoutChanged(r));
            Add(list, PaymentIndicators.PayoutNameMismatch(r, options.PayoutHolders));
            Add(list, PaymentIndicators.PayoutRerouted(r, options.PayoutAccounts, options.PayoutHolders));
            Add(list, PaymentIndicators.PayoutForeign(r));
            Add(list, PaymentIndicators.CryptoWalletListed(r, context.Reference));
            Add(list, PaymentIndicators.CryptoPayoutRequested(r));
            Add(list, PaymentIndicators.PayoutMsb(r));
            Add(list, CompanyIndicators.DomainNew(r));
            Add(list, CompanyIndicators.SiteCopied(siteResults[i]));
            Add(list, CompanyIndicators.SiteSharedFingerprint(siteResults[i]));
            Add(list, CompanyIndicators.RegisteredAgentAddress(r, options.RegisteredAgents));
            Add(list, CompanyIndicators.VendorKnownFront(r, context.Reference, context.Options.FrontCompanyThreshold));
            Add(list, BehaviourIndicators.VideoRefused(r));
            Add(list, BehaviourIndicators.CameraOff(r));
            Add(list, BehaviourIndicators.DifferentPerson(r));
            Add(list, BehaviourIndicators.InPersonDeclined(r));
        });

        var lookalikes = DomainLookalikes.Find(records, context.ReferenceDomains ?? [], siteResults);
        for (var i = 0; i < records.Count; i++)
        {
            Add(findings[i], lookalikes[i]);
        }

        Stage("per-record indicators");
        var cross = new CrossRecordIndicators(records, options, findings);
        cross.PhoneShared();
        cross.EmailShared();
        cross.AddressShared();
        cross.PayoutAccountShared();
        cross.ReferenceIsCandidate();
        Stage("shared-value groups");
        cross.ResumeTextReused();
        Stage("résumé reuse");
        cross.PhotoReused();
        Stage("photo reuse");

        long signInCount = 0, unknown = 0;
        var anyCountry = false;
        if (signIns is not null)
        {
            var aggregator = new SignInAggregator(records, context.Reference, options);
            foreach (var signIn in signIns)
            {
                aggregator.Add(signIn);
            }
            (signInCount, unknown, anyCountry) = (aggregator.Total, aggregator.UnknownUsers, signInsHaveCountry ?? aggregator.AnyCountry);
            var shared = aggregator.SharedIps(context.Options.MaxLinksPerFinding);
            for (var i = 0; i < records.Count; i++)
            {
                if (aggregator.Users[i] is not { } user)
                {
                    continue;
                }
                var claimed = Claims.Countries(records[i]);
                Add(findings[i], SignInIndicators.RemoteAccessTool(user));
                Add(findings[i], SignInIndicators.VpnAstrill(user, records[i].NodeId));
                Add(findings[i], SignInIndicators.DprkIp(user));
                if (anyCountry)
                {
                    Add(findings[i], SignInIndicators.CountryMismatch(user, claimed));
                    Add(findings[i], SignInIndicators.MultiCountry(user));
                    Add(findings[i], SignInIndicators.CnRuIp(user, claimed));
                    if (claimed.Count == 0 && user.WithCountry > 0)
                    {
                        notRun[i].Add(new NotRun(SigninCountryMismatch, "the record claims no location (country, address)"));
                    }
                }
                var home = Claims.HomeCountry(records[i]);
                Add(findings[i], SignInIndicators.WorkHoursKst(user, home, claimed));
                if (user.Count >= 20 && (home is null || !Reference.UtcOffsets.TryGet(home, out _)))
                {
                    notRun[i].Add(new NotRun(WorkHoursKst, home is null ? "the record claims no country" : $"no time-zone data for claimed country {home.ToUpperInvariant()}"));
                }
                if (shared.TryGetValue(i, out var uses))
                {
                    Add(findings[i], SignInIndicators.SharedIp(uses, records));
                }
            }
        }

        Stage("sign-ins (read and aggregate)");
        var batchNotRun = BatchNotRun(columns, signIns is not null, anyCountry, context);
        var results = new VetResult[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            results[i] = Score(records[i], findings[i], notRun[i], context.Options.Weights);
        }
        Stage("scoring");
        return new VetRun(results, batchNotRun, new VetRunStats(records.Count, signInCount, unknown));
    }

    /// <summary>Risk and level from the findings (INDICATORS.md §3), findings ordered by weight.</summary>
    public static VetResult Score(VetRecord record, IReadOnlyList<Finding> findings, IReadOnlyList<NotRun> notRun, WeightsTable weights)
    {
        var contributions = RiskScorer.Contributions(findings, weights);
        var risk = RiskScorer.Risk(contributions);
        var level = RiskScorer.Level(risk, findings.Any(f => f.Severity == Severity.Critical));
        var ordered = findings.OrderByDescending(f => weights.WeightOf(f.Code, f.Severity)).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        var links = ordered.SelectMany(f => f.LinksOrEmpty).Distinct().ToList();
        return new VetResult(record.Id, record.Kind.ToString().ToLowerInvariant(), risk, level, ordered, links, notRun)
        {
            Algorithm = weights.Name,
            Contributions = contributions,
        };
    }

    /// <summary>Indicators that cannot run for the whole batch: missing columns, no sign-in log, no country in the log,
    /// no screening or site analysis configured.</summary>
    public static IReadOnlyList<NotRun> BatchNotRun(IReadOnlySet<string>? columns, bool haveSignIns, bool signInsHaveCountry, VettingContext context)
    {
        var result = new List<NotRun>();
        if (columns is not null)
        {
            foreach (var (code, needed) in NeededColumns)
            {
                if (!needed.Any(columns.Contains))
                {
                    result.Add(new NotRun(code, $"input has no {string.Join(" or ", needed.Select(n => $"'{n}'"))} column"));
                }
            }
        }
        if (!haveSignIns)
        {
            result.AddRange(SignInCodes.Select(c => new NotRun(c, "no sign-in log given")));
        }
        else if (!signInsHaveCountry)
        {
            result.AddRange(GeoCodes.Select(c => new NotRun(c, "the sign-in log has no 'country' column and no offline GeoIP database is available")));
        }
        if (context.Sanctions is null)
        {
            result.Add(new NotRun(SanctionsMatch, "no sanctions screening configured (import lists and run through the application)"));
        }
        if (context.Sites is null && (columns is null || columns.Contains(Columns.SiteSnapshot)))
        {
            result.Add(new NotRun(SiteCopied, "no site analysis configured"));
            result.Add(new NotRun(SiteSharedFingerprint, "no site analysis configured"));
        }
        return result.DistinctBy(n => n.Code).ToList();
    }

    private static void Add(List<Finding> list, Finding? finding)
    {
        if (finding is not null)
        {
            list.Add(finding);
        }
    }
}
