using System.Net;
using System.Net.Sockets;

namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>
/// A loopback port where connecting hangs: the listener never accepts and its accept queue (backlog 0, which Linux
/// still lets hold one) is filled by a connection of our own, so the kernel drops every further SYN — as a receiver
/// behind a firewall that drops packets looks to the sender.
/// </summary>
public sealed class UnansweredListener : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _filler = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    private UnansweredListener(IPAddress address)
    {
        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen(0);
        var endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _filler.Connect(endpoint);
        Url = new Uri($"http://{endpoint.Address}:{endpoint.Port}{WebhookReceiver.Path}");
    }

    public Uri Url { get; }

    public static UnansweredListener Start(IPAddress address) => new(address);

    public void Dispose()
    {
        _filler.Dispose();
        _listener.Dispose();
    }
}
