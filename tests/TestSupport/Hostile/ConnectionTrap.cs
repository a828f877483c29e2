using System.Net;
using System.Net.Sockets;

namespace ImagePipeline.TestSupport.Hostile;

/// <summary>
/// A listener that only counts the connections made to it: the proof that a destination the guard refuses was never
/// connected to, not merely answered with an error.
/// </summary>
public sealed class ConnectionTrap : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private int _connections;

    private ConnectionTrap(TcpListener listener)
    {
        _listener = listener;
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        Port = endpoint.Port;
        Authority = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{Port}" : $"{endpoint.Address}:{Port}";
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>e.g. <c>127.0.0.2:41234</c> or <c>[::1]:41234</c>.</summary>
    public string Authority { get; }

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>
    /// A trap on <paramref name="address"/>, on <paramref name="preferredPort"/> when that is free there (so a URL can
    /// differ from an allowed one in its address only), else on any port; null when the address cannot be bound here
    /// (e.g. no IPv6).
    /// </summary>
    public static ConnectionTrap? TryStart(IPAddress address, int preferredPort = 0)
    {
        ArgumentNullException.ThrowIfNull(address);
        foreach (var port in preferredPort == 0 ? [0] : new[] { preferredPort, 0 })
        {
            var listener = new TcpListener(address, port);
            try
            {
                listener.Start();
                return new ConnectionTrap(listener);
            }
            catch (SocketException)
            {
                listener.Stop();
            }
        }
        return null;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync(_stopping.Token);
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
