using System.Globalization;
using System.Text;
using PhoneNumbers;
using Unmask.Domain;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Scoring.FindingCodes;

namespace Unmask.Vetting.Tests.Scenario;

/// <summary>Scenario size and content. All names, numbers, addresses, IPs and list entries are fictional.</summary>
/// <param name="Benign">Benign records (spread evenly over <see cref="ScenarioGenerator.Origins"/>).</param>
/// <param name="PlantedPerCode">Planted records per finding code (network codes plant groups of this size).</param>
/// <param name="SignInsPerUser">Sign-ins per record (0 = no log).</param>
/// <param name="Photos">Write PNG photos (needed for PHOTO_* codes; slow for large benches).</param>
/// <param name="Resumes">Write résumé text.</param>
public sealed record ScenarioOptions(int Benign = 1000, int PlantedPerCode = 4, int SignInsPerUser = 25, bool Photos = true, bool Resumes = true);

/// <summary>One generated record: its input fields, the name origin it was drawn from and the codes planted in it
/// (empty for benign records).</summary>
public sealed record ScenarioRecord(Dictionary<string, string> Fields, string Origin, IReadOnlySet<string> Planted)
{
    public string Id => Fields["id"];
    public bool IsPlanted => Planted.Count > 0;
}

/// <summary>A sign-in row of the generated log.</summary>
public sealed record ScenarioSignIn(DateTimeOffset Timestamp, string UserId, string Ip, string UserAgent, string RemoteTool, string Country);

/// <summary>The generated world: records, a lazily generated sign-in log, fictional list entities, options, fake screening
/// and site-analysis answers, and files (photos, sites) keyed by relative path.</summary>
public sealed class Scenario
{
    public required List<ScenarioRecord> Records { get; init; }
    public required Func<IEnumerable<ScenarioSignIn>> SignIns { get; init; }
    public required List<Entity> ListEntities { get; init; }
    public required VettingOptions Options { get; init; }
    public required Dictionary<string, SanctionsHit> SanctionsByName { get; init; }
    public required Dictionary<string, SiteCopyResult> SitesBySnapshot { get; init; }

    /// <summary>Domains of the indexed reference sites (DOMAIN_LOOKALIKE compares vendors' domains with them).</summary>
    public IReadOnlyList<string> ReferenceDomains { get; } = ["legit-firm.example"];
    public required Dictionary<string, byte[]> Files { get; init; }

    /// <summary>Writes <c>records.csv</c>, <c>signins.csv</c> and the files into <paramref name="folder"/>; returns the two paths.</summary>
    public (string Records, string SignIns) WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (relative, bytes) in Files)
        {
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
        var columns = Unmask.Vetting.Input.Columns.All.Where(c => Records.Any(r => r.Fields.ContainsKey(c))).ToList();
        var recordsPath = Path.Combine(folder, "records.csv");
        using (var writer = new StreamWriter(recordsPath, false, new UTF8Encoding(false)))
        {
            writer.Write(string.Join(",", columns) + "\n");
            foreach (var record in Records)
            {
                writer.Write(string.Join(",", columns.Select(c => Quote(record.Fields.GetValueOrDefault(c, "")))) + "\n");
            }
        }
        var signInPath = Path.Combine(folder, "signins.csv");
        using (var writer = new StreamWriter(signInPath, false, new UTF8Encoding(false), 1 << 16))
        {
            writer.Write("timestamp,user_id,ip,user_agent,remote_tool,country\n");
            foreach (var s in SignIns())
            {
                writer.Write($"{s.Timestamp:yyyy-MM-ddTHH:mm:ssZ},{Quote(s.UserId)},{s.Ip},{Quote(s.UserAgent)},{Quote(s.RemoteTool)},{s.Country}\n");
            }
        }
        return (recordsPath, signInPath);
    }

    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Fake sanctions screen answering from the scenario's fictional designated names only (exact name key).</summary>
public sealed class ScenarioSanctionsScreen(Dictionary<string, SanctionsHit> byName) : ISanctionsScreen
{
    public IReadOnlyList<SanctionsHit> Screen(string name, string schema, string? birthDate, string? country) =>
        byName.TryGetValue(Normalisation.NameKey.Of(name), out var hit) ? [hit] : [];
}

/// <summary>Fake site analysis answering from the scenario's table (keyed by snapshot file name).</summary>
public sealed class ScenarioSiteCheck(Dictionary<string, SiteCopyResult> bySnapshot) : ISiteCopyCheck
{
    public SiteCopyResult? Check(string snapshotPath, string? companyDomain) => bySnapshot.GetValueOrDefault(Path.GetFileName(snapshotPath));
}

