using System.Net;
using System.Net.Sockets;
using System.Text;
using Unmask.Domain;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Sources;

public sealed class SiteCrawlerTests
{
    private static readonly CrawlOptions NoDelay = new(Delay: TimeSpan.Zero);

    [Fact]
    public async Task Crawls_same_site_links_obeying_robots_txt_and_following_a_same_site_redirect()
    {
        using var server = new TestServer(new()
        {
            ["/robots.txt"] = Text("User-agent: *\nDisallow: /private/\n"),
            ["/"] = Html("<a href=\"/about.html\">About</a> <a href=\"/private/secret.html\">x</a> <a href=\"https://other.example/\">off</a> <a href=\"/old\">old</a> <a href=\"/about.html#team\">again</a>"),
            ["/about.html"] = Html("<p>About us</p>"),
            ["/old"] = Redirect("/new.html"),
            ["/new.html"] = Html("<p>New page</p>"),
            ["/private/secret.html"] = Html("<p>secret</p>"),
        });
        using var http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true));

        var site = await new SiteCrawler(http).CrawlAsync(server.Url, NoDelay, TestContext.Current.CancellationToken);

        site.Pages.Select(p => p.Path).Order().ShouldBe(["about.html", "index.html", "new.html"]);
        site.Pages.ShouldAllBe(p => p.Url!.StartsWith(server.Url.AbsoluteUri, StringComparison.Ordinal));
        site.Warnings.ShouldContain(w => w.Contains("private/secret.html", StringComparison.Ordinal) && w.Contains("robots.txt", StringComparison.Ordinal));
        server.Requests.ShouldNotContain("/private/secret.html");
        server.Requests.Count(r => r == "/about.html").ShouldBe(1);
    }

    [Fact]
    public async Task Loopback_is_refused_unless_private_addresses_are_allowed()
    {
        using var server = new TestServer(new() { ["/"] = Html("<p>Home</p>") });
        using var http = new GuardedHttpClient();

        var error = await Should.ThrowAsync<InputException>(() =>
            new SiteCrawler(http).CrawlAsync(server.Url, NoDelay, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("127.0.0.1 is a loopback address");
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_host_name_resolving_to_a_private_address_is_refused()
    {
        using var http = new GuardedHttpClient(resolve: (_, _) => Task.FromResult(new[] { IPAddress.Parse("10.1.2.3"), IPAddress.Parse("93.184.215.14") }));

        var error = await Should.ThrowAsync<InputException>(() =>
            new SiteCrawler(http).CrawlAsync(new Uri("http://intranet.example/"), NoDelay, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("10.1.2.3 is a private address");
    }

    [Fact]
    public async Task A_redirect_off_the_site_or_to_an_internal_address_is_not_followed()
    {
        using var server = new TestServer(new()
        {
            ["/"] = Html("<a href=\"/away\">a</a> <a href=\"/metadata\">m</a> <a href=\"/ok.html\">ok</a>"),
            ["/away"] = Redirect("https://other.example/"),
            ["/metadata"] = Redirect("http://169.254.169.254/latest/meta-data/"),
            ["/ok.html"] = Html("<p>fine</p>"),
        });
        using var http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true));

        var site = await new SiteCrawler(http).CrawlAsync(server.Url, NoDelay, TestContext.Current.CancellationToken);

        site.Pages.Select(p => p.Path).Order().ShouldBe(["index.html", "ok.html"]);
        site.Warnings.ShouldContain(w => w.Contains("redirects off-site to https://other.example/", StringComparison.Ordinal));
        site.Warnings.ShouldContain(w => w.Contains("redirects off-site to http://169.254.169.254/latest/meta-data/", StringComparison.Ordinal));
        server.Requests.Count(r => r is "/away" or "/metadata").ShouldBe(2);
    }

    [Fact]
    public async Task Redirect_loops_oversized_pages_and_link_traps_are_bounded()
    {
        using var server = new TestServer(new()
        {
            ["/"] = Html("<a href=\"/loop-a\">a</a> <a href=\"/big.html\">big</a> <a href=\"/ok.html\">ok</a> <a href=\"trap/\">trap</a>"),
            ["/loop-a"] = Redirect("/loop-b"),
            ["/loop-b"] = Redirect("/loop-a"),
            ["/big.html"] = Html("<p>" + new string('x', 300_000) + "</p>"),
            ["/ok.html"] = Html("<p>fine</p>"),
        }, fallback: path => path.StartsWith("/trap/", StringComparison.Ordinal) ? Html("<a href=\"trap/\">deeper</a>") : null);
        using var http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true));

        var site = await new SiteCrawler(http).CrawlAsync(server.Url, NoDelay with { MaxPageBytes = 100_000, MaxDepth = 20 }, TestContext.Current.CancellationToken);

        site.Warnings.ShouldContain(w => w.Contains("redirect loop", StringComparison.Ordinal));
        site.Warnings.ShouldContain(w => w.Contains("big.html", StringComparison.Ordinal) && w.Contains("per-page limit", StringComparison.Ordinal));
        site.Pages.Select(p => p.Path).ShouldContain("ok.html");
        site.Pages.Count(p => p.Path.StartsWith("trap/", StringComparison.Ordinal)).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task Fetches_and_hashes_the_same_site_files_the_pages_load_within_the_file_limit()
    {
        const string css = "body { color: #224466; margin: 0; }";
        using var server = new TestServer(new()
        {
            ["/"] = Html("<link rel=\"stylesheet\" href=\"/css/site.css\"><img src=\"img/a.png\"><img src=\"img/b.png\">"
                + "<script src=\"https://cdn.example/lib.js\"></script><a href=\"/about.html\">about</a>"),
            ["/about.html"] = Html("<link rel=\"stylesheet\" href=\"css/site.css\"><p>About</p>"),
            ["/css/site.css"] = new(200, "text/css", css),
            ["/img/a.png"] = new(200, "image/png", "PNG-A-bytes"),
            ["/img/b.png"] = new(200, "image/png", "PNG-B-bytes"),
        });
        using var http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true));

        var site = await new SiteCrawler(http).CrawlAsync(server.Url, NoDelay with { MaxAssets = 2 }, TestContext.Current.CancellationToken);

        site.Assets.Keys.Order().ShouldBe(["css/site.css", "img/a.png"]);
        site.Assets["css/site.css"].ShouldBe(AssetFile.Of(Encoding.UTF8.GetBytes(css)));
        server.Requests.Count(r => r == "/css/site.css").ShouldBe(1);
        server.Requests.ShouldNotContain("/img/b.png");
        site.Warnings.ShouldContain(w => w.Contains("1 resource file(s)", StringComparison.Ordinal) && w.Contains("limit of 2 files", StringComparison.Ordinal));
    }

    [Fact]
    public void Robots_rules_longest_match_wins_and_wildcards_work()
    {
        var rules = RobotsRules.Parse("User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /shop\nAllow: /shop/public\nDisallow: /*.pdf$\nCrawl-delay: 2\n", "UnmaskBot");

        rules.Allows("/").ShouldBeTrue();
        rules.Allows("/shop/cart").ShouldBeFalse();
        rules.Allows("/shop/public/x").ShouldBeTrue();
        rules.Allows("/files/a.pdf").ShouldBeFalse();
        rules.Allows("/files/a.pdf?x").ShouldBeTrue();
        rules.CrawlDelay.ShouldBe(TimeSpan.FromSeconds(2));
    }

    private sealed record Response(int Status, string ContentType, string Body, string? Location = null);

    private static Response Html(string body) => new(200, "text/html; charset=utf-8", "<html><body>" + body + "</body></html>");

    private static Response Text(string body) => new(200, "text/plain", body);

    private static Response Redirect(string location) => new(302, "text/plain", "", location);

    /// <summary>HttpListener on 127.0.0.1 at a free port, serving fixed responses and recording the requested paths.</summary>
    private sealed class TestServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, Response> _responses;
        private readonly Func<string, Response?>? _fallback;
        private readonly List<string> _requests = [];
        private readonly Task _loop;

        public TestServer(Dictionary<string, Response> responses, Func<string, Response?>? fallback = null)
        {
            _responses = responses;
            _fallback = fallback;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Url.AbsoluteUri);
            _listener.Start();
            _loop = Task.Run(Serve);
        }

        public Uri Url { get; }

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return _requests.ToList();
                }
            }
        }

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                var path = context.Request.Url!.AbsolutePath;
                lock (_requests)
                {
                    _requests.Add(path);
                }
                var response = _responses.GetValueOrDefault(path) ?? _fallback?.Invoke(path) ?? new Response(404, "text/plain", "not found");
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = response.ContentType;
                if (response.Location is not null)
                {
                    context.Response.RedirectLocation = response.Location;
                }
                var bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.ContentLength64 = bytes.Length;
                try
                {
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or IOException)
                {
                    // The crawler may stop reading an oversized body.
                }
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
