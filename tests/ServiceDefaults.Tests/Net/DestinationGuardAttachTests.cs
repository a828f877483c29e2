using ImagePipeline.Outbound;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ServiceDefaults.Tests.Net;

/// <summary>Every client the guard is attached to — image downloads and webhooks alike — goes direct (issue 10, item 4).</summary>
public sealed class DestinationGuardAttachTests
{
    [Fact]
    public void An_attached_handler_uses_no_proxy_even_one_set_on_it()
    {
        var guard = new DestinationGuard(Options.Create(new FetchOptions()));
        using var handler = new SocketsHttpHandler { UseProxy = true, Proxy = new System.Net.WebProxy("http://127.0.0.1:3128") };

        guard.Attach(handler);

        Assert.False(handler.UseProxy);
        Assert.Null(handler.Proxy);
        Assert.NotNull(handler.ConnectCallback);
    }
}
