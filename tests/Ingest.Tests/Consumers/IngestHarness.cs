using ImagePipeline.Ingest.Extensions;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.ServiceDefaults.Csv;
using ImagePipeline.ServiceDefaults.Files;
using ImagePipeline.ServiceDefaults.Storage;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>Ingest's consumers on MassTransit's in-memory harness, with a real SQLite file and a real file store.</summary>
public sealed class IngestHarness : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"imagepipeline-ingest-tests-{Guid.NewGuid():N}");
    private readonly ServiceProvider _provider;

    private IngestHarness()
    {
        Files = new DirectoryFileStore(Path.Combine(_directory, "files"));
        Store = new SqliteIngestStore(new SqliteDatabase($"Data Source={Path.Combine(_directory, "ingest.sqlite")}"));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IFileStore>(Files)
            .AddSingleton<IIngestStore>(Store)
            .AddSingleton(new CsvLimits())
            .AddSingleton<ProductCsvReader>()
            .AddSingleton<UploadedProducts>()
            .AddScoped<ImageResultRecorder>()
            .AddSingleton<ImageFanOut>()
            .AddSingleton(Options.Create(new IngestOptions()))
            .AddSingleton(new PublicUrls("http://gateway.test"));
        services.AddMassTransitTestHarness(IngestServiceExtensions.AddConsumers);
        _provider = services.BuildServiceProvider(validateScopes: true);
        Harness = _provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }
    public IFileStore Files { get; }
    public IIngestStore Store { get; }

    public static async Task<IngestHarness> StartAsync()
    {
        var harness = new IngestHarness();
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Publishes and waits (at most ten seconds) until a consumer has taken that message.</summary>
    public async Task PublishAndConsumeAsync<T>(T message) where T : class
    {
        var before = Harness.Consumed.Select<T>(c => c.Context.Message.Equals(message)).Count();
        await Harness.Bus.Publish(message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Harness.Consumed.Select<T>(c => c.Context.Message.Equals(message)).Count() == before)
        {
            await Task.Delay(10, timeout.Token);
        }
        Assert.Null(Harness.Consumed.Select<T>(c => c.Context.Message.Equals(message)).Last().Exception);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pool may still hold the file a moment; the temp directory is not worth failing a test over
        }
    }
}
