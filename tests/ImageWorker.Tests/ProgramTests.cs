using System.Net;
using ImagePipeline.ImageWorker.Consumers;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Tests;

/// <summary>
/// The real Program boots with its settings and serves the health endpoints (no broker needed for /alive), and starts
/// its native imaging setup before its bus. Hosted with its own RabbitMQ transport, not the test harness, which
/// registers the bus afresh after Program's registrations and so would hide their order.
/// </summary>
public sealed class ProgramTests : IDisposable
{
    private readonly TempDirectory _files = new();
    private readonly WebApplicationFactory<Program> _factory;

    public ProgramTests() =>
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            // nothing listens on port 1: the bus keeps trying in the background while the test looks at the rest
            .UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/")
            .UseSetting("ConnectionStrings:files", new Uri(_files.Path).AbsoluteUri)
            .UseSetting("ImageWorker:Concurrency", "2"));

    [Fact]
    public async Task Alive_answers_and_the_worker_is_wired()
    {
        using var client = _factory.CreateClient();

        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var services = _factory.Services;
        Assert.NotNull(services.GetRequiredService<ImageCompressor>());
        using var scope = services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ImageDownloader>());
        Assert.Equal(2, services.GetRequiredService<IConsumerDefinition<ProcessImageConsumer>>().ConcurrentMessageLimit);
    }

    [Fact]
    public void The_native_imaging_setup_starts_before_the_bus_so_before_the_first_message()
    {
        var services = _factory.Services;

        // the host starts its hosted services one at a time, each after the one before has started, in this order
        var started = services.GetServices<IHostedService>().Select(service => service.GetType()).ToList();
        var order = string.Join(", ", started.Select(type => type.Name));
        Assert.False(services.GetRequiredService<IOptions<HostOptions>>().Value.ServicesStartConcurrently);
        var setup = started.IndexOf(typeof(NativeImagingStartup));
        var bus = started.IndexOf(typeof(MassTransitHostedService));
        Assert.True(setup >= 0, $"no {nameof(NativeImagingStartup)} among the hosted services: {order}");
        Assert.True(bus >= 0, $"no {nameof(MassTransitHostedService)} among the hosted services: {order}");
        Assert.True(setup < bus, $"{nameof(NativeImagingStartup)} starts after the bus: {order}");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _files.Dispose();
    }
}
