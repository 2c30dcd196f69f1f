using System.Net;
using System.Net.Sockets;
using System.Text;
using Unmask.Domain;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Sources;

public sealed class GuardedHttpClientTests : IDisposable
{
    private readonly RawHttpServer _server = new(path => path switch
    {
        "/list.xml" => (200, null, "<list/>"),
        "/to-metadata" => (302, "http://169.254.169.254/latest/meta-data/", ""),
        "/to-unspecified" => (302, "http://0.0.0.0:80/", ""),
        "/to-public-plain-http" => (302, "http://93.184.215.14/list.xml", ""),
        "/to-file" => (302, "file:///etc/passwd", ""),
        "/to-list" => (301, "/list.xml", ""),
        _ when path.StartsWith("/hop", StringComparison.Ordinal) => (302, "/hop" + (int.Parse(path[4..], System.Globalization.CultureInfo.InvariantCulture) + 1), ""),
        _ => (404, null, "not found"),
    });

    private readonly List<string> _lookups = [];

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://10.0.0.1/list.xml", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("https://[fd00::1]/list.xml", "unique local")]
    [InlineData("https://[fd00:ec2::254]/", "cloud metadata")]
    [InlineData("https://100.64.0.1/", "shared")]
    [InlineData("https://0.0.0.0/", "unspecified")]
    [InlineData("https://[64:ff9b::a00:1]/", "10.0.0.1")]
    public async Task Internal_literal_addresses_are_refused_before_any_connection(string url, string reason)
    {
        using var http = new GuardedHttpClient(resolve: Resolver(("never", "93.184.215.14")));

        var error = await Should.ThrowAsync<InputException>(() => http.GetAsync(new Uri(url), cancellationToken: Ct));

        error.Message.ShouldContain(reason);
        _lookups.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task The_loopback_server_is_refused_unless_private_addresses_are_allowed(string host)
    {
        var url = new Uri($"http://{host}:{_server.Port}/list.xml");
        using var guarded = new GuardedHttpClient();
        using var allowing = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true));

        var error = await Should.ThrowAsync<InputException>(() => guarded.GetAsync(url, cancellationToken: Ct));
        error.Message.ShouldContain("loopback");
        error.Message.ShouldContain("--allow-private");
        _server.Requests.ShouldBeEmpty();

