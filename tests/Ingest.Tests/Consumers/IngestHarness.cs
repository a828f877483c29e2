using System.Globalization;
using System.Text;
using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Dispatch;
using ImagePipeline.Ingest.Extensions;
using ImagePipeline.Ingest.Events;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Lifecycle;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.ServiceDefaults.Csv;
using ImagePipeline.ServiceDefaults.Files;
using ImagePipeline.ServiceDefaults.Storage;
using ImagePipeline.TestSupport.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>
/// Ingest's consumers on MassTransit's in-memory harness, with a real SQLite file and a real file store. A test may
/// put a wrapper around the store (such as <see cref="GatedIngestStore"/>, to make two copies of a message race).
/// </summary>
public sealed class IngestHarness : IAsyncDisposable
{
    // bounds every wait here: a hung consumer ends the test, a slow machine does not
    private static readonly TimeSpan ConsumeTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"imagepipeline-ingest-tests-{Guid.NewGuid():N}");
    private readonly SqliteDatabase _database;
    private readonly ServiceProvider _provider;

    private IngestHarness(Func<IIngestStore, IIngestStore>? wrapStore, IngestOptions? options, TimeProvider? time)
    {
        _database = new SqliteDatabase($"Data Source={Path.Combine(_directory, "ingest.sqlite")}");
        Files = new DirectoryFileStore(Path.Combine(_directory, "files"));
        var store = Persistence.SqliteIngestTestStores.Create(_database);
        Store = wrapStore is null ? store : wrapStore(store);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(time ?? TimeProvider.System)
            .AddSingleton(Files)
            .AddSingleton(Store)
            .AddSingleton(new CsvLimits())
            .AddSingleton<ProductCsvReader>()
            .AddSingleton<UploadedProducts>()
            .AddSingleton<RequestLifecycle>()
            .AddScoped<ImageResultRecorder>()
            .AddSingleton(Options.Create(new ProgressOptions()))
            .AddSingleton<RequestEventAnnouncer>()
            .AddSingleton<WorkerRoster>()
            .AddSingleton<OriginPacer>()
            .AddSingleton<DispatchPolicy>()
            .AddSingleton<ImageDispatcher>()
            .AddSingleton(Options.Create(options ?? new IngestOptions()))
            .AddSingleton(new PublicUrls("http://gateway.test"));
        services.AddMassTransitTestHarness(IngestServiceExtensions.AddConsumers);
        _provider = services.BuildServiceProvider(validateScopes: true);
        Harness = _provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    /// <summary>The services the consumers resolve from, for building what a test drives itself (the reconciler).</summary>
    public IServiceProvider Services => _provider;

    public IFileStore Files { get; }

    /// <summary>The store the consumers use: the SQLite store, or the wrapper the test put around it.</summary>
    public IIngestStore Store { get; }

    /// <param name="wrapStore">Given the SQLite store, returns the store the consumers get.</param>
    /// <param name="options">Ingest's settings (the defaults when null).</param>
    /// <param name="time">The consumers' clock (the system's when null).</param>
    public static async Task<IngestHarness> StartAsync(
        Func<IIngestStore, IIngestStore>? wrapStore = null, IngestOptions? options = null, TimeProvider? time = null)
    {
        var harness = new IngestHarness(wrapStore, options, time);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Stores <paramref name="csv"/> as an upload and returns the submission for it, not yet published.</summary>
    public async Task<RequestSubmitted> UploadAsync(string csv, int products, int images, string? clientId = null)
    {
        var requestId = Guid.NewGuid();
        var key = FileKey.ForUpload(requestId);
        await Files.SaveAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(csv)), default);
        return new RequestSubmitted(requestId, key, "https://hooks.example/done", products, images, DateTimeOffset.UtcNow, clientId);
    }

    /// <summary>Publishes once and waits (bounded) until the consumer has taken it without an exception.</summary>
    public async Task PublishAndConsumeAsync<T>(T message) where T : class
    {
        var before = ConsumedCount(message);
        await Harness.Bus.Publish(message);
        await HarnessLists.UntilAsync(() => ConsumedCount(message) > before, $"a {typeof(T).Name} consumed");
        Assert.All(Harness.ConsumedNow<T>().Where(c => c.Context.Message.Equals(message)), c => Assert.Null(c.Exception));
    }

    /// <summary>
    /// The same message, with the same message ID, published twice at once, as a broker redelivering it to a second
    /// consumer while the first still works on it would; waits (bounded) until both copies were consumed cleanly.
    /// </summary>
    public Task PublishTwiceAtOnceAsync<T>(T message) where T : class =>
        ConsumedCopies<T>.PublishAsync(Harness, message, NewId.NextGuid(), copies: 2, ConsumeTimeout);

    /// <summary>Runs a <c>SELECT COUNT(*)</c> (or any scalar) with <c>$id</c> bound to the request ID, on the service's own file.</summary>
    public async Task<long> ScalarAsync(string sql, Guid requestId)
    {
        await using var connection = await _database.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", requestId.ToString("D"));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The <typeparamref name="T"/> messages published so far.</summary>
    public T[] Published<T>() where T : class => Harness.PublishedNow<T>();

    /// <summary>Waits (bounded) until at least <paramref name="count"/> <typeparamref name="T"/> were published; returns all published by then.</summary>
    public Task<T[]> PublishedAsync<T>(int count) where T : class => Harness.PublishedAsync<T>(count);

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

    private int ConsumedCount<T>(T message) where T : class =>
        Harness.ConsumedNow<T>().Count(c => c.Context.Message.Equals(message));
}
