using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests.Downloads;

public sealed class DownloaderHttpClientTests
{
    [Fact]
    public void The_downloader_client_has_no_shared_resilience_or_service_discovery_handlers()
    {
        using var host = TestServices.Build(new Dictionary<string, string?> { ["ImageWorker:ConnectTimeout"] = "00:00:04" });
        var factory = host.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var (handlers, primary) = Chain(factory.CreateHandler(ImageDownloader.HttpClientName));

        Assert.DoesNotContain(handlers, name => name.Contains("Resilience", StringComparison.Ordinal));
        Assert.DoesNotContain(handlers, name => name.Contains("Resolving", StringComparison.Ordinal));
        var sockets = Assert.IsType<SocketsHttpHandler>(primary);
        Assert.Equal(TimeSpan.FromSeconds(4), sockets.ConnectTimeout);
        // redirects are the downloader's to follow, hop by hop, so the handler must not follow any itself
        Assert.False(sockets.AllowAutoRedirect);
        Assert.False(sockets.UseCookies);
    }

    [Fact]
    public void Other_clients_keep_the_service_defaults()
    {
        using var host = TestServices.Build();
        var factory = host.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var (handlers, _) = Chain(factory.CreateHandler("some-other-client"));

        Assert.Contains(handlers, name => name.Contains("Resilience", StringComparison.Ordinal));
    }

    private static (List<string> Handlers, HttpMessageHandler? Primary) Chain(HttpMessageHandler handler)
    {
        var names = new List<string>();
        HttpMessageHandler? current = handler;
        while (current is DelegatingHandler delegating)
        {
            names.Add(delegating.GetType().Name);
            current = delegating.InnerHandler;
        }
        return (names, current);
    }
}
