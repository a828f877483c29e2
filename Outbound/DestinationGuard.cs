using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Outbound;

/// <summary>
/// Checks the address a connection is about to be made to — after DNS, at connect time — so a name that resolves to
/// a private address, DNS rebinding, or a redirect to a blocked host cannot slip past a check made earlier on the URL.
/// Plug it into a <see cref="SocketsHttpHandler"/> with <see cref="Attach"/>.
/// </summary>
public sealed class DestinationGuard(IOptions<FetchOptions> options)
{
    /// <summary>
    /// Sets the handler's ConnectCallback to connect only to allowed destinations, and turns proxies off: through a
    /// proxy (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) the callback would see only the proxy's address, never the real
    /// destination's, and the proxy would connect wherever the client's URL says.
    /// </summary>
    public SocketsHttpHandler Attach(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.UseProxy = false;
        handler.Proxy = null;
        handler.ConnectCallback = ConnectAsync;
        return handler;
    }

    /// <summary>Null when <paramref name="address"/> may be reached for <paramref name="host"/>:<paramref name="port"/>, else why not.</summary>
    public string? Check(string host, int port, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var settings = options.Value;
        if (IsAllowedHost(settings, host, port) || settings.AllowPrivateNetworks && !IsNeverAllowed(address))
        {
            return null;
        }
        return AddressRules.NonPublicReason(address) is { } reason
            ? $"{host}:{port} resolves to {address}, which is {reason}; only public addresses are fetched (settings Fetch:AllowedHosts, Fetch:AllowPrivateNetworks)."
            : null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        // every resolved address must pass: connecting to "the first good one" would let a name mix in a private one
        foreach (var address in addresses)
        {
            if (Check(endpoint.Host, endpoint.Port, address) is { } reason)
            {
                throw new DestinationBlockedException(reason);
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsAllowedHost(FetchOptions settings, string host, int port) =>
        settings.AllowedHosts.Any(entry => AllowedHost.Parse(entry).Matches(host, port));

    // even with private networks allowed, these are never a real server
    private static bool IsNeverAllowed(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6Multicast
        || address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] is >= 224;
}
