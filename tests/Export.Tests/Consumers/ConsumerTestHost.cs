using ImagePipeline.Export.Clients;
using ImagePipeline.Export.Consumers;
using ImagePipeline.Export.Persistence;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.ServiceDefaults.Files;
using ImagePipeline.ServiceDefaults.Storage;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Export.Tests.Consumers;

/// <summary>
/// The export consumer on MassTransit's in-memory harness with its real parts: a SQLite file, a directory file store
/// and an Ingest stand-in on loopback.
/// </summary>
public sealed class ConsumerTestHost : IAsyncDisposable
{
    public const string PublicBaseUrl = "http://gateway.test";
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory;
    private readonly ServiceProvider _provider;

    private ConsumerTestHost(TempDirectory directory, IngestStandIn ingest, ServiceProvider provider)
    {
        _directory = directory;
        Ingest = ingest;
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public IngestStandIn Ingest { get; }

    public ITestHarness Harness { get; }

    public IExportStore Store => _provider.GetRequiredService<IExportStore>();

    public IFileStore Files => _provider.GetRequiredService<IFileStore>();

    /// <param name="rowsReadTimeout">Export:RowsReadTimeout; 30 s if not given.</param>
    /// <param name="wrapStore">Given the SQLite store, returns the store the consumer gets.</param>
    public static async Task<ConsumerTestHost> StartAsync(TimeSpan? rowsReadTimeout = null, Func<IExportStore, IExportStore>? wrapStore = null)
    {
        var directory = new TempDirectory();
        var ingest = await IngestStandIn.StartAsync();

        var services = new ServiceCollection();
        services.AddLogging();
        var store = Persistence.SqliteExportTestStores.Create(directory.Combine("export.db"));
        services.AddSingleton<IExportStore>(wrapStore is null ? store : wrapStore(store));
        services.AddSingleton<IFileStore>(new DirectoryFileStore(directory.Combine("files")));
        services.AddSingleton(new PublicUrls(PublicBaseUrl));
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        services.AddOptions<ExportOptions>().Configure(options => options.RowsReadTimeout = rowsReadTimeout ?? TimeSpan.FromSeconds(30));
        services.AddHttpClient<IngestClient>(http => http.BaseAddress = ingest.BaseUri);
        services.AddMassTransitTestHarness(bus =>
        {
            // waits are bounded by the tests (HarnessWaits); a slow export must not count as an idle bus
            bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(60), testInactivityTimeout: TimeSpan.FromSeconds(30));
            bus.AddConsumer<ExportRequestedConsumer, ExportRequestedConsumerDefinition>();
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        var host = new ConsumerTestHost(directory, ingest, provider);
        await host.Harness.Start();
        return host;
    }

    public async Task<string?> ReadFileAsync(string key)
    {
        await using var file = await Files.OpenReadAsync(key, CancellationToken.None);
        if (file is null)
        {
            return null;
        }
        using var reader = new StreamReader(file.Content);
        return await reader.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Harness.Stop();
            await _provider.DisposeAsync();
            await Ingest.DisposeAsync();
        }
        finally
        {
            _directory.Dispose();
        }
    }
}
