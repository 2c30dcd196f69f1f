using System.Globalization;
using System.Numerics;
using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Indicators.Claims;

namespace Unmask.Vetting.Indicators;

/// <summary>
/// Indicators across the records of one batch (INDICATORS.md §3 shared-attribute findings): every record that shares a value with
/// a record of a different identity gets the finding and a link per other record. Groups are built with hash maps keyed by the
/// normalised value, never by comparing all pairs.
/// </summary>
internal sealed class CrossRecordIndicators
{
    private readonly IReadOnlyList<VetRecord> _records;
    private readonly string[] _identity;
    private readonly CompiledOptions _options;
    private readonly List<Finding>[] _findings;

    public CrossRecordIndicators(IReadOnlyList<VetRecord> records, CompiledOptions options, List<Finding>[] findings)
    {
        _records = records;
        _options = options;
        _findings = findings;
        _identity = records.Select(r => NameKey.Of(r.Name)).ToArray();
    }

    public IReadOnlyList<string> IdentityKeys => _identity;

    /// <summary>A shared value: the graph node (<c>phone:+1…</c>), the text for the evidence, and the records holding it.</summary>
    private sealed record Group(string Via, string Display, List<int> Members);

    private List<Group> Groups(Func<VetRecord, IEnumerable<(string Via, string Display)>> keys)
    {
        var groups = new Dictionary<string, Group>(_records.Count, StringComparer.Ordinal);
        var seen = new List<string>(4);
        for (var i = 0; i < _records.Count; i++)
        {
            seen.Clear();
            foreach (var (via, display) in keys(_records[i]))
            {
                if (seen.Contains(via))
                {
                    continue;
                }
                seen.Add(via);
                if (!groups.TryGetValue(via, out var group))
                {
                    groups[via] = group = new Group(via, display, []);
                }
                group.Members.Add(i);
            }
        }
        return groups.Values.Where(g => g.Members.Count > 1 && g.Members.Any(m => _identity[m] != _identity[g.Members[0]])).ToList();
    }

    private int Identities(Group group) => group.Members.Select(m => _identity[m]).Distinct().Count();

    /// <summary>Other members with a different identity; for very large groups (thousands of records on one switchboard number)
    /// only the first ones are listed, so a group costs O(size), not O(size²).</summary>
    private List<int> Others(Group group, int member)
    {
        var limit = _options.Options.MaxLinksPerFinding + 6;
        var result = new List<int>(Math.Min(group.Members.Count, limit));
        foreach (var other in group.Members)
        {
            if (_identity[other] != _identity[member])
            {
                result.Add(other);
                if (result.Count >= limit)
                {
                    break;
                }
            }
        }
        return result;
    }

    private string Describe(IEnumerable<int> others)
    {
        var list = others.ToList();
        var shown = string.Join(", ", list.Take(5).Select(o => $"{_records[o].Kind.ToString().ToLowerInvariant()} {_records[o].Id}"));
        return list.Count > 5 ? $"{shown} and others" : shown;
    }

    private List<VetLink> Links(IEnumerable<int> others, string via) =>
        others.Take(_options.Options.MaxLinksPerFinding).Select(o => new VetLink(_records[o].NodeId, via)).ToList();

    /// <summary>PHONE_SHARED: the same E.164 phone on records of different identities. [PSA-2025-01], [S1-2024].</summary>
    public void PhoneShared()
    {
        foreach (var group in Groups(r => r.Phone is { } p && !_options.Phones.Contains(p.E164) ? [($"phone:{p.E164}", p.E164)] : []))
        {
            var identities = Identities(group);
            foreach (var member in group.Members)
            {
                var others = Others(group, member);
                _findings[member].Add(new Finding(FindingCodes.PhoneShared, Severity.High, $"phone {group.Display} also on {Describe(others)}",
                    "PSA-2025-01", Data(("phone", group.Display), ("identities", identities.ToString(CultureInfo.InvariantCulture))),
                    Links(others, group.Via)));
            }
        }
    }

    /// <summary>EMAIL_SHARED: the same normalised e-mail (Gmail dots and +tags removed) on different identities. [PSA-2025-01].</summary>
    public void EmailShared()
    {
        foreach (var group in Groups(r => r.Email is { } e && !_options.Emails.Contains(e.Canonical) ? [($"email:{e.Canonical}", e.Canonical)] : []))
        {
            foreach (var member in group.Members)
            {
                var others = Others(group, member);
                _findings[member].Add(new Finding(FindingCodes.EmailShared, Severity.High, $"e-mail {group.Display} also on {Describe(others)}",
                    "PSA-2025-01", Data(("email", group.Display)), Links(others, group.Via)));
            }
        }
    }

