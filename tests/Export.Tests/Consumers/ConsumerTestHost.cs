using System.Globalization;
using ImagePipeline.Export.Extensions;
using ImagePipeline.Export.Persistence;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Hosting;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Export.Tests.Consumers;

/// <summary>
/// The real Export (its Program, hosted by <see cref="ServiceApp{TProgram}"/>: every production registration, the bus
/// swapped for MassTransit's in-memory harness) with its real parts: a SQLite file, a directory file store and an
/// Ingest stand-in on loopback, on a clock fixed at <see cref="Now"/>.
/// </summary>
public sealed class ConsumerTestHost : IAsyncDisposable
{
    public const string PublicBaseUrl = "http://gateway.test";
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory;
    private readonly ServiceApp<Program> _app;

    private ConsumerTestHost(TempDirectory directory, IngestStandIn ingest, ServiceApp<Program> app)
    {
        _directory = directory;
        Ingest = ingest;
        _app = app;
    }

    public IngestStandIn Ingest { get; }

    public ITestHarness Harness => _app.Harness;

    public IExportStore Store => _app.Services.GetRequiredService<IExportStore>();

    public IFileStore Files => _app.Services.GetRequiredService<IFileStore>();

    /// <param name="rowsReadTimeout">Export:RowsReadTimeout; 30 s if not given.</param>
    /// <param name="wrapStore">Given the SQLite store, returns the store the consumer gets.</param>
    public static async Task<ConsumerTestHost> StartAsync(TimeSpan? rowsReadTimeout = null, Func<IExportStore, IExportStore>? wrapStore = null)
    {
        var directory = new TempDirectory();
        var ingest = await IngestStandIn.StartAsync();
        var app = await ServiceApp<Program>.StartAsync(hosting =>
        {
            hosting
                .Set($"ConnectionStrings:{ExportServiceExtensions.DatabaseName}", $"Data Source={directory.Combine("export.db")}")
                .Set("ConnectionStrings:files", new Uri(directory.Combine("files")).AbsoluteUri)
                .Set(PublicUrls.SettingName, PublicBaseUrl)
                .Set("Export:IngestBaseUrl", ingest.BaseUri.ToString())
                .Set("Export:RowsReadTimeout", (rowsReadTimeout ?? TimeSpan.FromSeconds(30)).ToString("c", CultureInfo.InvariantCulture))
                .UseTime(new FixedTimeProvider(Now))
                // waits are bounded by the tests (HarnessLists.WaitForPublishedAsync); a slow export must not count as an idle bus
                .HarnessTimeouts(testTimeout: TimeSpan.FromSeconds(60), inactivityTimeout: TimeSpan.FromSeconds(30));
            if (wrapStore is not null)
            {
                hosting.Decorate(wrapStore);
            }
        });
        return new ConsumerTestHost(directory, ingest, app);
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
            await _app.DisposeAsync();
            await Ingest.DisposeAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            _directory.Dispose();
        }
    }
}
