using Unmask.TestKit.Specifications;

namespace Unmask.TestKit.Tests.Specifications;

public sealed class StixPatternTests
{
    [Theory]
    [InlineData("[domain-name:value = 'front-company.test']")]
    [InlineData("[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '203.0.113.0/24']")]
    [InlineData("[email-addr:value = 'it.worker@example.test'] AND [url:value LIKE 'https://%.example.test/%']")]
    [InlineData("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']")]
    [InlineData("[network-traffic:dst_ref.value = '198.51.100.7' AND network-traffic:dst_port = 443]")]
    [InlineData("[x-unmask-wallet:value = 'bc1qexample'] REPEATS 2 TIMES WITHIN 3600 SECONDS")]
    [InlineData("([user-account:account_login = 'jlee'] FOLLOWEDBY [user-account:account_login = 'jason']) START t'2026-01-01T00:00:00Z' STOP t'2026-02-01T00:00:00Z'")]
    [InlineData("[email-message:to_refs[*].value NOT IN ('a@example.test', 'b@example.test')]")]
    [InlineData("[artifact:payload_bin = b'aGVsbG8=' OR artifact:mime_type MATCHES '^text/.*$' OR file:size > 1024]")]
    [InlineData("[domain-name:value = 'it\\'s.example.test']")]
    public void Valid_STIX_patterns_parse(string pattern) => StixPattern.Problem(pattern).ShouldBeNull();

    [Theory]
    [InlineData("domain-name:value = 'front-company.test'", "expected '['")]
    [InlineData("[domain-name:value = 'front-company.test'", "expected ']'")]
    [InlineData("[domain-name = 'front-company.test']", "expected ':'")]
    [InlineData("[domain-name:value == 'front-company.test']", "comparison operator")]
    [InlineData("[domain-name:value = front-company.test]", "constant")]
    [InlineData("[domain-name:value = 'unterminated]", "unterminated string")]
    [InlineData("[domain-name:value = 'a\\b']", "bad escape")]
    [InlineData("[btc:value = 'x'] WITHIN -1 SECONDS", "positive number")]
    [InlineData("[url:value = 'x'] START t'2026-02-30T00:00:00Z' STOP t'2026-03-01T00:00:00Z'", "timestamp")]
    [InlineData("[url:value = 'x'] AND", "end of the pattern")]
    [InlineData("", "expected '['")]
    public void Broken_STIX_patterns_say_what_is_wrong(string pattern, string expected) =>
        StixPattern.Problem(pattern).ShouldNotBeNull().ShouldContain(expected);
}
