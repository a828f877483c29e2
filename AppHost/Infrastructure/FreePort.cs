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

    /// <summary>A port that is not one of <paramref name="taken"/>: the OS can hand out the same free port twice in a row.</summary>
    public static int NextExcept(IReadOnlyCollection<int> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        while (true)
        {
            var port = Next();
            if (!taken.Contains(port))
            {
                return port;
            }
        }
    }

    /// <summary>
    /// Whether something listens on loopback port <paramref name="port"/>. Connections of a process that has just exited
    /// (TIME_WAIT) do not count: the node's own listener binds over them too.
    /// </summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