    /// <summary>ADDRESS_SHARED (exactly 2 identities; [DOJ-CHAPMAN], [DOJ-KNOOT]; couples and flatmates are common, low weight)
    /// and LAPTOP_FARM_ADDRESS (3 or more identities; [DOJ-CHAPMAN], [DOJ-KNOOT], [DOJ-2025-06], [MANDIANT-2024]) over home and
    /// ship-to addresses. Only addresses with a house number count (a bare city is not an address); office addresses are allowlisted.</summary>
    public void AddressShared()
    {
        IEnumerable<(string, string)> Keys(VetRecord r)
        {
            foreach (var raw in new[] { r.Address, r.ShippingAddress })
            {
                var key = AddressKey.Of(raw);
                if (key.Length > 0 && key.Any(char.IsAsciiDigit) && key.Contains(' ', StringComparison.Ordinal) && !_options.Addresses.Contains(key))
                {
                    yield return ($"address:{key}", raw!);
                }
            }
        }
        foreach (var group in Groups(Keys))
        {
            var identities = Identities(group);
            foreach (var member in group.Members)
            {
                var others = Others(group, member);
                var finding = identities >= 3
                    ? new Finding(FindingCodes.LaptopFarmAddress, Severity.High,
                        $"address '{group.Display}' used by {identities} identities: {Describe(others)} and this record", "DOJ-CHAPMAN",
                        Data(("address", group.Via[8..]), ("identities", identities.ToString(CultureInfo.InvariantCulture))), Links(others, group.Via))
                    : new Finding(FindingCodes.AddressShared, Severity.Low, $"address '{group.Display}' shared with {Describe(others)}", "DOJ-CHAPMAN",
                        Data(("address", group.Via[8..])), Links(others, group.Via));
                _findings[member].Add(finding);
            }
        }
    }

    /// <summary>PAYOUT_ACCOUNT_SHARED: the same bank account (hash; current or in payout changes) or payout wallet on different
    /// identities. [ADV-2022] (same PayPal for client and developer), [PSA-2025-07]. Payroll/EOR accounts are allowlisted.</summary>
    public void PayoutAccountShared()
    {
        IEnumerable<(string, string)> Keys(VetRecord r)
        {
            var accounts = r.PayoutChanges.Select(c => c.Account).Prepend(r.BankAccount);
            foreach (var account in accounts)
            {
                if (account is not null && !_options.PayoutAccounts.Contains(account.Hash))
                {
                    yield return ($"bank:{account.Hash}", $"account {account.Display}");
                }
            }
            foreach (var wallet in r.CryptoWallets)
            {
                yield return ($"wallet:{wallet.Key}", $"wallet {wallet.Address}");
            }
        }
        foreach (var group in Groups(Keys))
        {
            foreach (var member in group.Members)
            {
                var others = Others(group, member);
                _findings[member].Add(new Finding(FindingCodes.PayoutAccountShared, Severity.High,
                    $"{group.Display} also receives pay for {Describe(others)}", "ADV-2022",
                    Data(("account", group.Via)), Links(others, group.Via)));
            }
        }
    }

