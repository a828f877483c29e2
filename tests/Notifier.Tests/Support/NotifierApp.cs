using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.TestSupport.Hosting;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>
/// The real Notifier (its Program, hosted by <see cref="ServiceApp{TProgram}"/>: service defaults included, the bus
/// swapped for MassTransit's in-memory test harness) with a SQLite file in a temporary folder, and the retry schedule
/// scaled down (5 min become 0.3 s) and polled often, so retries happen within a test.
/// </summary>
internal sealed class NotifierApp : IAsyncDisposable
{
    public const string DatabaseFileName = "notifier.db";

    /// <summary>The schedule's scale in these tests unless a test sets its own: the Standard Webhooks waits in milliseconds.</summary>
    public const double RetryScheduleScale = 0.001;

    private readonly ServiceApp<Program> _app;
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    private NotifierApp(ServiceApp<Program> app, string directory, bool ownsDirectory)
    {
        _app = app;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
    }

    public IServiceProvider Services => _app.Services;

    public ITestHarness Harness => _app.Harness;

    public INotifierStore Store => Services.GetRequiredService<INotifierStore>();

    public HttpClient CreateClient() => _app.CreateClient();

    /// <summary>
    /// A Notifier with its own temporary folder, or, given <paramref name="dataDirectory"/>, one over that folder's
    /// database, which outlives this instance (the caller deletes it), as a restarted process would find it.
    /// </summary>
    public static NotifierApp Create(IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var directory = dataDirectory ?? Directory.CreateTempSubdirectory("notifier-tests-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:notifierdb"] = $"Data Source={System.IO.Path.Combine(directory, DatabaseFileName)}",
            ["Webhooks:SigningSecret"] = TestSecrets.SigningSecret,
            ["Webhooks:PollInterval"] = "00:00:00.100",
            ["Webhooks:RetryScheduleScale"] = RetryScheduleScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:ClaimLease"] = "00:00:30",
            // the receivers are on loopback, which production refuses; see the blocked-destination test
            ["Fetch:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = ServiceApp<Program>.Create(hosting => hosting.Set(all));
        return new NotifierApp(app, directory, ownsDirectory: dataDirectory is null);
    }

    /// <summary>Settings for a schedule of exactly these waits: unscaled and without jitter, so a test knows each wait.</summary>
    public static Dictionary<string, string?> Schedule(params TimeSpan[] waits)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:RetryScheduleScale"] = "1",
            ["Webhooks:RetryJitter"] = "0",
        };
        for (var i = 0; i < waits.Length; i++)
        {
            settings[$"Webhooks:RetrySchedule:{i}"] = waits[i].ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }
        return settings;
    }

    public async Task PublishAsync(RequestCompleted message)
    {
        await Harness.Bus.Publish(message);
    }

    /// <summary>Publishes any event Notifier consumes (the opt-in progress and image events).</summary>
    public async Task PublishEventAsync<T>(T message) where T : class
    {
        await Harness.Bus.Publish(message);
    }

    /// <summary>Waits until <paramref name="count"/> RequestCompleted messages were consumed (the consumer returned).</summary>
    public async Task<IReadOnlyList<IReceivedMessage<RequestCompleted>>> WaitForConsumedAsync(int count, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var consumed = new List<IReceivedMessage<RequestCompleted>>();
        await foreach (var message in Harness.Consumed.SelectAsync<RequestCompleted>(cancellation.Token))
        {
            consumed.Add(message);
            if (consumed.Count == count)
            {
                break;
            }
        }
        Assert.True(consumed.Count == count, $"Expected {count} consumed RequestCompleted, saw {consumed.Count}.");
        return consumed;
    }

    public async Task<DeliveryRecord> WaitForDeliveryAsync(Guid requestId, Func<DeliveryRecord, bool> condition, TimeSpan timeout, string what)
    {
        DeliveryRecord? match = null;
        await Eventually.TrueAsync(async () =>
        {
            var deliveries = await Store.ListByRequestAsync(requestId, CancellationToken.None);
            match = deliveries.FirstOrDefault(condition);
            return match is not null;
        }, timeout, what);
        return match!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_ownsDirectory)
        {
            return;
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder must not hide the test's own result
        }
    }
}
