using System.Net;
using System.Net.Sockets;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>Asks the OS for a loopback port nobody uses right now.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
