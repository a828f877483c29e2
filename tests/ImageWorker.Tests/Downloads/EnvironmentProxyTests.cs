using System.Net;
using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Tests.Support;
using ImagePipeline.TestSupport.Hostile;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

/// <summary>Process-wide proxy settings: no other test of the assembly may run beside these.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentProxyCollection
{
    public const string Name = "environment proxy";
}

/// <summary>
/// A configured proxy must not carry a client's fetch past the guard, which would then see only the proxy's address
/// (issue 10, item 4). The proxy is a loopback listener that counts connections, and it is even allowed by
/// <c>Fetch:AllowedHosts</c>, so a handler that used it would get through.
/// </summary>
[Collection(EnvironmentProxyCollection.Name)]
public sealed class EnvironmentProxyTests : IDisposable
{
    private static readonly string[] ProxyVariables = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"];

    private readonly ConnectionTrap _proxy = ConnectionTrap.TryStart(IPAddress.Loopback) ?? throw new InvalidOperationException("No loopback listener.");
    private readonly Dictionary<string, string?> _savedVariables = ProxyVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly IWebProxy _savedDefaultProxy = HttpClient.DefaultProxy;

    public EnvironmentProxyTests()
    {
        var proxy = $"http://{_proxy.Authority}";
        foreach (var variable in ProxyVariables)
        {
            Environment.SetEnvironmentVariable(variable, proxy);
        }
        // the runtime reads the variables into HttpClient.DefaultProxy once per process, and other tests of this
        // process may have done so already: set it to what the variables say (no bypass list, as the variables give)
        HttpClient.DefaultProxy = new WebProxy(proxy, BypassOnLocal: false);
    }

    [Fact]
    public async Task Image_download_ignores_the_proxy_and_the_guard_refuses_the_real_destination()
    {
        using var host = TestServices.Build(new Dictionary<string, string?>
        {
            ["Fetch:AllowPrivateNetworks"] = "false",
            ["Fetch:AllowedHosts:0"] = _proxy.Authority,
        });
        var downloader = host.Services.GetRequiredService<ImageDownloader>();

        var failure = await Assert.ThrowsAsync<ImageFailureException>(
            () => downloader.DownloadAsync("http://10.255.255.1/photo.jpg", CancellationToken.None));

        Assert.Equal(0, _proxy.Connections);
        Assert.Equal(ImageFailureReasons.BlockedDestination, failure.ReasonCode);
    }

    public void Dispose()
    {
        HttpClient.DefaultProxy = _savedDefaultProxy;
        foreach (var (variable, value) in _savedVariables)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
        _proxy.Dispose();
    }
}