    /// <summary>REFERENCE_IS_CANDIDATE: a reference's e-mail or phone is another record's own e-mail or phone (different identity).
    /// Derived from [SEAL] (workers recommend other workers) and [PSA-2025-01]. Emitted on both records; the analyst decides.</summary>
    public void ReferenceIsCandidate()
    {
        var byContact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _records.Count; i++)
        {
            foreach (var key in new[] { _records[i].Email is { } e ? $"email:{e.Canonical}" : null, _records[i].Phone is { } p ? $"phone:{p.E164}" : null })
            {
                if (key is null)
                {
                    continue;
                }
                if (!byContact.TryGetValue(key, out var list))
                {
                    byContact[key] = list = [];
                }
                list.Add(i);
            }
        }
        var emitted = new HashSet<(int, int, bool)>();
        for (var i = 0; i < _records.Count; i++)
        {
            foreach (var reference in _records[i].References)
            {
                foreach (var key in new[] { reference.Email is { } e ? $"email:{e.Canonical}" : null, reference.Phone is { } p ? $"phone:{p.E164}" : null })
                {
                    if (key is null || !byContact.TryGetValue(key, out var holders))
                    {
                        continue;
                    }
                    foreach (var other in holders.Where(o => _identity[o] != _identity[i]))
                    {
                        if (emitted.Add((i, other, true)))
                        {
                            _findings[i].Add(new Finding(FindingCodes.ReferenceIsCandidate, Severity.Medium,
                                $"reference '{reference.Name}' ({key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..]}) is {_records[other].Kind.ToString().ToLowerInvariant()} {_records[other].Id} '{_records[other].Name}'",
                                "SEAL", Data(("reference", reference.Name), ("other", _records[other].Id)), [new VetLink(_records[other].NodeId, key)]));
                        }
                        if (emitted.Add((other, i, false)))
                        {
                            _findings[other].Add(new Finding(FindingCodes.ReferenceIsCandidate, Severity.Medium,
                                $"named as reference '{reference.Name}' by {_records[i].Kind.ToString().ToLowerInvariant()} {_records[i].Id} '{_records[i].Name}'",
                                "SEAL", Data(("referred_by", _records[i].Id)), [new VetLink(_records[i].NodeId, key)]));
                        }
                    }
                }
            }
        }
    }

    /// <summary>RESUME_TEXT_REUSED: a 40-word passage of the résumé also in a different identity's résumé. [ADV-2022], [PSA-2025-01], [U42-2023].</summary>
    public void ResumeTextReused()
    {
        var passages = ResumeReuse.Find(_records.Select(r => r.ResumeText).ToList(), _identity);
        foreach (var (index, list) in passages)
        {
            var best = list.OrderByDescending(p => p.Words).First();
            var others = list.Select(p => p.OtherIndex).Distinct().ToList();
            _findings[index].Add(new Finding(FindingCodes.ResumeTextReused, Severity.High,
                $"{best.Words}-word passage also in {Describe(others)} résumé: '{best.Excerpt}'", "PSA-2025-01",
                Data(("words", best.Words.ToString(CultureInfo.InvariantCulture)), ("passage", best.Hash)),
                list.Take(_options.Options.MaxLinksPerFinding).Select(p => new VetLink(_records[p.OtherIndex].NodeId, $"resume:{p.Hash}")).ToList()));
        }
    }

    /// <summary>PHOTO_REUSED: photo dHash within Hamming distance ≤ 6 of a different identity's photo or a known persona photo.
    /// [PSA-2023-10], [KB4-2024], [MSFT-2025]. Candidates come from 7 bands of the 64 bits: two hashes ≤ 6 bits apart agree
    /// on at least one band (pigeonhole), so no pair is missed.</summary>
    public void PhotoReused()
    {
        var maxDistance = _options.Options.PhotoMaxDistance;
        int[] bandStarts = [0, 9, 18, 27, 36, 45, 54, 64];
        var buckets = new Dictionary<(int Band, ulong Value), List<int>>();
        var hashes = new ulong?[_records.Count];
        for (var i = 0; i < _records.Count; i++)
        {
            if (_records[i].Photo?.DHash is not { } hash)
            {
                continue;
            }
            hashes[i] = hash;
            for (var b = 0; b < 7; b++)
            {
                var key = (b, Band(hash, bandStarts[b], bandStarts[b + 1]));
                if (!buckets.TryGetValue(key, out var list))
                {
                    buckets[key] = list = [];
                }
                list.Add(i);
            }
        }
        for (var i = 0; i < _records.Count; i++)
        {
            if (hashes[i] is not { } hash)
            {
                continue;
            }
            var matches = new Dictionary<int, int>();
            for (var b = 0; b < 7; b++)
            {
                foreach (var other in buckets[(b, Band(hash, bandStarts[b], bandStarts[b + 1]))])
                {
                    if (other != i && _identity[other] != _identity[i] && !matches.ContainsKey(other))
                    {
                        var distance = BitOperations.PopCount(hash ^ hashes[other]!.Value);
                        if (distance <= maxDistance)
                        {
                            matches[other] = distance;
                        }
                    }
                }
            }
            var personas = _options.Options.ReferencePhotoHashes
                .Select(p => (p.Key, Distance: BitOperations.PopCount(hash ^ p.Value))).Where(p => p.Distance <= maxDistance).ToList();
            if (matches.Count == 0 && personas.Count == 0)
            {
                continue;
            }
            var parts = matches.OrderBy(m => m.Value).Take(5)
                .Select(m => $"{_records[m.Key].Kind.ToString().ToLowerInvariant()} {_records[m.Key].Id} (other name), hash distance {m.Value}")
                .Concat(personas.Select(p => $"known persona photo '{p.Key}', hash distance {p.Distance}"));
            var via = $"photo:{hash:x16}";
            _findings[i].Add(new Finding(FindingCodes.PhotoReused, Severity.High, $"photo matches {string.Join("; ", parts)}", "PSA-2023-10",
                Data(("dhash", hash.ToString("x16", CultureInfo.InvariantCulture)), ("matches", matches.Count.ToString(CultureInfo.InvariantCulture))),
                matches.Keys.Take(_options.Options.MaxLinksPerFinding).Select(o => new VetLink(_records[o].NodeId, via))
                    .Concat(personas.Select(p => new VetLink($"persona:{p.Key}", via))).ToList()));
        }
    }

    private static ulong Band(ulong hash, int from, int to) => (hash >> from) & ((to - from == 64 ? ulong.MaxValue : (1UL << (to - from)) - 1));
}
