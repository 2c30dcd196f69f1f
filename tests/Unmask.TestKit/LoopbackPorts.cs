using System.Net;
using System.Net.Sockets;

namespace Unmask.TestKit;

public static class LoopbackPorts
{
    /// <summary>A loopback port nothing listens on: one the system handed out as free, then closed. Connecting to it is
    /// refused at once, as with a database server that is down.</summary>
    public static int Closed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
