using System.Net;
using System.Net.Sockets;

namespace ImagePipeline.Outbound;

/// <summary>
/// Which IP addresses a fetch on a client's behalf must never reach. A pure function over addresses, so every rule is
/// tested without sending a packet anywhere.
/// </summary>
public static class AddressRules
{
    /// <summary>Why <paramref name="address"/> is not a public destination, or null when it is.</summary>
    public static string? NonPublicReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return NonPublicReason(address.MapToIPv4());
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IPv4Reason(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IPv6Reason(address),
            _ => "not an IP address",
        };
    }

    private static string? IPv4Reason(byte[] b) => b switch
    {
        [0, ..] => "unspecified or 'this network' (0.0.0.0/8)",
        [10, ..] => "private (10.0.0.0/8)",
        [100, >= 64 and <= 127, ..] => "carrier-grade NAT (100.64.0.0/10)",
        [127, ..] => "loopback (127.0.0.0/8)",
        [169, 254, ..] => "link-local, including cloud metadata (169.254.0.0/16)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
        [192, 0, 0, _] => "IETF protocol assignments (192.0.0.0/24)",
        [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => "documentation range",
        [192, 88, 99, _] => "6to4 relay anycast (192.88.99.0/24)",
        [192, 168, ..] => "private (192.168.0.0/16)",
        [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
        [>= 224 and <= 239, ..] => "multicast (224.0.0.0/4)",
        [>= 240, ..] => "reserved or broadcast (240.0.0.0/4)",
        _ => null,
    };

    private static string? IPv6Reason(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified (::)";
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback (::1)";
        }
        var b = address.GetAddressBytes();
        if (b[..12].All(x => x == 0))
        {
            return "IPv4-compatible (::/96)";
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01)
        {
            // a translator of the operator's own choosing: whatever IPv4 address it carries could be internal
            return "local-use NAT64 (64:ff9b:1::/48)";
        }
        if (b[..8].All(x => x == 0) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)
        {
            // SIIT's IPv4-translated form carries an IPv4 address the stack may reach by translation
            return "IPv4-translated (::ffff:0:0:0/96)";
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0))
        {
            // NAT64 well-known prefix: judge the IPv4 address it carries
            return IPv4Reason(b[12..]) is { } embedded ? $"NAT64 of {embedded}" : null;
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IPv4Reason(b[2..6]) is { } embedded ? $"6to4 of {embedded}" : null;
        }
        return (b[0], b[1]) switch
        {
            (0x20, 0x01) when b[2] == 0 && b[3] == 0 => "Teredo (2001::/32)",
            (0x20, 0x01) when b[2] == 0x0d && b[3] == 0xb8 => "documentation (2001:db8::/32)",
            (0x01, 0x00) when b[2..8].All(x => x == 0) => "discard-only (100::/64)",
            (>= 0xfc and <= 0xfd, _) => "unique local (fc00::/7)",
            (0xfe, >= 0x80 and <= 0xbf) => "link-local (fe80::/10)",
            (0xfe, >= 0xc0) => "site-local (fec0::/10)",
            (0xff, _) => "multicast (ff00::/8)",
            _ => null,
        };
    }
}
