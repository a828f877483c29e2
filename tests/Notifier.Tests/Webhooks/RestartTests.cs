using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Notifier.Tests.Webhooks;

/// <summary>Scheduled retries live in the Notifier's database, not in a process: a new process over it carries on.</summary>
public sealed class RestartTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("notifier-restart-").FullName;

    [Fact]
    public async Task A_retry_scheduled_by_a_stopped_notifier_is_sent_by_the_next_one_over_the_same_database()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1 ? 503 : 200);
        var message = Messages.Completed(receiver.Url);
        var firstSettings = NotifierApp.Schedule(TimeSpan.FromMilliseconds(200));
        // the first instance polls once, at start: its retry can only be sent by someone else
        firstSettings["Webhooks:PollInterval"] = "01:00:00";

        Guid deliveryId;
        await using (var first = NotifierApp.Create(firstSettings, _directory))
        {
            await first.PublishAsync(message);
            deliveryId = (await first.WaitForDeliveryAsync(message.RequestId, d => d.Attempts.Count == 1, Timeout, "the first attempt to be recorded")).Id;
        }

        var left = await new SqliteNotifierStore(new SqliteDatabase(ConnectionString)).FindAsync(deliveryId, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Pending, 503), (left!.Status, Assert.Single(left.Attempts).StatusCode));
        Assert.NotNull(left.NextAttemptAt);
        Assert.Single(receiver.Received);

        await using var second = NotifierApp.Create(NotifierApp.Schedule(TimeSpan.FromMilliseconds(200)), _directory);
        _ = second.Services; // start it: nothing is published to it, its dispatcher finds the retry on its own

        var delivered = await second.WaitForDeliveryAsync(message.RequestId, d => d.Status == DeliveryStatus.Delivered, Timeout, "the retry to be Delivered");
        Assert.Equal([(1, 503), (2, 200)], delivered.Attempts.Select(a => (a.Number, a.StatusCode ?? 0)));
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(WebhookHeaders.MessageId(deliveryId), r.Id));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder must not hide the test's own result
        }
    }

    private string ConnectionString => $"Data Source={Path.Combine(_directory, NotifierApp.DatabaseFileName)}";
}
