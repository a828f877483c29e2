using System.Net;
using System.Net.Sockets;

namespace ImagePipeline.MultiHost.Tests;

/// <summary>
/// Free loopback ports below Linux's ephemeral range (32768-60999): a broker port inside it can be taken by some
/// client's outgoing connection between the check and the node's bind, which left a node broken at start here.
/// </summary>
public static class LowPorts
{
    private const int First = 20000;
    private const int Last = 32000;

    public static int[] Take(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(First, Last);
            if (!ports.Contains(port) && IsFree(port))
            {
                ports.Add(port);
            }
        }
        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
