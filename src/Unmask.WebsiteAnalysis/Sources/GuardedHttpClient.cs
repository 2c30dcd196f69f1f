using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Unmask.Domain;
using Unmask.Domain.Network;

namespace Unmask.WebsiteAnalysis.Sources;

/// <param name="AllowPrivate">Reach loopback, private, shared, link-local and unique local addresses (intranets, test servers).
/// Default false. Cloud metadata, unspecified, multicast, documentation and reserved addresses are refused even then.</param>
/// <param name="HttpsOnly">Refuse plain http:// except to loopback and private hosts when <paramref name="AllowPrivate"/>: for
/// downloads whose integrity rests on TLS (sanctions lists). The crawler reads sites over either. Default false.</param>
/// <param name="MaxRedirects">Redirect hops followed per request, each checked again (scheme, address, the caller's rule). Default 5.</param>
/// <param name="Timeout">Per request, until the response headers arrive. Default 100 s; infinite when the caller bounds it.</param>
public sealed record GuardedHttpOptions(bool AllowPrivate = false, bool HttpsOnly = false, int MaxRedirects = 5, TimeSpan? Timeout = null);

/// <summary>Turns a host name into its addresses (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> by default;
/// tests pass a fake).</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>A response and the address it finally came from, after the redirects that were followed.</summary>
public sealed class GuardedResponse(HttpResponseMessage response, Uri url) : IDisposable
{
    public HttpResponseMessage Response { get; } = response;

    public Uri Url { get; } = url;

    public void Dispose() => Response.Dispose();
}

/// <summary>The one HTTP client that <c>lists update</c> and the site crawler use to reach outside addresses. It resolves each
/// host itself, checks every address the name resolves to against <see cref="AddressPolicy"/> and connects only to those
/// checked addresses (so a DNS answer that changes between check and connect, DNS rebinding, cannot slip past), ignores
/// proxy settings (a proxy would be the address checked, not the target), and follows redirects itself, checking the
/// scheme, the address and the caller's rule on every hop. A refusal is an <see cref="InputException"/> naming the URL.</summary>
public sealed class GuardedHttpClient : IDisposable
{
    private const string PlainHttpRefused = "plain http:// refused: downloads use HTTPS only (http:// only to a loopback or private test server, with --allow-private)";

    private readonly GuardedHttpOptions _options;
    private readonly HostResolver _resolve;
    private readonly HttpClient _client;

