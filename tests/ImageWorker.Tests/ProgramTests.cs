using System.Net;
using ImagePipeline.ImageWorker.Consumers;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.ImageWorker.Tests.Support;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.ImageWorker.Tests;

/// <summary>The real Program boots with its settings and serves the health endpoints (no broker needed for /alive).</summary>
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

    public void Dispose()
    {
        _factory.Dispose();
        _files.Dispose();
    }
}
