using System.Net;
using System.Net.Sockets;

namespace ImagePipeline.TestSupport.ObjectStorage;

/// <summary>
/// Free ports for servers, drawn below Linux's ephemeral range (32768+), where a client connection made meanwhile
/// could take a port between the check and the server's bind.
/// </summary>
public static class FreeTcpPorts
{
    private const int Lowest = 20000;
    private const int Highest = 32000;

    /// <summary>
    /// <paramref name="count"/> distinct ports that nothing listens on at <paramref name="address"/> right now. With
    /// <paramref name="probe"/> false (an address in another network namespace, which this process cannot bind) they
    /// are only distinct and in range.
    /// </summary>
    public static int[] Take(IPAddress address, int count, bool probe = true)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ports = new List<int>();
        for (var attempt = 0; ports.Count < count && attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, Highest);
            if (!ports.Contains(port) && (!probe || IsFree(address, port)))
            {
                ports.Add(port);
            }
        }
        return ports.Count == count ? [.. ports] : throw new InvalidOperationException($"No {count} free ports on {address}.");
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