    public GuardedHttpClient(GuardedHttpOptions? options = null, HostResolver? resolve = null)
    {
        _options = options ?? new GuardedHttpOptions();
        _resolve = resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            ConnectCallback = ConnectToCheckedAddressAsync,
        };
        _client = new HttpClient(handler) { Timeout = _options.Timeout ?? TimeSpan.FromSeconds(100) };
    }

    /// <summary>GETs <paramref name="url"/>, following up to <see cref="GuardedHttpOptions.MaxRedirects"/> redirects.
    /// <paramref name="redirectRule"/> (from, to) returns null to follow a hop or the reason not to (the crawler stays on one site).</summary>
    /// <exception cref="InputException">The URL or a redirect hop is refused: scheme, address, loop, too many hops, or the rule.</exception>
    /// <exception cref="HttpRequestException">The network failed.</exception>
    public async Task<GuardedResponse> GetAsync(Uri url, Func<Uri, Uri, string?>? redirectRule = null, Action<HttpRequestHeaders>? headers = null,
        CancellationToken cancellationToken = default)
    {
        var chain = new List<Uri> { url };
        var current = url;
        while (true)
        {
            CheckBeforeConnecting(url, current);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            headers?.Invoke(request.Headers);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException error) when (Refusal(error) is { } refusal)
            {
                throw current == url ? refusal : new InputException(url.AbsoluteUri, null, $"redirected to {refusal.Message}", refusal);
            }
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308))
            {
                return new GuardedResponse(response, current);
            }
            using (response)
            {
                var next = response.Headers.Location is { } location
                    ? location.IsAbsoluteUri ? location : new Uri(current, location)
                    : throw new InputException(url.AbsoluteUri, null, $"{current} redirects without a Location header");
                var hops = chain.Select(u => u.AbsoluteUri).Append(next.AbsoluteUri);
                if (chain.Any(u => u.AbsoluteUri == next.AbsoluteUri))
                {
                    throw new InputException(url.AbsoluteUri, null, $"redirect loop ({string.Join(" -> ", hops)})");
                }
                if (chain.Count > _options.MaxRedirects)
                {
                    throw new InputException(url.AbsoluteUri, null, $"more than {_options.MaxRedirects} redirects ({string.Join(" -> ", hops)})");
                }
                if (redirectRule?.Invoke(current, next) is { } reason)
                {
                    throw new InputException(url.AbsoluteUri, null, reason);
                }
                chain.Add(next);
                current = next;
            }
        }
    }

    /// <summary>Resolves the URL's host and checks every address, without connecting: lets a caller refuse a start URL
    /// up front with a clear reason. The connection itself is checked again.</summary>
    public Task<IPAddress[]> CheckHostAsync(Uri url, CancellationToken cancellationToken) => ResolveCheckedAsync(url, url.IdnHost, cancellationToken);

    public void Dispose() => _client.Dispose();

    /// <summary>What can be refused from the URL alone, before any lookup or connection: the scheme, a literal address, and
    /// plain HTTP when only HTTPS is allowed.</summary>
    private void CheckBeforeConnecting(Uri original, Uri current)
    {
        InputException Refuse(string reason) =>
            current == original ? new InputException(current.AbsoluteUri, null, reason) : new InputException(original.AbsoluteUri, null, $"redirected to {current}: {reason}");

        if (current.Scheme is not ("http" or "https"))
        {
            throw Refuse($"{current.Scheme}: URLs are not fetched (only https:// and http://)");
        }
        IPAddress? literal = IPAddress.TryParse(Bare(current.IdnHost), out var parsed) ? parsed : null;
        if (literal is not null && AddressPolicy.Refusal(literal, _options.AllowPrivate) is { } refusal)
        {
            throw Refuse(refusal);
        }
        if (current.Scheme == Uri.UriSchemeHttp && _options.HttpsOnly && (!_options.AllowPrivate || (literal is not null && AddressPolicy.Classify(literal).IsPublic)))
        {
            throw Refuse(PlainHttpRefused);
        }
    }

    private async ValueTask<Stream> ConnectToCheckedAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var url = context.InitialRequestMessage.RequestUri ?? new Uri($"https://{context.DnsEndPoint.Host}/");
        var addresses = await ResolveCheckedAsync(url, context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> ResolveCheckedAsync(Uri url, string host, CancellationToken cancellationToken)
    {
        var name = Bare(host);
        var addresses = IPAddress.TryParse(name, out var literal) ? [literal] : await _resolve(name, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new InputException(url.AbsoluteUri, null, $"host {name} has no addresses");
        }
        foreach (var address in addresses)
        {
            if (AddressPolicy.Refusal(address, _options.AllowPrivate) is { } refusal)
            {
                throw new InputException(url.AbsoluteUri, null, literal is null ? $"host {name} -> {refusal}" : refusal);
            }
        }
        if (url.Scheme == Uri.UriSchemeHttp && _options.HttpsOnly && addresses.Any(a => AddressPolicy.Classify(a).IsPublic))
        {
            throw new InputException(url.AbsoluteUri, null, PlainHttpRefused);
        }
        return addresses;
    }

    private static string Bare(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;

    /// <summary>The refusal thrown in the connect callback, which the handler wraps in an <see cref="HttpRequestException"/>.</summary>
    private static InputException? Refusal(Exception error)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is InputException refusal)
            {
                return refusal;
            }
        }
        return null;
    }
}