/// <summary>
/// Generates a realistic vetting scenario with a seeded <see cref="Random"/>: mostly benign applicants, contractors and vendors of
/// many name origins living in many countries (including KR, CN and RU residents, who must trigger nothing for living there),
/// with ordinary noise (couples sharing a home, expats with home-country banks, travel, Payoneer, camera off, moves), plus
/// planted cases for every finding code of INDICATORS.md, including networks of several identities sharing phones, addresses,
/// bank accounts, résumé passages and photos. Reusable for benchmarks: <c>Generate(new Random(42), new ScenarioOptions(Benign: 100_000, SignInsPerUser: 10, Photos: false))</c>.
/// </summary>
public static class ScenarioGenerator
{
    public static readonly IReadOnlyList<string> Origins = ["korean", "chinese", "indian", "nigerian", "hispanic", "anglo", "arabic", "slavic", "japanese", "vietnamese"];

    private static readonly Dictionary<string, (string[] Given, string[] Surname, string[] Homes)> Names = new()
    {
        ["korean"] = (["Min-jun", "Seo-yeon", "Ji-ho", "Hyun-woo", "Ji-won", "Soo-jin", "Dong-hyun", "Eun-ji", "Jae-hyun", "Ha-eun", "Sung-min", "Yuna"],
            ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin"], ["kr", "us", "ca"]),
        ["chinese"] = (["Wei", "Fang", "Jing", "Lei", "Xin", "Hao", "Yifan", "Zihan", "Mei", "Jun", "Tao", "Ling"],
            ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"], ["cn", "us", "sg"]),
        ["indian"] = (["Rahul", "Priya", "Amit", "Anjali", "Vikram", "Neha", "Arjun", "Kavya", "Sanjay", "Pooja", "Rohan", "Lakshmi"],
            ["Sharma", "Patel", "Singh", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Joshi", "Rao", "Verma", "Menon"], ["in", "us", "gb"]),
        ["nigerian"] = (["Chinedu", "Ngozi", "Emeka", "Chioma", "Oluwaseun", "Yetunde", "Tunde", "Folake", "Ifeoma", "Babatunde", "Uche", "Temitope"],
            ["Okafor", "Okonkwo", "Adeyemi", "Balogun", "Eze", "Nwosu", "Afolabi", "Ogunleye", "Bello", "Obi", "Adewale", "Chukwu"], ["ng", "us", "gb"]),
        ["hispanic"] = (["José", "María", "Carlos", "Lucía", "Javier", "Sofía", "Diego", "Camila", "Alejandro", "Valentina", "Miguel", "Gabriela"],
            ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera"], ["mx", "us", "es"]),
        ["anglo"] = (["James", "Emily", "Michael", "Sarah", "David", "Hannah", "Thomas", "Laura", "Andrew", "Rachel", "Peter", "Grace"],
            ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clark", "Walker", "Wright", "Hughes", "Bennett", "Foster", "Reed"], ["us", "gb", "au"]),
        ["arabic"] = (["Mohammed", "Layla", "Omar", "Mariam", "Khalid", "Zainab", "Youssef", "Noor", "Hassan", "Aisha", "Ibrahim", "Fatima"],
            ["Haddad", "Mansour", "Nasser", "Saleh", "Khalil", "Abdullah", "Rahman", "Hassan", "Ibrahim", "Aziz", "Farouk", "Hamdan"], ["ae", "us", "eg"]),
        ["slavic"] = (["Ivan", "Olga", "Dmitry", "Natalia", "Piotr", "Katarzyna", "Sergei", "Irina", "Tomasz", "Agnieszka", "Oleksandr", "Olena"],
            ["Ivanov", "Smirnova", "Kuznetsov", "Novak", "Kowalski", "Nowak", "Petrov", "Volkova", "Shevchenko", "Bondarenko", "Dvorak", "Horvat"], ["ru", "pl", "us"]),
        ["japanese"] = (["Haruto", "Yui", "Sota", "Sakura", "Kenji", "Aoi", "Takashi", "Haruka", "Yuto", "Naoko", "Akira", "Yuki"],
            ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada"], ["jp", "us", "de"]),
        ["vietnamese"] = (["Minh", "Linh", "Anh", "Huong", "Thanh", "Trang", "Tuan", "Lan", "Dung", "Hung", "Mai", "Khoa"],
            ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong"], ["vn", "us", "au"]),
    };

    private static readonly string[] Streets = ["Maple", "Oak", "Cedar", "Pine", "Elm", "Willow", "Lake", "Hill", "River", "Park", "Sunset", "Highland", "Forest", "Spring", "Meadow"];
    private static readonly string[] Suffixes = ["Street", "Avenue", "Road", "Lane", "Drive", "Court", "Boulevard", "Way"];
    private static readonly string[] Cities = ["Springfield", "Riverton", "Lakeside", "Fairview", "Georgetown", "Madison", "Franklin", "Clinton", "Ashland", "Milton"];
    private static readonly string[] BenignEmployers = ["Northwind Traders", "Contoso Ltd", "Fabrikam Inc", "Tailspin Toys", "Litware Inc", "Adventure Works", "Proseware LLC", "Wide World Importers", "Blue Yonder Airlines", "Coho Winery", "Lucerne Publishing", "Margie's Travel"];
    private static readonly string[] Sentences =
    [
        "Designed and maintained REST services handling millions of requests per day.", "Led migration of a legacy monolith to containerised services.",
        "Mentored junior engineers and ran weekly code reviews.", "Built data pipelines for reporting and analytics.",
        "Improved page load times through caching and query tuning.", "Wrote automated tests and set up continuous integration.",
        "Worked closely with product managers to refine requirements.", "Implemented authentication and role-based access control.",
        "Maintained infrastructure as code for cloud deployments.", "Developed mobile features used by thousands of customers.",
        "Reduced incident rates by improving monitoring and alerting.", "Collaborated with designers on accessible user interfaces.",
        "Optimised database schemas and indexing strategies.", "Integrated third-party payment and messaging providers.",
        "Documented architecture decisions and onboarding guides.", "Prototyped machine learning features for search ranking.",
        "Organised hackathons and internal knowledge-sharing sessions.", "Supported customers during critical production issues.",
        "Refactored front-end code to a component library.", "Planned sprints and tracked delivery metrics for the team.",
    ];

    /// <summary>The fictional "DPRK template" passage shared by planted résumé networks (a realistic 60-word IT-worker blurb).</summary>
    private const string TemplatePassage =
        "Senior full stack blockchain developer with over nine years of experience building scalable decentralized applications smart contracts "
        + "and high performance web platforms using React Node Solidity and Rust I have delivered more than fifty projects for clients across "
        + "fintech gaming and e-commerce and I am passionate about clean architecture secure code and long term partnerships with remote teams worldwide";

    public const string AstrillDataset = "ioc_astrill_vpn";
    public const string RegisteredAgent = "1209 Orange Street, Wilmington, DE 19801, US";

    public static Scenario Generate(Random rng, ScenarioOptions options)
    {
        var builder = new Builder(rng, options);
        return builder.Build();
    }

    private sealed class Builder(Random rng, ScenarioOptions options)
    {
        private readonly List<ScenarioRecord> _records = [];
        private readonly Dictionary<string, UserProfile> _profiles = [];
        private readonly Dictionary<string, byte[]> _files = [];
        private readonly Dictionary<string, SanctionsHit> _sanctions = [];
        private readonly Dictionary<string, SiteCopyResult> _sites = [];
        private readonly List<Entity> _entities = [];
        private readonly HashSet<string> _usedPhones = [];
        private int _next;
        private readonly DateOnly _today = new(2026, 10, 15);

        public Scenario Build()
        {
            var astrillIps = Enumerable.Range(10, 20).Select(i => $"198.51.100.{i}").ToList();
            foreach (var ip in astrillIps)
            {
                _entities.Add(new Entity($"{AstrillDataset}-{ip}", Schemas.IpAddress, AstrillDataset).Add("ipAddress", ip));
            }

            for (var i = 0; i < options.Benign; i++)
            {
                Benign(Origins[i % Origins.Count], i);
            }
            foreach (var code in AllCodes())
            {
                Plant(code, astrillIps);
            }
            var profiles = _profiles;
            var signInsPerUser = options.SignInsPerUser;
            var seed = rng.Next();
            return new Scenario
            {
                Records = _records,
                SignIns = () => SignIns(profiles, _records, signInsPerUser, seed),
                ListEntities = _entities,
                Options = new VettingOptions { RegisteredAgentAddresses = [RegisteredAgent] },
                SanctionsByName = _sanctions,
                SitesBySnapshot = _sites,
                Files = _files,
            };
        }

        public static IEnumerable<string> AllCodes() =>
            WeightsTable.VettingV1.Rows.Select(r => r.Code).Distinct();

        private string NewId(string kind) => $"{kind[0].ToString().ToUpperInvariant()}-{++_next:D6}";

        private (string Given, string Surname) Name(string origin)
        {
            var pool = Names[origin];
            return (pool.Given[rng.Next(pool.Given.Length)], pool.Surname[rng.Next(pool.Surname.Length)]);
        }

        private string Phone(string country)
        {
            var util = PhoneNumberUtil.GetInstance();
            var example = util.GetExampleNumberForType(country.ToUpperInvariant(), PhoneNumberType.MOBILE)
                ?? util.GetExampleNumber(country.ToUpperInvariant());
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var national = example.NationalNumber.ToString(CultureInfo.InvariantCulture);
                var digits = national[..^6] + rng.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
                var number = new PhoneNumbers.PhoneNumber.Builder().SetCountryCode(example.CountryCode).SetNationalNumber(ulong.Parse(digits, CultureInfo.InvariantCulture)).Build();
                var e164 = util.Format(number, PhoneNumberFormat.E164);
                if (util.IsValidNumber(number) && _usedPhones.Add(e164))
                {
                    return e164;
                }
            }
            return util.Format(example, PhoneNumberFormat.E164);
        }

        private string Address(string country) =>
            $"{rng.Next(1, 9999)} {Streets[rng.Next(Streets.Length)]} {Suffixes[rng.Next(Suffixes.Length)]}, Apt {rng.Next(1, 400)}, {Cities[rng.Next(Cities.Length)]} {rng.Next(10000, 99999)}, {country.ToUpperInvariant()}";

        private string HomeIp()
        {
            while (true)
            {
                var a = rng.Next(1, 224);
                if (a is 10 or 127 or 175 or 198 or 100 or 169 or 172 or 192)
                {
                    continue;
                }
                return $"{a}.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}";
            }
        }

        private string Resume(string name, int years)
        {
            string[] tools = ["Python", "Go", "Java", "C#", "TypeScript", "Kotlin", "Swift", "PostgreSQL", "Kafka", "AWS", "Azure", "GCP", "Terraform", "React", "Vue", "Spark"];
            var picks = Enumerable.Range(0, 7).Select(_ => Sentences[rng.Next(Sentences.Length)]).Distinct()
                .Select(sentence => $"{sentence[..^1]} using {tools[rng.Next(tools.Length)]} at {BenignEmployers[rng.Next(BenignEmployers.Length)]} in {2010 + rng.Next(16)}.");
            return $"{name}. Software engineer with {years} years of experience. " + string.Join(" ", picks);
        }

        private Dictionary<string, string> Person(string kind, string origin, string country)
        {
            var (given, surname) = Name(origin);
            var name = $"{given} {surname}";
            var age = rng.Next(23, 58);
            var experience = Math.Max(1, age - 22 - rng.Next(0, 3));
            var applied = _today.AddDays(-rng.Next(0, 60));
            var fields = new Dictionary<string, string>
            {
                ["id"] = NewId(kind),
                ["kind"] = kind,
                ["name"] = name,
                ["email"] = $"{Ascii(given)}.{Ascii(surname)}{rng.Next(1, 999)}@{(rng.Next(3) == 0 ? "outlook.com" : "gmail.com")}",
                ["phone"] = Phone(country),
                ["phone_line_type"] = "mobile",
                ["country"] = country.ToUpperInvariant(),
                ["birth_date"] = $"{applied.Year - age}-{rng.Next(1, 13):D2}-{rng.Next(1, 28):D2}",
                ["applied_on"] = applied.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["github_created_on"] = applied.AddDays(-rng.Next(400, 4000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["employers"] = $"{BenignEmployers[rng.Next(BenignEmployers.Length)]}|{applied.Year - experience}|{applied.Year - experience / 2};{BenignEmployers[rng.Next(BenignEmployers.Length)]}|{applied.Year - experience / 2}|",
                ["education"] = $"State University|BSc|{applied.Year - experience - 1}",
                ["bank_account_name"] = name,
                ["bank_account_id"] = $"AC{rng.NextInt64(1_000_000_000L, 9_999_999_999L)}",
                ["bank_country"] = country.ToUpperInvariant(),
                ["payout_method"] = rng.Next(4) == 0 ? new[] { "payoneer", "wise", "paypal" }[rng.Next(3)] : "bank",
                ["references"] = $"{Name(Origins[rng.Next(Origins.Count)]).Given} Referee|ref{rng.Next(1_000_000)}@example.com|",
                ["interview_video"] = "yes",
                ["camera_off_ratio"] = $"{rng.Next(0, 3)}/10",
            };
            var address = Address(country);
            fields["address"] = address;
            fields["shipping_address"] = address;
            if (options.Resumes)
            {
                fields["resume_text"] = Resume(name, experience);
            }
            return fields;
        }

        private static string Ascii(string text) => new(Normalisation.TextFold.Fold(text).Where(char.IsAsciiLetter).ToArray());

        private ScenarioRecord Add(Dictionary<string, string> fields, string origin, IEnumerable<string> planted, UserProfile profile)
        {
            var record = new ScenarioRecord(fields, origin, planted.ToHashSet());
            _records.Add(record);
            _profiles[record.Id] = profile;
            return record;
        }

        private void Benign(string origin, int index)
        {
            var home = Names[origin].Homes[rng.Next(Names[origin].Homes.Length)];
            var kind = index % 10 == 9 ? "vendor" : index % 3 == 0 ? "contractor" : "applicant";
            var fields = Person(kind, origin, home);
            var profile = new UserProfile(home, HomeIp());
            if (kind == "vendor")
            {
                var company = $"{Streets[rng.Next(Streets.Length)]} {new[] { "Analytics", "Software", "Consulting", "Digital" }[rng.Next(4)]} {index}";
                fields["company_name"] = company + " LLC";
                fields["company_domain"] = $"{Ascii(company).ToLowerInvariant()}.example";
                fields["company_registered_on"] = _today.AddDays(-rng.Next(400, 5000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                fields["company_address"] = Address(home);
                fields["bank_account_name"] = company + " LLC";
                fields["payout_method"] = "bank";
            }
            // Ordinary noise, none of it on name origin.
            var roll = rng.NextDouble();
            if (roll < 0.04)
            {
                fields["shipping_address"] = Address(home); // moving / office ship-to
            }
            else if (roll < 0.07)
            {
                fields["bank_country"] = Names[origin].Homes.First(h => h != home).ToUpperInvariant(); // expat keeps a home-country bank
            }
            else if (roll < 0.10)
            {
                fields["payout_changes"] = $"{_today.AddDays(-rng.Next(200, 600)):yyyy-MM-dd}|AC{rng.NextInt64(1_000_000_000L, 9_999_999_999L)}|{fields["name"]}|{home}";
            }
            else if (roll < 0.13)
            {
                profile.TravelCountry = new[] { "fr", "jp", "mx", "th", "it" }[rng.Next(5)]; // a short trip
            }
            else if (roll < 0.15)
            {
                fields["camera_off_ratio"] = "9/10";
            }
            else if (roll < 0.17)
            {
                fields["phone_line_type"] = "nonFixedVoip"; // Google Voice users
            }
            var record = Add(fields, origin, [], profile);
            if (rng.NextDouble() < 0.04)
            {
                // A couple: partner of any origin at the same home, same home IP.
                var partnerOrigin = rng.Next(2) == 0 ? origin : Origins[rng.Next(Origins.Count)];
                var partner = Person("applicant", partnerOrigin, home);
                partner["address"] = fields["address"];
                partner["shipping_address"] = fields["address"];
                partner["phone"] = Phone(home);
                Add(partner, partnerOrigin, [], new UserProfile(home, profile.HomeIp));
            }
            _ = record;
        }

        /// <summary>Plants one code in <see cref="ScenarioOptions.PlantedPerCode"/> records (or one network of that size), each with
        /// companion indicators as real cases show them, so a reviewer would see them at medium or above.</summary>
        private void Plant(string code, List<string> astrillIps)
        {
            var n = options.PlantedPerCode;
            var network = code is PhotoReused or ResumeTextReused or PhoneShared or EmailShared or LaptopFarmAddress or PayoutAccountShared
                or SigninSharedIp or ReferenceIsCandidate;
            if (code == AddressShared)
            {
                for (var pair = 0; pair < Math.Max(1, n / 2); pair++)
                {
                    var group = Group(code, 2, astrillIps);
                    var address = Address("us");
                    foreach (var r in group)
                    {
                        r.Fields["address"] = address;
                        r.Fields["shipping_address"] = address;
                    }
                }
                return;
            }
            if (network && !(code == PhotoReused && !options.Photos))
            {
                var group = Group(code, Math.Max(3, n), astrillIps);
                ApplyNetwork(code, group);
                return;
            }
            if (code is PhotoAiMetadata or PhotoReused && !options.Photos)
            {
                return;
            }
            for (var i = 0; i < n; i++)
            {
                var record = Group(code, 1, astrillIps)[0];
                ApplySingle(code, record, astrillIps, i);
            }
        }

        private List<ScenarioRecord> Group(string code, int size, List<string> astrillIps)
        {
            var result = new List<ScenarioRecord>();
            for (var i = 0; i < size; i++)
            {
                var origin = Origins[rng.Next(Origins.Count)];
                var kind = code is DomainNew or DomainLookalike or SiteCopied or SiteSharedFingerprint or RegisteredAgentAddress or VendorKnownFront ? "vendor" : rng.Next(2) == 0 ? "applicant" : "contractor";
                var fields = Person(kind, origin, "us");
                var profile = new UserProfile("us", HomeIp());
                if (kind == "vendor")
                {
                    fields["company_name"] = $"Bright {Streets[rng.Next(Streets.Length)]} Solutions {_next}";
                    fields["company_domain"] = $"bright{_next}.example";
                    fields["company_registered_on"] = _today.AddDays(-rng.Next(400, 3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    fields["company_address"] = Address("us");
                    fields["bank_account_name"] = fields["company_name"];
                }
                var weight = WeightsTable.VettingV1.WeightOf(code, WeightsTable.VettingV1.SeverityOf(code));
                var companions = new List<string>();
                if (weight < 30 || code is AddressShared)
                {
                    // Companion indicators seen together in the published cases (Astrill VPN, remote desktop + VoIP, pay to another name + other ship-to).
                    switch (rng.Next(3))
                    {
                        case 0 when code != VpnAstrill:
                            profile.AstrillIp = astrillIps[rng.Next(astrillIps.Count)];
                            companions.Add(VpnAstrill);
                            break;
                        case 1 when code is not (RemoteAccessTool or PhoneVoip):
                            profile.RemoteTool = "AnyDesk";
                            fields["phone_line_type"] = "nonFixedVoip";
                            companions.AddRange([RemoteAccessTool, PhoneVoip]);
                            break;
                        default:
                            fields["bank_account_name"] = "Crestline Holdings Ltd";
                            fields["shipping_address"] = Address("us");
                            fields["phone_line_type"] = "nonFixedVoip";
                            companions.AddRange([PayoutNameMismatch, ShippingAddressDiffers, PhoneVoip]);
                            break;
                    }
                }
                result.Add(Add(fields, origin, [code], profile));
            }
            return result;
        }

        private void ApplyNetwork(string code, List<ScenarioRecord> group)
        {
            switch (code)
            {
                case PhoneShared:
                    var phone = Phone("us");
                    group.ForEach(r => r.Fields["phone"] = phone);
                    break;
                case EmailShared:
                    var local = $"devstar{rng.Next(1000, 9999)}";
                    for (var i = 0; i < group.Count; i++)
                    {
                        // Gmail ignores dots and +tags: these are one mailbox.
                        group[i].Fields["email"] = i % 2 == 0 ? $"{local}@gmail.com" : $"{local[..3]}.{local[3..]}+{i}@gmail.com";
                    }
                    break;
                case LaptopFarmAddress:
                    var farm = Address("us");
                    group.ForEach(r => r.Fields["shipping_address"] = farm);
                    break;
                case PayoutAccountShared:
                    var account = $"US{rng.NextInt64(1_000_000_000L, 9_999_999_999L)}";
                    group.ForEach(r => r.Fields["bank_account_id"] = account);
                    break;
                case ResumeTextReused:
                    group.ForEach(r => r.Fields["resume_text"] = $"{r.Fields["name"]}. {TemplatePassage}. {Sentences[rng.Next(Sentences.Length)]}");
                    break;
                case PhotoReused:
                    if (options.Photos)
                    {
                        var seed = rng.Next();
                        for (var i = 0; i < group.Count; i++)
                        {
                            var path = $"photos/{group[i].Id}.png";
                            _files[path] = ScenarioImages.Face(seed, noiseSeed: rng.Next(), metadata: null);
                            group[i].Fields["photo_path"] = path;
                        }
                    }
                    break;
                case SigninSharedIp:
                    var ip = HomeIp();
                    group.ForEach(r => _profiles[r.Id].HomeIp = ip);
                    break;
                case ReferenceIsCandidate:
                    for (var i = 0; i < group.Count; i++)
                    {
                        var other = group[(i + 1) % group.Count];
                        group[i].Fields["references"] = $"{other.Fields["name"]}|{other.Fields["email"]}|";
                    }
                    break;
            }
        }

        private void ApplySingle(string code, ScenarioRecord record, List<string> astrillIps, int index)
        {
            var f = record.Fields;
            var profile = _profiles[record.Id];
            var applied = DateOnly.Parse(f["applied_on"], CultureInfo.InvariantCulture);
            switch (code)
            {
                case PhotoAiMetadata:
                    var path = $"photos/{record.Id}.png";
                    _files[path] = ScenarioImages.Face(rng.Next(), rng.Next(), ("parameters", "portrait photo of a smiling engineer, Steps: 30, Sampler: Euler a, Model: sdxl"));
                    f["photo_path"] = path;
                    break;
                case IdentityInconsistent:
                    f["phone"] = Phone("gb");
                    f["address"] = Address("de");
                    break;
                case AccountAgeMismatch:
                    f["github_created_on"] = applied.AddDays(-45).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    f["employers"] = $"Northwind Traders|{applied.Year - 10}|{applied.Year - 4};Contoso Ltd|{applied.Year - 4}|";
                    f["education"] = $"State University|BSc|{applied.Year - 11}";
                    f["birth_date"] = $"{applied.Year - 34}-03-03";
                    break;
                case EmployerKnownFront:
                    f["employers"] = new[] { "Shenyang TonyWang Technology Co., Ltd.", "Yanbian Silverstar Network Technology", "Independent Lab, LLC", "Tony WKJ L.L.C." }[index % 4] + $"|{applied.Year - 5}|{applied.Year - 1}";
                    break;
                case EmailNameMismatch:
                    f["name"] = "Tomas Oyelaran";
                    f["bank_account_name"] = f["kind"] == "vendor" ? f["bank_account_name"] : (f["bank_account_name"] == "Crestline Holdings Ltd" ? f["bank_account_name"] : "Tomas Oyelaran");
                    f["email"] = $"mark.jensen{rng.Next(10, 99)}@gmail.com";
                    break;
                case PhoneVoip:
                    f["phone_line_type"] = "nonFixedVoip";
                    break;
                case EmailKnownPersona:
                    var persona = $"skyline.dev{rng.Next(100, 999)}@proton.me";
                    _entities.Add(new Entity($"ioc_tayvano_dprk_it_workers-{persona}", Schemas.UserAccount, "ioc_tayvano_dprk_it_workers").Add("email", persona));
                    f["email"] = persona;
                    break;
                case ShippingAddressDiffers:
                    f["shipping_address"] = Address("us");
                    break;
                case RemoteAccessTool:
                    profile.RemoteTool = index % 2 == 0 ? "AnyDesk" : "";
                    profile.UserAgent = index % 2 == 0 ? null : "Mozilla/5.0 (Windows NT 10.0) RustDesk/1.2";
                    break;
                case VpnAstrill:
                    profile.AstrillIp = astrillIps[rng.Next(astrillIps.Count)];
                    break;
                case SigninCountryMismatch:
                    profile.ForeignShare = 0.4;
                    profile.ForeignCountry = new[] { "jp", "th", "ae", "br" }[index % 4];
                    break;
                case SigninMultiCountry:
                    profile.ImpossibleTravel = true;
                    break;
                case SigninCnRuIp:
                    profile.ForeignShare = 0.15;
                    profile.ForeignCountry = index % 2 == 0 ? "cn" : "ru";
                    break;
                case SigninDprkIp:
                    profile.DprkIp = $"175.45.{176 + (index % 4)}.{rng.Next(1, 255)}";
                    break;
                case WorkHoursKst:
                    profile.KstHours = true;
                    break;
                case PayoutChanged:
                    f["payout_changes"] = string.Join(";", Enumerable.Range(0, 3).Select(k => $"{applied.AddDays(60 + (k * 20)):yyyy-MM-dd}|AC{rng.NextInt64(1_000_000_000L, 9_999_999_999L)}|{f["bank_account_name"]}|US"));
                    break;
                case PayoutNameMismatch:
                    f["bank_account_name"] = "Crestline Holdings Ltd";
                    break;
                case PayoutRerouted:
                    f["payout_changes"] = $"{applied.AddDays(200):yyyy-MM-dd}|SG{rng.NextInt64(1_000_000_000L, 9_999_999_999L)}|Harbour Crest Trading Pte Ltd|SG";
                    break;
                case PayoutForeign:
                    f["bank_country"] = index % 2 == 0 ? "CN" : "RU";
                    break;
                case CryptoWalletListed:
                    var wallet = "0x" + string.Concat(Enumerable.Range(0, 40).Select(_ => "0123456789abcdef"[rng.Next(16)]));
                    _entities.Add(new Entity($"us_ofac_wallets-{wallet}", Schemas.CryptoWallet, "us_ofac_wallets").Add("publicKey", wallet).Add("currencySymbol", "ETH"));
                    f["crypto_wallets"] = wallet;
                    f["payout_method"] = "crypto";
                    break;
                case CryptoPayoutRequested:
                    f["payout_method"] = "crypto";
                    f["crypto_wallets"] = "0x" + string.Concat(Enumerable.Range(0, 40).Select(_ => "0123456789abcdef"[rng.Next(16)]));
                    break;
                case PayoutMsb:
                    f["payout_method"] = "payoneer";
                    break;
                case DomainNew:
                    f["company_registered_on"] = applied.AddDays(-12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case DomainLookalike:
                    // Look-alikes of the reference legit-firm.example: homoglyph, plural, added words, brand in a subdomain.
                    f["company_domain"] = new[] { "legit-f1rm.example", "legit-firms.example", "legit-firm-careers.example", "legit-firm.other-host.example" }[index % 4];
                    break;
                case SiteCopied:
                case SiteSharedFingerprint:
                    var snapshot = $"sites/{record.Id}.html";
                    _files[snapshot] = Encoding.UTF8.GetBytes($"<html><title>{f["company_name"]}</title></html>");
                    f["site_snapshot"] = snapshot;
                    _sites[Path.GetFileName(snapshot)] = code == SiteCopied
                        ? new SiteCopyResult($"site:{f["company_domain"]}", "site:legit-firm.example", 0.74, [new("Legit Firm", f["company_name"])], [])
                        : new SiteCopyResult($"site:{f["company_domain"]}", null, 0.1, [], [new SharedFingerprint("site:front-one.example", "tracker", "G-FAKE1234", true)]);
                    break;
                case RegisteredAgentAddress:
                    f["company_address"] = RegisteredAgent;
                    break;
                case VendorKnownFront:
                    if (index % 2 == 0)
                    {
                        f["company_domain"] = "hopanatech.com";
                    }
                    else
                    {
                        f["company_name"] = "HopanaTech Ltd.";
                    }
                    break;
                case SanctionsMatch:
                    var designated = $"Viktor Hale {index}";
                    f["name"] = designated;
                    f["bank_account_name"] = f["kind"] == "vendor" ? f["bank_account_name"] : designated;
                    _sanctions[Normalisation.NameKey.Of(designated)] = new SanctionsHit($"fictional_sdn-{index}", designated.ToUpperInvariant(), "us_ofac_sdn", ["DPRK3"], 0.97, ["name equal", "birth date equal"]);
                    break;
                case VideoRefused:
                    f["interview_video"] = "refused";
                    break;
                case CameraOff:
                    f["camera_off_ratio"] = "9/10";
                    break;
                case DifferentPerson:
                    f["different_person_flag"] = "true";
                    break;
                case InPersonDeclined:
                    f["in_person_declined"] = "true";
                    break;
            }
        }
    }

    /// <summary>How a user signs in: home country and IP, plus planted behaviours.</summary>
    private sealed class UserProfile(string country, string homeIp)
    {
        public string Country { get; } = country;
        public string HomeIp { get; set; } = homeIp;
        public string? TravelCountry { get; set; }
        public string? AstrillIp { get; set; }
        public string? RemoteTool { get; set; }
        public string? UserAgent { get; set; }
        public double ForeignShare { get; set; }
        public string? ForeignCountry { get; set; }
        public bool ImpossibleTravel { get; set; }
        public string? DprkIp { get; set; }
        public bool KstHours { get; set; }
    }

    private static string RandomIp(Random rng) => $"{rng.Next(11, 99)}.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}";

    private static IEnumerable<ScenarioSignIn> SignIns(Dictionary<string, UserProfile> profiles, List<ScenarioRecord> records, int perUser, int seed)
    {
        if (perUser <= 0)
        {
            yield break;
        }
        var rng = new Random(seed);
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        const string browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36";
        foreach (var record in records)
        {
            var p = profiles[record.Id];
            var offset = Reference.UtcOffsets.TryGet(p.Country, out var range) ? Math.Round((range.Min + range.Max) / 2) : 0;
            var day = 0;
            for (var k = 0; k < perUser; k++)
            {
                do
                {
                    day++;
                }
                while (start.AddDays(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
                var localHour = 9 + rng.Next(0, 9);
                var utcHour = p.KstHours ? localHour - 9 : localHour - offset;
                var at = start.AddDays(day).AddHours(utcHour).AddMinutes(rng.Next(60));
                var ip = p.HomeIp;
                var country = p.Country;
                var tool = "";
                var agent = p.UserAgent ?? browser;
                if (p.AstrillIp is not null && k % 4 == 0)
                {
                    ip = p.AstrillIp;
                    country = "us";
                }
                if (p.RemoteTool is { Length: > 0 } t && k % 3 == 0)
                {
                    tool = t;
                }
                if (p.ForeignCountry is not null && rng.NextDouble() < p.ForeignShare + (k < 3 ? 1 : 0))
                {
                    country = p.ForeignCountry;
                    ip = RandomIp(rng);
                }
                if (p.TravelCountry is not null && k is 10 or 11)
                {
                    country = p.TravelCountry;
                    ip = RandomIp(rng);
                }
                if (p.DprkIp is not null && k == perUser / 2)
                {
                    ip = p.DprkIp;
                    country = "kp";
                }
                yield return new ScenarioSignIn(at, record.Id, ip, agent, tool, country.ToUpperInvariant());
                if (p.ImpossibleTravel && k == 5)
                {
                    yield return new ScenarioSignIn(at.AddMinutes(25), record.Id, RandomIp(rng), agent, "", "CN");
                }
            }
        }
    }
}
