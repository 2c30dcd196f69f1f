using System.Text;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Watchlists.Ioc;

namespace Unmask.Watchlists.Tests.Ioc;

public sealed class IocCsvReaderTests
{
    private readonly IocCsvReader _reader = new();

    [Fact]
    public async Task Indicators_csv_merges_a_value_listed_under_several_personas()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, RepoPaths.Fixture("lists", "ioc", "example_front_research", "indicators.csv"));

        context.Dataset!.Name.ShouldBe("ioc_example_front_research");
        context.Dataset.Kind.ShouldBe(DatasetKind.Indicators);
        // 10 rows: the e-mail, the 0x address and the GitHub name each appear twice (different case), md5 is not imported.
        entities.Count.ShouldBe(6);
        var email = entities.Single("email", "alex.example.dev@example-mail.test");
        email.Get("notes").ShouldContain("personas: Alex Example; Sam Sample, alias \"S.S.\"");
        email.Get("keywords").ShouldContain("email");
        var wallet = entities.Single("publicKey", "0x00000000000000000000000000000000CafeF00d");
        wallet.First("currencySymbol").ShouldBe("ETH");
        var github = entities.Single("service", "github");
        github.First("username").ShouldBe("alexexampledev");
        github.Get("notes").ShouldContain("personas: Alex Example; Sam Sample");
        entities.Single("service", "telegram").First("username").ShouldBe("alexexampledev");
        entities.Single("cidr", "203.0.113.0/24");
        entities.Single("domain", "example-front.com");
        context.Warnings.ShouldHaveSingleItem().ShouldContain("md5 (1)");
    }

    [Fact]
    public async Task Typed_wallet_csv_keeps_chain_note_citations_and_a_39_digit_address_as_published()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, RepoPaths.Fixture("lists", "ioc", "example_front_research", "wallets.csv"));

        entities.Count.ShouldBe(3);
        var payroll = entities.Single("publicKey", "0x00000000000000000000000000000000CafeF00d");
        payroll.Has("currencySymbol").ShouldBeFalse();
        payroll.Get("notes").ShouldBe(["persona: Alex Example", "Company Paying Payroll"]);
        payroll.Get("sourceUrl").ShouldBe(["https://example.org/post/1", "https://example.org/post/2"]);
        payroll.Get("keywords").ShouldContain("EVM (0x address; chain not stated)");
        // Same value and dataset as in indicators.csv of the same folder: the same entity id.
        payroll.Id.ShouldBe("ioc_example_front_research-wallet-evm-0x00000000000000000000000000000000cafef00d");
        entities.Single("publicKey", "bc1qfakefrontwallet0000000000000000000000").First("currencySymbol").ShouldBe("BTC");
        var typo = entities.Single("publicKey", "0x000000000000000000000000000000000Badf00");
        typo.Get("notes").ShouldContain("address check: invalid length (39 hex digits as published)");
        context.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Handles_csv_gives_user_accounts_per_platform()
    {
        var (entities, _) = await ReaderHarness.ReadFileAsync(_reader, RepoPaths.Fixture("lists", "ioc", "example_front_research", "handles.csv"));

        entities.Count.ShouldBe(3);
        entities.ShouldAllBe(e => e.Schema == Schemas.UserAccount);
        entities.Count(e => e.First("username") == "alexexampledev").ShouldBe(2);
        entities.Single(e => e.First("username") == "alexexampledev" && !e.Has("service")).ShouldNotBeNull();
        entities.Single("username", "sam_sample_dev").First("service").ShouldBe("telegram");
    }

    [Fact]
    public async Task Seized_domain_list_gets_crime_topic_action_and_source_urls()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, RepoPaths.Fixture("lists", "ioc", "doj_seized_domains", "domains.csv"));

        context.Dataset!.Name.ShouldBe("ioc_doj_seized_domains");
        entities.Count.ShouldBe(2);
        var front = entities.Single("domain", "example-front.com");
        front.Get("topics").ShouldBe(["crime"]);
        front.Get("notes").ShouldContain("seized by the US Government (2030-01-01 (fictional))");
        front.Get("notes").ShouldContain("fictional row for tests");
        front.Get("notes").ShouldContain(n => n.Contains("seized by the US government (no longer operated", StringComparison.Ordinal));
        front.Get("sourceUrl").ShouldBe(["https://example.org/report", "https://example.org/seizure"]);
    }

    [Fact]
    public async Task Generic_value_type_csv()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, RepoPaths.Fixture("lists", "ioc", "generic_value_type.csv"));

        context.Dataset!.Name.ShouldBe("ioc_ioc", "the parent folder names the dataset");
        entities.Count.ShouldBe(4);
        entities.Single("domain", "jobs.example-front.org").Get("notes").ShouldContain("listed as URL https://jobs.example-front.org/apply");
        entities.Single("number", "+15550100199").Schema.ShouldBe(Schemas.UserAccount);
        entities.Single("ipAddress", "198.51.100.7");
    }

    [Theory]
    [InlineData("indicator,type\nexample-front.com,domain\nexample-front.net,domain,extra\n", 3)]
    [InlineData("indicator,type\nexample-front.com,domain\n\"example-front.net,domain\nexample.org,domain\n", 3)]
    public async Task Malformed_row_fails_with_its_line(string content, int line)
    {
        var error = await ReaderHarness.FailsAsync(_reader, "bad.csv", content);

        error.Line.ShouldBe(line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("name,dob\nKim,1990\n")]
    public async Task Missing_or_unknown_header_fails(string content)
    {
        (await ReaderHarness.FailsAsync(_reader, "bad.csv", content)).Line.ShouldBe(1);
    }

    [Fact]
    public async Task Values_that_do_not_fit_their_type_are_counted_in_one_warning()
    {
        var (entities, context) = await ReaderHarness.ReadTextAsync(_reader, "x.csv", "indicator,type\nnot-an-ip,ipv4\n999.1.1.1,ipv4\n203.0.113.9,ipv4\n");

        entities.Count.ShouldBe(1);
        context.Warnings.ShouldHaveSingleItem().ShouldContain("skipped 2 rows");
    }

    [Fact]
    public void Sniff_accepts_ioc_headers_and_rejects_ofac_csv_text_and_json()
    {
        foreach (var file in (string[])["example_front_research/indicators.csv", "example_front_research/wallets.csv", "example_front_research/handles.csv",
                     "doj_seized_domains/domains.csv", "generic_value_type.csv"])
        {
            _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture(["lists", "ioc", .. file.Split('/')]))).ShouldBeTrue(file);
        }
        _reader.Sniff(Encoding.UTF8.GetBytes("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n")).ShouldBeFalse();
        _reader.Sniff(Encoding.UTF8.GetBytes("Last Updated,13/04/2018,,,\nName 6,Name 1\n")).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ioc", "front_indicators.txt"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "ftm", "entities.ftm.json"))).ShouldBeFalse();
        _reader.Sniff(ReaderHarness.Head(RepoPaths.Fixture("lists", "stix", "dprk_it_workers_bundle.json"))).ShouldBeFalse();
    }

    [Fact]
    public void Sniff_rejects_the_real_header_less_OFAC_sdn_csv_RealFile()
    {
        _reader.Sniff(ReaderHarness.Head(SharedData.Path("sanctions/us_ofac/sdn.csv"))).ShouldBeFalse();
        new IocTextReader().Sniff(ReaderHarness.Head(SharedData.Path("sanctions/us_ofac/sdn.csv"))).ShouldBeFalse();
    }

    public static TheoryData<string> RealCsvFiles()
    {
        var data = new TheoryData<string>();
        var root = SharedData.Path("ioc");
        foreach (var file in Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(SharedData.Root, file).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RealCsvFiles))]
    public async Task Every_real_ioc_csv_imports_one_entity_per_distinct_value_RealFile(string relative)
    {
        var path = SharedData.Path(relative);
        var expected = IndependentDistinctValues(path);

        _reader.Sniff(ReaderHarness.Head(path)).ShouldBeTrue();
        new IocTextReader().Sniff(ReaderHarness.Head(path)).ShouldBeFalse();
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, path);

        entities.Count.ShouldBe(expected);
        entities.Select(e => e.Id).Distinct().Count().ShouldBe(expected);
        context.Warnings.ShouldBeEmpty();
        var folder = Path.GetFileName(Path.GetDirectoryName(path))!;
        context.Dataset!.Name.ShouldStartWith("ioc_");
        if (folder is "sentinellabs_2024-11" or "doj_seized_domains")
        {
            entities.ShouldAllBe(e => e.Get("topics").Contains("crime"));
        }
    }

    [Fact]
    public async Task Tayvano_indicators_merge_personas_and_keep_the_OFAC_listed_wallet_RealFile()
    {
        var (entities, context) = await ReaderHarness.ReadFileAsync(_reader, SharedData.Path("ioc/tayvano_dprk_it_workers/indicators.csv"));

        context.Dataset!.Name.ShouldBe("ioc_tayvano_dprk_it_workers");
        // README: 265 distinct e-mails; 311 distinct wallets (251 EVM, 35 BTC, 24 Solana, 1 LTC), the same set as wallets.csv.
        entities.Count(e => e.Has("email")).ShouldBe(265);
        entities.Count(e => e.Schema == Schemas.CryptoWallet).ShouldBe(311);
        // The one tayvano wallet on OFAC's list (SDN 42498 SIM, Hyon Sop).
        entities.ShouldContain(e => string.Equals(e.First("publicKey"), "0x4F47Bc496083C727c5fbe3CE9CDf2B0f6496270c", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sentinellabs_and_seized_domain_lists_name_the_front_domains_RealFile()
    {
        var (sentinel, sentinelContext) = await ReaderHarness.ReadFileAsync(_reader, SharedData.Path("ioc/sentinellabs_2024-11/indicators.csv"));
        var (seized, _) = await ReaderHarness.ReadFileAsync(_reader, SharedData.Path("ioc/doj_seized_domains/domains.csv"));

        sentinelContext.Dataset!.Name.ShouldBe("ioc_sentinellabs_2024_11");
        sentinel.Single("domain", "huguotechltd.com").Get("topics").ShouldContain("crime");
        sentinel.Single("email", "tongyuze@jswc.com.cn");
        var wkj = seized.Single("domain", "wkjllc.com");
        wkj.Get("notes").ShouldContain(n => n.StartsWith("seized by the US Government", StringComparison.Ordinal));
        wkj.Get("sourceUrl").ShouldContain(u => u.Contains("sentinelone.com", StringComparison.Ordinal));
    }

    /// <summary>Distinct indicator values of a real IOC CSV, counted with a plain RFC 4180 split (not the reader's
    /// parser): values compared case-insensitively except Base58/bech32-free wallet strings, handles per platform.</summary>
    private static int IndependentDistinctValues(string path)
    {
        var rows = ParseCsv(File.ReadAllText(path));
        var header = rows[0];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1).Where(r => r.Length == header.Length))
        {
            string Col(string name) => row[Array.IndexOf(header, name)];
            string key = header[0] switch
            {
                "indicator" => Col("type").EndsWith("_user", StringComparison.Ordinal)
                    ? Col("type") + ":" + Col("indicator").ToLowerInvariant()
                    : Col("type").EndsWith("_address", StringComparison.Ordinal) && !Col("indicator").StartsWith("0x", StringComparison.Ordinal)
                        ? "wallet:" + Col("indicator")
                        : (Col("type").StartsWith("ipv4", StringComparison.Ordinal) ? "ip" : Col("type").Split('_')[0]) + ":" + Col("indicator").ToLowerInvariant(),
                "platform" => (Col("platform").StartsWith("unspecified", StringComparison.Ordinal) ? "" : Col("platform").ToLowerInvariant())
                    + ":" + Col("handle").ToLowerInvariant(),
                "address" => Col("address").StartsWith("0x", StringComparison.Ordinal) ? Col("address").ToLowerInvariant() : Col("address"),
                _ => row[0].ToLowerInvariant(),
            };
            keys.Add(key);
        }
        return keys.Count;
    }

    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }
}
