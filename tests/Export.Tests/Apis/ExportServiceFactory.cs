using ImagePipeline.Export.Tests.Support;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Export.Tests.Apis;

/// <summary>
/// The whole Export service as Program.cs builds it, with a SQLite file and a file store in a temp directory, Ingest
/// on a loopback stand-in, and the bus swapped for MassTransit's in-memory harness.
/// </summary>
public sealed class ExportServiceFactory(IngestStandIn ingest, TempDirectory directory, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "http://gateway.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // settings the service reads while it builds, so they go in before Program.cs runs
        builder.UseSetting("ConnectionStrings:exportdb", $"Data Source={directory.Combine("export.db")}");
        builder.UseSetting("ConnectionStrings:files", new Uri(directory.Combine("files")).AbsoluteUri);
        // never dialled: the harness replaces the RabbitMQ transport
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:5672/");
        builder.UseSetting("Export:IngestBaseUrl", ingest.BaseUri.ToString());
        builder.UseSetting("PublicBaseUrl", PublicBaseUrl);
        builder.ConfigureTestServices(services =>
        {
            services.AddMassTransitTestHarness(bus =>
                bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(60), testInactivityTimeout: TimeSpan.FromSeconds(30)));
            configureServices?.Invoke(services);
        });
    }
}