        using var allowed = await allowing.GetAsync(url, cancellationToken: Ct);
        allowed.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _server.Requests.ShouldBe(["/list.xml"]);
    }

    [Fact]
    public async Task Every_address_a_name_resolves_to_is_checked()
    {
        using var http = new GuardedHttpClient(resolve: Resolver(("mixed.test", "93.184.215.14"), ("mixed.test", "10.1.2.3")));

        var error = await Should.ThrowAsync<InputException>(() => http.GetAsync(new Uri("https://mixed.test/"), cancellationToken: Ct));

        error.Message.ShouldContain("host mixed.test -> 10.1.2.3 is a private address");
    }

    [Fact]
    public async Task The_connection_goes_to_the_address_that_was_checked_and_nowhere_else()
    {
        // lists.test exists only in the fake resolver: reaching the server proves the socket used the checked answer.
        using var http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true), Resolver(("lists.test", "127.0.0.1")));

        using var response = await http.GetAsync(new Uri($"http://lists.test:{_server.Port}/list.xml"), cancellationToken: Ct);

        (await response.Response.Content.ReadAsStringAsync(Ct)).ShouldBe("<list/>");
        _lookups.ShouldBe(["lists.test"]);
    }

    [Fact]
    public async Task A_name_that_turns_private_after_the_check_is_refused_when_connecting()
    {
        var answers = new Queue<IPAddress>([IPAddress.Parse("93.184.215.14"), IPAddress.Loopback]);
        using var http = new GuardedHttpClient(resolve: (_, _) => Task.FromResult(new[] { answers.Dequeue() }));
        var url = new Uri($"http://rebind.test:{_server.Port}/list.xml");

        await http.CheckHostAsync(url, Ct);
        var error = await Should.ThrowAsync<InputException>(() => http.GetAsync(url, cancellationToken: Ct));

        error.Message.ShouldContain("host rebind.test -> 127.0.0.1 is a loopback address");
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/to-metadata", "cloud metadata")]
    [InlineData("/to-unspecified", "unspecified")]
    [InlineData("/to-file", "file: URLs are not fetched")]
    public async Task Each_redirect_hop_is_checked_again(string path, string reason)
    {
        using var http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true));

        var error = await Should.ThrowAsync<InputException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{_server.Port}{path}"), cancellationToken: Ct));

        error.Message.ShouldStartWith($"http://127.0.0.1:{_server.Port}{path}: redirected to ");
        error.Message.ShouldContain(reason);
        _server.Requests.ShouldBe([path]);
    }

    [Fact]
    public async Task Https_only_refuses_plain_http_to_public_hosts_directly_and_after_a_redirect()
    {
        using var listsOnly = new GuardedHttpClient(new GuardedHttpOptions(HttpsOnly: true), Resolver(("lists.example.org", "93.184.215.14")));
        using var listsWithTestServer = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true, HttpsOnly: true), Resolver(("lists.example.org", "93.184.215.14")));

        (await Should.ThrowAsync<InputException>(() => listsOnly.GetAsync(new Uri("http://lists.example.org/x.xml"), cancellationToken: Ct))).Message.ShouldContain("HTTPS only");
        (await Should.ThrowAsync<InputException>(() => listsWithTestServer.GetAsync(new Uri("http://lists.example.org/x.xml"), cancellationToken: Ct))).Message.ShouldContain("HTTPS only");
        var redirected = await Should.ThrowAsync<InputException>(() => listsWithTestServer.GetAsync(new Uri($"http://127.0.0.1:{_server.Port}/to-public-plain-http"), cancellationToken: Ct));
        redirected.Message.ShouldContain("redirected to http://93.184.215.14/list.xml: plain http:// refused");
        using var followed = await listsWithTestServer.GetAsync(new Uri($"http://127.0.0.1:{_server.Port}/to-list"), cancellationToken: Ct);
        followed.Url.AbsolutePath.ShouldBe("/list.xml");
    }

    [Fact]
    public async Task Redirects_are_bounded_and_the_callers_rule_applies_to_each_hop()
    {
        using var http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: true, MaxRedirects: 3));

        var tooMany = await Should.ThrowAsync<InputException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{_server.Port}/hop0"), cancellationToken: Ct));
        tooMany.Message.ShouldContain("more than 3 redirects");
        _server.Requests.Count.ShouldBe(4);

        var ruled = await Should.ThrowAsync<InputException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{_server.Port}/to-list"),
            (from, to) => to.AbsolutePath == "/list.xml" ? $"{from} goes to the list" : null, cancellationToken: Ct));
        ruled.Message.ShouldContain("goes to the list");
    }

    public void Dispose() => _server.Dispose();

    private HostResolver Resolver(params (string Host, string Address)[] records) => (host, _) =>
    {
        lock (_lookups)
        {
            _lookups.Add(host);
        }
        var found = records.Where(r => r.Host == host).Select(r => IPAddress.Parse(r.Address)).ToArray();
        return found.Length > 0 ? Task.FromResult(found) : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    };

    /// <summary>A bare HTTP/1.1 server on 127.0.0.1 that answers any Host header (HttpListener only answers the host it was
    /// started for), records the request paths and closes each connection after one answer.</summary>
    private sealed class RawHttpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<string, (int Status, string? Location, string Body)> _answer;
        private readonly List<string> _requests = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public RawHttpServer(Func<string, (int Status, string? Location, string Body)> answer)
        {
            _answer = answer;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _loop = Task.Run(ServeAsync);
        }

        public int Port { get; }

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                using (client)
                {
                    var stream = client.GetStream();
                    var head = new StringBuilder();
                    var buffer = new byte[4096];
                    while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            break;
                        }
                        head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    var path = head.ToString().Split(' ') is [_, var target, ..] ? target : "";
                    lock (_requests)
                    {
                        _requests.Add(path);
                    }
                    var (status, location, body) = _answer(path);
                    var bytes = Encoding.UTF8.GetBytes(body);
                    var response = $"HTTP/1.1 {status} X\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n"
                        + (location is null ? "" : $"Location: {location}\r\n") + "\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(response).Concat(bytes).ToArray(), _stop.Token);
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _loop.Wait(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }
    }
}
