using System.Text;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Sources;

public sealed class SiteLoaderTests
{
    [Fact]
    public void Bad_pages_become_warnings_and_the_rest_is_loaded()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("blog"));
        File.WriteAllText(folder.File("index.html"), "<html><body><p>Welcome</p></body></html>");
        File.WriteAllText(folder.File("blog/post.html"), "<html><body><p>Nested page</p>");
        File.WriteAllBytes(folder.File("logo.html"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 1, 2, 3]);
        File.WriteAllText(folder.File("huge.html"), "<html><body>" + new string('x', 5000) + "</body></html>");
        File.WriteAllBytes(folder.File("latin.html"), Encoding.Latin1.GetBytes("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\u00e9 cr\u00e8me</p></body></html>"));

        var site = SiteLoader.Load(folder.Path, new SiteLoadOptions(MaxPageBytes: 1000));

        site.Pages.Select(p => p.Path).Order().ShouldBe(["blog/post.html", "index.html", "latin.html"]);
        site.Pages.Single(p => p.Path == "latin.html").Html.ShouldContain("Café crème");
        site.Warnings.ShouldContain(w => w.StartsWith("logo.html: binary content", StringComparison.Ordinal));
        site.Warnings.ShouldContain(w => w.StartsWith("huge.html:", StringComparison.Ordinal) && w.Contains("per-page limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_warc_responses_and_warns_about_a_truncated_record()
    {
        using var folder = new TempFolder();
        var path = folder.File("site.warc");
        using (var stream = File.Create(path))
        {
            WriteRecord(stream, "https://acme.example/", "text/html; charset=utf-8", "<html><body><p>Home page</p></body></html>");
            WriteRecord(stream, "https://acme.example/favicon.ico", "image/x-icon", "ICONBYTES");
            WriteRecord(stream, "https://acme.example/about.html", "text/html", "<html><body><p>About page that is cut off", truncateBy: 10);
        }

        var site = SiteLoader.Load(path);

        site.Name.ShouldBe("acme.example");
        site.Pages.Select(p => p.Path).ShouldBe(["index.html"]);
        site.Icons.Keys.ShouldContain("favicon.ico");
        site.Warnings.ShouldContain(w => w.Contains("about.html", StringComparison.Ordinal) && w.Contains("truncated", StringComparison.Ordinal));
    }

    private static void WriteRecord(Stream stream, string uri, string contentType, string body, int truncateBy = 0)
    {
        var http = Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\n\r\n{body}");
        var header = Encoding.UTF8.GetBytes($"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: {http.Length}\r\n\r\n");
        stream.Write(header);
        stream.Write(http, 0, http.Length - truncateBy);
        if (truncateBy == 0)
        {
            stream.Write("\r\n\r\n"u8);
        }
    }
}
