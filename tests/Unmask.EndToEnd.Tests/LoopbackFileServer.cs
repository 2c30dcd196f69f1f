using System.Net;

namespace Unmask.EndToEnd.Tests;

/// <summary>An HTTP server on 127.0.0.1 serving the files of one folder (tests never talk to anything but loopback), and
/// optional redirects (path to Location), counting the requests it received.</summary>
public sealed class LoopbackFileServer : IDisposable
{
    private HttpListener _server = new();
    private readonly string _root;
    private readonly IReadOnlyDictionary<string, string> _redirects;
    private readonly Task _serving;
    private int _requests;

    public LoopbackFileServer(string root, IReadOnlyDictionary<string, string>? redirects = null)
    {
        _root = root;
        _redirects = redirects ?? new Dictionary<string, string>();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Prefix = $"http://127.0.0.1:{FreePort()}/";
                _server.Prefixes.Add(Prefix);
                _server.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 50)
            {
                // A listener whose start failed is disposed: take a fresh one for the next port.
                _server = new HttpListener();
            }
        }
        _serving = Task.Run(ServeAsync);
    }

    public string Prefix { get; private set; } = "";

    /// <summary>A port the system has just handed out as free (another process may still take it first: then the
    /// caller tries again).</summary>
    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync()
    {
        while (_server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _server.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
            if (_redirects.TryGetValue("/" + relative, out var location))
            {
                context.Response.StatusCode = 302;
                context.Response.RedirectLocation = location;
                context.Response.Close();
                continue;
            }
            var file = Path.GetFullPath(Path.Combine(_root, relative.Length == 0 ? "index.html" : relative));
            if (file.StartsWith(Path.GetFullPath(_root), StringComparison.Ordinal) && File.Exists(file))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                context.Response.ContentType = file.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8" : "application/octet-stream";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Close();
    }
}
