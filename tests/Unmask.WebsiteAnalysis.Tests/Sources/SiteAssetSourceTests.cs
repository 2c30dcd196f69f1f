using System.Security.Cryptography;
using System.Text;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Sources;

public sealed class SiteAssetSourceTests
{
    private static readonly byte[] Logo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 120).Select(i => (byte)i)];

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void A_folder_site_keeps_the_hashes_of_the_files_its_pages_load_and_warns_about_missing_ones()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("img"));
        Directory.CreateDirectory(folder.File("css"));
        Directory.CreateDirectory(folder.File("about"));
        File.WriteAllBytes(folder.File("img/logo.png"), Logo);
        File.WriteAllText(folder.File("css/site.css"), "body { color: #123456; } .hero { margin: 0 auto; padding: 2rem; }");
        File.WriteAllBytes(folder.File("favicon.ico"), [0, 0, 1, 0, 1, 0, 16, 16]);
        File.WriteAllText(folder.File("unused.js"), "console.log('never loaded by a page');");
        File.WriteAllText(folder.File("index.html"),
            "<html><head><link rel=\"stylesheet\" href=\"css/site.css\"><script src=\"js/missing.js\"></script>"
            + "<script src=\"https://cdn.example/lib.js\"></script></head><body><img src=\"img/logo.png\"><p>Acme Widgets</p></body></html>");
        File.WriteAllText(folder.File("about/index.html"), "<html><body><img src=\"../img/logo.png\"><p>About Acme</p></body></html>");

        var snapshot = SiteLoader.Load(folder.Path);
        var site = SiteFeatures.Extract(snapshot, SiteRole.Reference);

        snapshot.Assets["img/logo.png"].ShouldBe(new AssetFile(Sha(Logo), Logo.Length));
        site.Assets.Select(a => (a.Kind, a.Path)).Order().ShouldBe([("icon", "favicon.ico"), ("image", "img/logo.png"), ("stylesheet", "css/site.css")]);
        site.Assets.Single(a => a.Path == "img/logo.png").Sha256.ShouldBe(Sha(Logo));
        site.Warnings.ShouldContain(w => w.Contains("js/missing.js", StringComparison.Ordinal) && w.Contains("not in the snapshot", StringComparison.Ordinal));
        site.Warnings.ShouldNotContain(w => w.Contains("lib.js", StringComparison.Ordinal));
    }

    [Fact]
    public void A_warc_site_keeps_the_hashes_of_its_image_script_and_stylesheet_responses()
    {
        using var folder = new TempFolder();
        var path = folder.File("acme.warc");
        var css = Encoding.UTF8.GetBytes(".brand { font-weight: bold; color: #0a0a0a; letter-spacing: .02em; }");
        using (var stream = File.Create(path))
        {
            Write(stream, "https://acme.example/", "text/html", Encoding.UTF8.GetBytes(
                "<html><head><link rel=\"stylesheet\" href=\"/static/brand.css\"></head><body><img src=\"/static/logo.png\"><p>Acme Widgets</p></body></html>"));
            Write(stream, "https://acme.example/static/brand.css", "text/css; charset=utf-8", css);
            Write(stream, "https://acme.example/static/logo.png", "image/png", Logo);
        }

        var site = SiteFeatures.Extract(SiteLoader.Load(path), SiteRole.Suspect);

        site.Assets.ShouldBe([new SiteAsset("stylesheet", "static/brand.css", Sha(css), css.Length), new SiteAsset("image", "static/logo.png", Sha(Logo), Logo.Length)]);
        site.Pages.Select(p => p.Path).ShouldBe(["index.html"]);
    }

    private static void Write(Stream stream, string uri, string contentType, byte[] body)
    {
        var http = Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\n\r\n").Concat(body).ToArray();
        stream.Write(Encoding.UTF8.GetBytes($"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: {http.Length}\r\n\r\n"));
        stream.Write(http);
        stream.Write("\r\n\r\n"u8);
    }
}
