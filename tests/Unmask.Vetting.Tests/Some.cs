using Microsoft.Extensions.Time.Testing;
using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;
using Unmask.Vetting.Reference;

namespace Unmask.Vetting.Tests;

/// <summary>Test builders: short, readable records and contexts.</summary>
public static class Some
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero));

    public static VetRecord Applicant(string id, string name, string? country = "us") =>
        new(id, RecordKind.Applicant, name) { Country = country, AppliedOn = new DateOnly(2026, 10, 1) };

    public static VetRecord WithPhone(this VetRecord record, string phone) =>
        record with { Phone = Phones.TryParse(phone, record.Country, out var p) ? p : throw new ArgumentException(phone) };

    public static VetContextBuilder Context() => new();

    public static SignIn SignIn(string user, DateTimeOffset at, string ip = "73.12.40.5", string? country = null, string? tool = null, string? agent = null) =>
        new(at, user, System.Net.IPAddress.Parse(ip), agent, tool, country);

    public sealed class VetContextBuilder
    {
        public VettingReferenceData Reference { get; set; } = VettingReferenceData.BuiltIn;
        public VettingOptions Options { get; set; } = new();

        public VettingContext Build() => new(Reference, Options, Clock);
    }

    public static VetResult VetOne(VetRecord record, IEnumerable<SignIn>? signIns = null, VettingContext? context = null) =>
        Vetter.Vet([record], signIns, context ?? Context().Build())[0];
}
