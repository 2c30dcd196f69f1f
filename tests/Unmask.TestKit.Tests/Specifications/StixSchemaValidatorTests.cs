using Unmask.TestKit.Specifications;

namespace Unmask.TestKit.Tests.Specifications;

/// <summary>Loads the OASIS schemas once for the class: building 57 schema files is the slow part.</summary>
public sealed class StixSchemas
{
    public StixSchemaValidator Validator { get; } = StixSchemaValidator.FromSharedData();
}

public sealed class StixSchemaValidatorTests(StixSchemas schemas) : IClassFixture<StixSchemas>
{
    private const string IndicatorId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    private const string ActorId = "threat-actor--0b9d3a0e-4b3c-4f1e-9a55-3d0c7b1e2f10";

    private readonly StixSchemaValidator _validator = schemas.Validator;

    private static string Indicator(string? patternType = "\"stix\"", string validFrom = "\"2026-01-02T03:04:05Z\"",
        string pattern = "\"[domain-name:value = 'front-company.test']\"", string created = "2026-01-02T03:04:05.000Z",
        string modified = "2026-01-02T03:04:05.000Z", string id = IndicatorId) =>
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + created + "\",\"modified\":\"" + modified
        + "\",\"name\":\"Front company domain\",\"indicator_types\":[\"malicious-activity\"],\"pattern\":" + pattern
        + (patternType is null ? "" : ",\"pattern_type\":" + patternType) + ",\"valid_from\":" + validFrom + "}";

    private static string ThreatActor(string id = ActorId) =>
        "{\"type\":\"threat-actor\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2026-01-02T03:04:05.000Z\","
        + "\"modified\":\"2026-01-02T03:04:05.000Z\",\"name\":\"Fictional IT worker cell\"}";

    private static string Relationship(string source, string target) =>
        "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--5a0e4a4e-6c5d-4b8f-8e2a-1f2d3c4b5a69\","
        + "\"created\":\"2026-01-02T03:04:05.000Z\",\"modified\":\"2026-01-02T03:04:05.000Z\",\"relationship_type\":\"indicates\","
        + "\"source_ref\":\"" + source + "\",\"target_ref\":\"" + target + "\"}";

    private static string Bundle(params string[] objects) =>
        "{\"type\":\"bundle\",\"id\":\"bundle--1f0c6f5e-2b9a-4c61-9d8e-7a6b5c4d3e2f\",\"objects\":[" + string.Join(",", objects) + "]}";

