using Unmask.WebsiteAnalysis.Extraction;

namespace Unmask.WebsiteAnalysis.Tests.Extraction;

public sealed class AssetLinksTests
{
    [Fact]
    public void Finds_images_scripts_stylesheets_and_icons_but_not_data_urls_or_plain_links()
    {
        const string html = """
            <html><head>
            <link rel="stylesheet" href="css/site.css"><link rel="shortcut icon" href="/favicon.ico"><link rel='apple-touch-icon' href='img/touch.png'>
            <link rel="canonical" href="https://acme.example/"><script src="js/app.js?v=3"></script><script>var inline = 1;</script>
            </head><body><img src="img/logo.png" srcset="img/logo-2x.png 2x, img/logo-3x.png 3x" alt="Acme"><img src="data:image/gif;base64,R0lGOD">
            <picture><source srcset="img/hero.webp"></picture><a href="about.html">About</a></body></html>
            """;

        var links = AssetLinks.Find(html);

        links.ShouldBe([
            new AssetLink("stylesheet", "css/site.css"), new AssetLink("icon", "/favicon.ico"), new AssetLink("icon", "img/touch.png"),
            new AssetLink("script", "js/app.js?v=3"), new AssetLink("image", "img/logo.png"), new AssetLink("image", "img/logo-2x.png"),
            new AssetLink("image", "img/logo-3x.png"), new AssetLink("image", "img/hero.webp")]);
    }

    [Theory]
    [InlineData("services/web.html", "../img/logo.png", null, "img/logo.png")]
    [InlineData("services/web.html", "img/logo.png", null, "services/img/logo.png")]
    [InlineData("services/web.html", "/css/site.css?v=2#x", null, "css/site.css")]
    [InlineData("index.html", "https://acme.example/js/app.js", null, "js/app.js")]
    [InlineData("index.html", "https://www.acme.example/js/app.js", "https://acme.example/", "js/app.js")]
    [InlineData("index.html", "https://cdn.example/jquery.min.js", "https://acme.example/", null)]
    [InlineData("index.html", "//cdn.example/jquery.min.js", "https://acme.example/", null)]
    [InlineData("index.html", "data:image/png;base64,AAAA", null, null)]
    [InlineData("index.html", "img/my%20logo.png", null, "img/my logo.png")]
    public void Resolves_an_asset_url_to_a_path_inside_the_site(string page, string href, string? pageUrl, string? expected) =>
        AssetLinks.Resolve(page, href, pageUrl).ShouldBe(expected);

    [Fact]
    public void Hostile_markup_yields_a_bounded_number_of_links()
    {
        var many = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<img src=\"img/{i}.png\">"));
        var unclosed = "<img src=\"a.png\" " + new string('x', 2_000_000);

        AssetLinks.Find(many).Count.ShouldBe(AssetLinks.MaxLinksPerPage);
        AssetLinks.Find(unclosed).ShouldBeEmpty();
    }
}
