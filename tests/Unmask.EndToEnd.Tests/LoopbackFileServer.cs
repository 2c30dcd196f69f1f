using System.Net;

namespace Unmask.EndToEnd.Tests;

/// <summary>An HTTP server on 127.0.0.1 serving the files of one folder (tests never talk to anything but loopback).</summary>
public sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener _server = new();
    private readonly string _root;
    private readonly Task _serving;

    public LoopbackFileServer(string root)
    {
        _root = root;
        var port = 20000 + (Environment.ProcessId % 20000) + (Environment.TickCount & 4095);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Prefix = $"http://127.0.0.1:{port + attempt}/";
                _server.Prefixes.Clear();
                _server.Prefixes.Add(Prefix);
                _server.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 50)
            {
            }
        }
        _serving = Task.Run(ServeAsync);
    }

    public string Prefix { get; private set; } = "";

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
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
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
