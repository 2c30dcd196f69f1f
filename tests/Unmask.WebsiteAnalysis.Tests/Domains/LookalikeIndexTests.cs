using Unmask.WebsiteAnalysis.Domains;

namespace Unmask.WebsiteAnalysis.Tests.Domains;

public sealed class LookalikeIndexTests
{
    private static readonly string[] Firms =
    [
        "harborpointconsulting.com", "maplecrest-advisors.com", "quillmark.io", "staffwise.co.uk", "deskforge.net", "blank.com", "acme.com",
    ];

    private static readonly string[] Hosts =
    [
        "harborpointconsultnig.com", "harb0rpointconsulting.com", "harborpointconsulting.net", "harborpoint.consulting.com",
        "harborpointconsulting.other-host.net", "harborpointconsultingses.com", "secure-harborpointconsulting.com",
        "maplecrest-login.com", "careers-advisors.com", "maplecrestadvisors.com", "quillrnark.io", "qulilmark.io", "quillmarks.com",
        "xn--staffwse-m4a.co.uk", "staffwise.uk", "staffwiseco.uk", "deskf0rge.net", "deskforge.com", "dlank.com", "bIank.com",
        "blank.other-host.net", "acrne.com", "acne.com", "unrelated-name.org", "mail.quillmark.io",
    ];

    [Fact]
    public void Finds_exactly_what_comparing_with_every_domain_finds()
    {
        var index = new LookalikeIndex();
        foreach (var firm in Firms)
        {
            index.Add(firm);
        }
        foreach (var host in Hosts)
        {
            var expected = Firms.Select((f, id) => (id, Lookalikes.Compare(host, f))).Where(m => m.Item2 is not null).Select(m => m.id).ToList();
            index.Matches(host).Select(m => m.Id).ShouldBe(expected, host);
        }
    }
}
