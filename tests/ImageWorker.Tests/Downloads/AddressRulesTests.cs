using System.Net;
using ImagePipeline.Outbound;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

/// <summary>The address rules as a pure function: no address here is ever contacted.</summary>
public sealed class AddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::127.0.0.1", "IPv4-compatible")]
    [InlineData("64:ff9b::a9fe:a9fe", "NAT64 of link-local")]
    [InlineData("2002:7f00:1::", "6to4 of loopback")]
    [InlineData("2001::1", "Teredo")]
    [InlineData("64:ff9b:1::808:808", "local-use NAT64")]
    [InlineData("64:ff9b:1:ffff::1", "local-use NAT64")]
    [InlineData("::ffff:0:808:808", "IPv4-translated")]
    [InlineData("::ffff:0:a9fe:a9fe", "IPv4-translated")]
    public void Non_public_addresses_are_refused_with_their_kind(string address, string kind)
    {
        var reason = AddressRules.NonPublicReason(IPAddress.Parse(address));

        Assert.NotNull(reason);
        Assert.Contains(kind, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::")]
    public void Public_addresses_pass(string address) =>
        Assert.Null(AddressRules.NonPublicReason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080, true)]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8081, false)]
    [InlineData("127.0.0.1", "127.0.0.1", 1234, true)]
    [InlineData("images.test", "IMAGES.test", 443, true)]
    [InlineData("[::1]:8080", "[::1]", 8080, true)]
    [InlineData("[::1]:8080", "::1", 9090, false)]
    [InlineData("::1", "[::1]", 9090, true)]
    [InlineData("localhost:8080", "127.0.0.1", 8080, false)]
    public void Allowed_host_entries_match_host_and_port_as_written(string entry, string host, int port, bool allowed) =>
        Assert.Equal(allowed, AllowedHost.Parse(entry).Matches(host, port));

    [Fact]
    public void Allowing_private_networks_still_refuses_unspecified_and_multicast()
    {
        var guard = new DestinationGuard(Options.Create(new FetchOptions { AllowPrivateNetworks = true }));

        Assert.Null(guard.Check("10.0.0.1", 80, IPAddress.Parse("10.0.0.1")));
        Assert.NotNull(guard.Check("0.0.0.0", 80, IPAddress.Any));
        Assert.NotNull(guard.Check("239.1.1.1", 80, IPAddress.Parse("239.1.1.1")));
    }
}
