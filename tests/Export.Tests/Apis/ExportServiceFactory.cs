using ImagePipeline.Export.Extensions;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Export.Tests.Apis;

/// <summary>
/// The whole Export service as Program.cs builds it (hosted by <see cref="ServiceApp{TProgram}"/>), with a SQLite file
/// and a file store in a temp directory, Ingest on a loopback stand-in, and the bus swapped for MassTransit's in-memory
/// harness.
/// </summary>
public sealed class ExportServiceFactory(IngestStandIn ingest, TempDirectory directory, Action<IServiceCollection>? configureServices = null)
    : IAsyncDisposable, IDisposable
{
    public const string PublicBaseUrl = "http://gateway.test";

    private readonly ServiceApp<Program> _app = ServiceApp<Program>.Create(hosting =>
    {
        hosting
            .Set($"ConnectionStrings:{ExportServiceExtensions.DatabaseName}", $"Data Source={directory.Combine("export.db")}")
            .Set("ConnectionStrings:files", new Uri(directory.Combine("files")).AbsoluteUri)
            .Set("Export:IngestBaseUrl", ingest.BaseUri.ToString())
            .Set(PublicUrls.SettingName, PublicBaseUrl)
            .HarnessTimeouts(testTimeout: TimeSpan.FromSeconds(60), inactivityTimeout: TimeSpan.FromSeconds(30));
        if (configureServices is not null)
        {
            hosting.ConfigureServices(configureServices);
        }
    });

    public IServiceProvider Services => _app.Services;

    public HttpClient CreateClient() => _app.CreateClient();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public void Dispose() => _app.Dispose();
}
