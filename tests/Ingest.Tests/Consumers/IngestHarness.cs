using System.Globalization;
using System.Text;
using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Dispatch;
using ImagePipeline.Ingest.Extensions;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Ingest.Reconciliation;
using ImagePipeline.Ingest.Retention;
using ImagePipeline.Storage;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Hosting;
using ImagePipeline.TestSupport.Messaging;
using ImagePipeline.TestSupport.Waiting;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>
/// The real Ingest (its Program, hosted by <see cref="ServiceApp{TProgram}"/>: every production registration, the bus
/// swapped for MassTransit's in-memory harness) over a SQLite file and a directory file store of its own. Its three
/// timer-driven sweeps (dispatch top-up, reconciler, retention) are left out: tests run their passes themselves, and
/// nothing publishes behind a test's back. A test may put a wrapper around the store (such as
/// <see cref="GatedIngestStore"/>, to make two copies of a message race).
/// </summary>
public sealed class IngestHarness : IAsyncDisposable
{
    // bounds every wait here: a hung consumer ends the test, a slow machine does not
    private static readonly TimeSpan ConsumeTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly SqliteDatabase _database;
    private readonly ServiceApp<Program> _app;

    private IngestHarness(string directory, ServiceApp<Program> app)
    {
        _directory = directory;
        _app = app;
        // the service's own file, for the raw counts a test reads
        _database = new SqliteDatabase(ConnectionString(directory));
    }

    public ITestHarness Harness => _app.Harness;

    /// <summary>The services the consumers resolve from, for building what a test drives itself (the reconciler).</summary>
    public IServiceProvider Services => _app.Services;

    public IFileStore Files => Services.GetRequiredService<IFileStore>();

    /// <summary>The store the consumers use: the SQLite store, or the wrapper the test put around it.</summary>
    public IIngestStore Store => Services.GetRequiredService<IIngestStore>();

    /// <param name="wrapStore">Given the SQLite store, returns the store the consumers get.</param>
    /// <param name="options">Ingest's settings (the defaults when null), bound and validated as the service's configuration.</param>
    /// <param name="time">The service's clock (the system's when null).</param>
    public static async Task<IngestHarness> StartAsync(
        Func<IIngestStore, IIngestStore>? wrapStore = null, IngestOptions? options = null, TimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"imagepipeline-ingest-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var app = await ServiceApp<Program>.StartAsync(hosting =>
        {
            hosting
                .Set($"ConnectionStrings:{IngestServiceExtensions.DatabaseConnectionName}", ConnectionString(directory))
                .Set("ConnectionStrings:files", new Uri(Path.Combine(directory, "files")).AbsoluteUri)
                .Set(PublicUrls.SettingName, "http://gateway.test")
                .WithoutHostedService<DispatchTicker>()
                .WithoutHostedService<RequestReconciler>()
                .WithoutHostedService<RetentionSweeper>();
            if (options is not null)
            {
                hosting.SetOptions(IngestOptions.SectionName, options);
            }
            if (time is not null)
            {
                hosting.UseTime(time);
            }
            if (wrapStore is not null)
            {
                hosting.Decorate(wrapStore);
            }
        });
        return new IngestHarness(directory, app);
    }

    /// <summary>Stores <paramref name="csv"/> as an upload and returns the submission for it, not yet published.</summary>
    public async Task<RequestSubmitted> UploadAsync(string csv, int products, int images, string? clientId = null)
    {
        var requestId = Guid.NewGuid();
        var key = FileKey.ForUpload(requestId);
        await Files.SaveAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(csv)), default);
        return new RequestSubmitted
        {
            RequestId = requestId,
            CsvFileKey = key,
            WebhookUrl = "https://hooks.example/done",
            ProductCount = products,
            ImageCount = images,
            SubmittedAt = DateTimeOffset.UtcNow,
            ClientId = clientId,
        };
    }

    /// <summary>Publishes once and waits (bounded) until the consumer has taken it without an exception.</summary>
    public async Task PublishAndConsumeAsync<T>(T message) where T : class
    {
        var before = ConsumedCount(message);
        await Harness.Bus.Publish(message);
        await Eventually.TrueAsync(() => ConsumedCount(message) > before, $"a {typeof(T).Name} consumed");
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
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pool may still hold the file a moment; the temp directory is not worth failing a test over
        }
    }

    private static string ConnectionString(string directory) => $"Data Source={Path.Combine(directory, "ingest.sqlite")}";

    private int ConsumedCount<T>(T message) where T : class =>
        Harness.ConsumedNow<T>().Count(c => c.Context.Message.Equals(message));
}