    [Fact]
    public void A_valid_indicator_passes_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator()));

        report.IsValid.ShouldBeTrue(report.Summary());
        report.Warnings.ShouldBeEmpty(report.Summary());
        report.ObjectCount.ShouldBe(1);
    }

    [Fact]
    public void A_pattern_type_outside_the_vocabulary_fails_at_its_path_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(patternType: "\"regex\"")));

        var error = report.Errors.ShouldHaveSingleItem(report.Summary());
        error.Kind.ShouldBe("vocabulary");
        error.EntityId.ShouldBe(IndicatorId);
        error.Path.ShouldBe("/objects/0/pattern_type");
    }

    [Fact]
    public void A_pattern_type_that_is_not_a_string_fails_the_schema_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(patternType: "42")));

        report.Errors.ShouldContain(e => e.Kind == "schema" && e.Path == "/objects/0/pattern_type", report.Summary());
    }

    [Fact]
    public void A_missing_required_property_is_named_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(patternType: null)));

        report.Errors.ShouldContain(e => e.Kind == "schema" && e.Path == "/objects/0" && e.Message.Contains("pattern_type"), report.Summary());
    }

    [Fact]
    public void A_timestamp_without_the_T_and_Z_fails_the_schema_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(validFrom: "\"2026-01-02 03:04:05\"")));

        report.Errors.ShouldContain(e => e.Kind == "schema" && e.Path == "/objects/0/valid_from" && e.Message.StartsWith("pattern"), report.Summary());
    }

    [Fact]
    public void A_timestamp_that_matches_the_schema_regex_but_is_no_date_fails_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(validFrom: "\"2026-02-30T00:00:00Z\"")));

        var error = report.Errors.ShouldHaveSingleItem(report.Summary());
        (error.Kind, error.Path).ShouldBe(("timestamp", "/objects/0/valid_from"));
    }

    [Fact]
    public void Modified_before_created_fails_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(created: "2026-03-01T00:00:00.000Z", modified: "2026-02-28T23:59:59.999Z")));

        var error = report.Errors.ShouldHaveSingleItem(report.Summary());
        (error.Kind, error.Path).ShouldBe(("timestamp", "/objects/0/modified"));
        error.Message.ShouldContain("before created");
    }

    [Fact]
    public void A_relationship_to_an_object_outside_the_bundle_is_a_dangling_reference_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(), Relationship(IndicatorId, ActorId)));

        var error = report.Errors.ShouldHaveSingleItem(report.Summary());
        (error.Kind, error.Path).ShouldBe(("dangling-reference", "/objects/1/target_ref"));
        error.Message.ShouldContain(ActorId);
    }

    [Fact]
    public void A_relationship_whose_ends_are_in_the_bundle_passes_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(), ThreatActor(), Relationship(IndicatorId, ActorId)));

        report.IsValid.ShouldBeTrue(report.Summary());
    }

    [Fact]
    public void A_relationship_pointing_at_a_relationship_is_a_range_error_RealFile()
    {
        const string other = "relationship--9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
        var inner = Relationship(IndicatorId, ActorId).Replace("relationship--5a0e4a4e-6c5d-4b8f-8e2a-1f2d3c4b5a69", other, StringComparison.Ordinal);

        var report = _validator.ValidateBundle(Bundle(Indicator(), ThreatActor(), inner, Relationship(IndicatorId, other)));

        // relationship.json itself forbids it (a "not" pattern on target_ref); the rules add it as a range error.
        var error = report.Errors.ShouldHaveSingleItem(report.Summary());
        (error.Kind, error.Path).ShouldBe(("schema", "/objects/3/target_ref"));
        error.Message.ShouldStartWith("not:");
        report.RangeErrors.ShouldHaveSingleItem().Path.ShouldBe("/objects/3/target_ref");
    }

    [Fact]
    public void Created_by_ref_must_point_at_an_identity_RealFile()
    {
        var indicator = Indicator().Replace("\"name\":", $"\"created_by_ref\":\"{ActorId}\",\"name\":", StringComparison.Ordinal);

        var report = _validator.ValidateBundle(Bundle(indicator, ThreatActor()));

        report.RangeErrors.ShouldHaveSingleItem(report.Summary()).Path.ShouldBe("/objects/0/created_by_ref");
    }

    [Fact]
    public void An_id_whose_prefix_is_not_the_type_fails_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(id: "identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")));

        report.Errors.ShouldContain(e => e.Kind == "id" && e.Path == "/objects/0/id", report.Summary());
    }

    [Fact]
    public void A_custom_type_needs_an_x_prefix_or_an_extension_definition_RealFile()
    {
        const string wallet = "{\"type\":\"crypto-wallet\",\"id\":\"crypto-wallet--3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a\",\"value\":\"bc1qexample\"}";

        var report = _validator.ValidateBundle(Bundle(wallet));

        var error = report.Errors.ShouldHaveSingleItem(report.Summary());
        (error.Kind, error.Path).ShouldBe(("unknown-type", "/objects/0/type"));
    }

    [Fact]
    public void An_x_prefixed_custom_observable_passes_RealFile()
    {
        const string wallet = "{\"type\":\"x-unmask-wallet\",\"id\":\"x-unmask-wallet--3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a\",\"value\":\"bc1qexample\"}";

        var report = _validator.ValidateBundle(Bundle(wallet));

        report.IsValid.ShouldBeTrue(report.Summary());
    }

    [Fact]
    public void A_new_observable_type_declared_by_an_extension_definition_in_the_bundle_passes_RealFile()
    {
        const string definitionId = "extension-definition--7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a";
        const string definition = "{\"type\":\"extension-definition\",\"spec_version\":\"2.1\",\"id\":\"" + definitionId + "\","
            + "\"created\":\"2026-01-02T03:04:05.000Z\",\"modified\":\"2026-01-02T03:04:05.000Z\",\"created_by_ref\":\"identity--0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\","
            + "\"name\":\"crypto-wallet\",\"schema\":\"https://example.test/crypto-wallet.json\",\"version\":\"1.0.0\",\"extension_types\":[\"new-sco\"]}";
        const string identity = "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\","
            + "\"created\":\"2026-01-02T03:04:05.000Z\",\"modified\":\"2026-01-02T03:04:05.000Z\",\"name\":\"Unmask\",\"identity_class\":\"system\"}";
        const string wallet = "{\"type\":\"crypto-wallet\",\"id\":\"crypto-wallet--3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a\",\"value\":\"bc1qexample\","
            + "\"extensions\":{\"" + definitionId + "\":{\"extension_type\":\"new-sco\"}}}";

        var report = _validator.ValidateBundle(Bundle(identity, definition, wallet));

        report.IsValid.ShouldBeTrue(report.Summary());
    }

    [Fact]
    public void A_STIX_2_0_bundle_fails_RealFile()
    {
        var bundle = Bundle(Indicator()).Replace("\"type\":\"bundle\",", "\"type\":\"bundle\",\"spec_version\":\"2.0\",", StringComparison.Ordinal);

        var report = _validator.ValidateBundle(bundle);

        report.Errors.ShouldContain(e => e.Kind == "spec-version" && e.Path == "/spec_version", report.Summary());
    }

    [Fact]
    public void An_object_with_spec_version_2_0_fails_although_the_schema_enum_allows_it_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator().Replace("\"2.1\"", "\"2.0\"", StringComparison.Ordinal)));

        var error = report.Errors.ShouldHaveSingleItem(report.Summary());
        (error.Kind, error.Path).ShouldBe(("spec-version", "/objects/0/spec_version"));
    }

    [Fact]
    public void A_STIX_pattern_that_does_not_parse_fails_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(pattern: "\"[domain-name:value = 'front-company.test'\"")));

        var error = report.Errors.ShouldHaveSingleItem(report.Summary());
        (error.Kind, error.Path).ShouldBe(("pattern", "/objects/0/pattern"));
    }

    [Fact]
    public void A_pattern_on_a_custom_observable_the_bundle_does_not_carry_is_a_warning_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(pattern: "\"[x-unmask-wallet:value = 'bc1qexample']\"")));

        report.IsValid.ShouldBeTrue(report.Summary());
        var warning = report.Warnings.ShouldHaveSingleItem();
        (warning.Kind, warning.Path).ShouldBe(("custom-observable", "/objects/0/pattern"));
    }

    [Fact]
    public void A_pattern_on_a_custom_observable_the_bundle_carries_passes_RealFile()
    {
        const string wallet = "{\"type\":\"x-unmask-wallet\",\"id\":\"x-unmask-wallet--3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a\",\"value\":\"bc1qexample\"}";

        var report = _validator.ValidateBundle(Bundle(wallet, Indicator(pattern: "\"[x-unmask-wallet:value = 'bc1qexample']\"")));

        report.IsValid.ShouldBeTrue(report.Summary());
        report.Warnings.ShouldBeEmpty(report.Summary());
    }

    [Fact]
    public void The_same_version_of_an_object_twice_is_a_conflict_RealFile()
    {
        var report = _validator.ValidateBundle(Bundle(Indicator(), Indicator(validFrom: "\"2026-01-03T00:00:00Z\"")));

        report.Errors.ShouldHaveSingleItem(report.Summary()).Kind.ShouldBe("duplicate-id");
    }

    [Fact]
    public void Formats_are_enforced_although_draft_2020_12_makes_them_annotations_RealFile()
    {
        const string email = "{\"type\":\"email-addr\",\"spec_version\":\"2.1\",\"id\":\"email-addr--2d1c0b9a-8f7e-4d6c-9b5a-4f3e2d1c0b9a\",\"value\":\"not an address\"}";

        var report = _validator.ValidateBundle(Bundle(email));

        report.Errors.ShouldContain(e => e.Kind == "schema" && e.Path == "/objects/0/value" && e.Message.StartsWith("format"), report.Summary());
    }

    [Theory]
    [InlineData("front-company.test/jobs", false)]
    [InlineData("https://front-company.test/jobs", true)]
    public void A_url_observable_needs_a_scheme_RealFile(string url, bool valid)
    {
        var observable = "{\"type\":\"url\",\"spec_version\":\"2.1\",\"id\":\"url--2d1c0b9a-8f7e-4d6c-9b5a-4f3e2d1c0b9a\",\"value\":\"" + url + "\"}";

        var report = _validator.ValidateBundle(Bundle(observable));

        report.IsValid.ShouldBe(valid, report.Summary());
    }

    [Theory]
    [InlineData("2001:db8::7")]
    [InlineData("2001:db8::/32")]
    public void IPv6_observables_pass_RealFile(string address)
    {
        var observable = "{\"type\":\"ipv6-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv6-addr--2d1c0b9a-8f7e-4d6c-9b5a-4f3e2d1c0b9a\",\"value\":\"" + address + "\"}";

        var report = _validator.ValidateBundle(Bundle(observable));

        report.IsValid.ShouldBeTrue(report.Summary());
    }

    [Fact]
    public void The_OASIS_IPv6_pattern_rejects_IPv4_mapped_addresses_so_exports_write_them_as_ipv4_addr_RealFile()
    {
        // ipv6-addr.json's regex has "2[0-4]d|1dd" where "\d" was meant, so the dotted IPv4 tail never matches. We keep
        // the official schema as published; an exporter writes ::ffff:a.b.c.d as the ipv4-addr a.b.c.d.
        const string observable = "{\"type\":\"ipv6-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv6-addr--2d1c0b9a-8f7e-4d6c-9b5a-4f3e2d1c0b9a\",\"value\":\"::ffff:192.0.2.1\"}";

        var report = _validator.ValidateBundle(Bundle(observable));

        report.Errors.ShouldHaveSingleItem(report.Summary()).Path.ShouldBe("/objects/0/value");
    }

    [Fact]
    public void Every_OASIS_example_passes_RealFile()
    {
        var examples = Directory.GetFiles(SharedData.Path("stix2.1/examples"), "*.json", SearchOption.AllDirectories);
        examples.Length.ShouldBeGreaterThan(5);

        foreach (var example in examples)
        {
            using var stream = File.OpenRead(example);
            var report = _validator.ValidateBundle(stream);
            report.IsValid.ShouldBeTrue($"{Path.GetFileName(example)}: {report.Summary()}");
        }
    }

    [Fact]
    public void The_summary_counts_by_kind_and_lists_the_first_twenty_errors_RealFile()
    {
        var actors = Enumerable.Range(0, 25).Select(i => ThreatActor($"threat-actor--0b9d3a0e-4b3c-4f1e-9a55-3d0c7b1e{i:x4}").Replace("2.1", "2.0", StringComparison.Ordinal));

        var summary = _validator.ValidateBundle(Bundle([.. actors])).Summary();

        summary.ShouldStartWith("25 objects: 25 errors, 0 range errors, 0 warnings (spec-version 25)");
        summary.Split('\n').Count(l => l.StartsWith("  [spec-version]", StringComparison.Ordinal)).ShouldBe(20);
        summary.ShouldContain("… and 5 more");
    }

    [Fact]
    public void Schemas_resolve_their_references_offline_and_a_missing_one_is_reported_not_downloaded_RealFile()
    {
        using var copy = new TempFolder();
        var source = SharedData.Path("stix2.1/schemas");
        foreach (var file in Directory.GetFiles(source, "*.json", SearchOption.AllDirectories).Where(f => !f.EndsWith("timestamp.json", StringComparison.Ordinal)))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var thrown = Should.Throw<InvalidOperationException>(() => StixSchemaValidator.Load(copy.Path));

        thrown.Message.ShouldContain("common/timestamp.json is not in");
    }
}
