using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>
/// A webhook receiver on a loopback address that accepts every connection, reads what is sent and never answers: the
/// slowest a receiver can be without refusing. Counts the requests that reached it and the connections the sender
/// gave up on (closed), so a test can tell that an attempt is still hanging.
/// </summary>
public sealed class SilentReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _connections = [];
    private readonly Task _accepting;
    private int _requests;
    private int _closedBySender;

    private SilentReceiver(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        var endpoint = (IPEndPoint)_listener.LocalEndpoint;
        Url = new Uri($"http://{endpoint.Address}:{endpoint.Port}{WebhookReceiver.Path}");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Connections on which a request arrived (its first bytes).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Connections the sender closed: an attempt that gave up waiting.</summary>
    public int ClosedBySender => Volatile.Read(ref _closedBySender);

    /// <summary>Listens on <paramref name="address"/> (any of 127.0.0.0/8 on Linux) with a port the OS picks.</summary>
    public static SilentReceiver Start(IPAddress address) => new(address);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the listener was stopped under it
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var connection = await _listener.AcceptSocketAsync(_stop.Token);
            _connections.Add(connection);
            _ = DrainAsync(connection);
        }
    }

    private async Task DrainAsync(Socket connection)
    {
        var buffer = new byte[4096];
        var counted = false;
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    Interlocked.Increment(ref _closedBySender);
                    return;
                }
                if (!counted)
                {
                    counted = true;
                    Interlocked.Increment(ref _requests);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // a reset is the sender giving up too; on our own stop nothing is counted any more
            if (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _closedBySender);
            }
        }
    }
}
