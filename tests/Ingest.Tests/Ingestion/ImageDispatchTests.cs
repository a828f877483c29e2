using System.Globalization;
using System.Text;
using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Reconciliation;
using ImagePipeline.Ingest.Tests.Consumers;
using ImagePipeline.TestSupport.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImagePipeline.Ingest.Tests.Ingestion;

/// <summary>
/// Releasing a request's images in a window that results refill, and the reconciler driving again what lapsed, on
/// the real consumers with the real SQLite store.
/// </summary>
public sealed class ImageDispatchTests
{
    private static readonly IngestOptions Settings = new()
    {
        DispatchWindow = 4,
        ImageLease = TimeSpan.FromMinutes(10),
        RequestLease = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public async Task A_request_is_released_one_window_at_a_time_and_each_result_refills_it()
    {
        await using var ingest = await IngestHarness.StartAsync(options: Settings);
        var submitted = await SubmitAsync(ingest, images: 10);

        var first = await ingest.PublishedAsync<ProcessImage>(4);
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(first[0]));
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(first[1]));

        var sent = await ingest.PublishedAsync<ProcessImage>(6);
        Assert.Equal(6, sent.Length);
        Assert.Equal(6, sent.Select(s => s.ImageId).Distinct().Count());
        Assert.All(sent, s => Assert.Equal(submitted.RequestId, s.RequestId));
    }

    [Fact]
    public async Task An_image_whose_message_was_lost_is_sent_again_once_its_lease_runs_out()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var ingest = await IngestHarness.StartAsync(options: Settings, time: clock);
        var submitted = await SubmitAsync(ingest, images: 6);
        var released = await ingest.PublishedAsync<ProcessImage>(4);
        var reconciler = Reconciler(ingest, clock);

        await reconciler.SweepAsync(default);
        var beforeLease = ingest.Published<ProcessImage>().Length;
        clock.Advance(Settings.ImageLease + TimeSpan.FromSeconds(1));
        await reconciler.SweepAsync(default);
        await reconciler.SweepAsync(default);

        Assert.Equal(4, beforeLease);
        var resent = (await ingest.PublishedAsync<ProcessImage>(8)).Skip(4).ToArray();
        Assert.Equal(released.Select(r => r.ImageId).Order(), resent.Select(r => r.ImageId).Order());
        Assert.Equal(4, (await ingest.Store.GetRequestAsync(submitted.RequestId, default))!.Redrives);
    }

    [Fact]
    public async Task A_finished_request_is_announced_again_until_notifier_acknowledges_it()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var ingest = await IngestHarness.StartAsync(options: Settings, time: clock);
        var submitted = await SubmitAsync(ingest, images: 1);
        var image = (await ingest.PublishedAsync<ProcessImage>(1))[0];
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(image));
        await ingest.PublishAndConsumeAsync(ImageResults.Ready(submitted.RequestId));
        await ingest.PublishedAsync<RequestCompleted>(1);
        var reconciler = Reconciler(ingest, clock);

        clock.Advance(Settings.RequestLease + TimeSpan.FromSeconds(1));
        await reconciler.SweepAsync(default);
        var announced = (await ingest.PublishedAsync<RequestCompleted>(2)).Length;
        await ingest.PublishAndConsumeAsync(new RequestCompletionRecorded(submitted.RequestId, RequestStatuses.Completed));
        clock.Advance(Settings.RequestLease * 10);
        await reconciler.SweepAsync(default);

        Assert.Equal(2, announced);
        Assert.Equal(2, ingest.Published<RequestCompleted>().Length);
    }

    [Fact]
    public async Task No_more_than_the_per_host_cap_of_one_request_is_out_from_one_host()
    {
        await using var ingest = await IngestHarness.StartAsync(options: Settings, maxConnectionsPerHost: 2);
        var submitted = await SubmitAsync(ingest, images: 10);

        var first = await ingest.PublishedAsync<ProcessImage>(2);
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(first[0]));

        // one finished, one more of the same host released: never more than two out
        Assert.Equal(3, (await ingest.PublishedAsync<ProcessImage>(3)).Length);
        Assert.Equal(2, await ingest.ScalarAsync(
            "SELECT COUNT(*) FROM images WHERE request_id = $id AND status = 'Pending' AND lease_until IS NOT NULL AND host = 'https://img.example:443'", submitted.RequestId));
    }

    private static RequestReconciler Reconciler(IngestHarness ingest, TimeProvider clock) => new(
        ingest.Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(Settings), clock,
        new ReconcilerMetrics(), NullLogger<RequestReconciler>.Instance);

    private static async Task<RequestSubmitted> SubmitAsync(IngestHarness ingest, int images)
    {
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        for (var i = 1; i <= images; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},Product {i},https://img.example/{i}.jpg\r\n");
        }
        var submitted = await ingest.UploadAsync(csv.ToString(), images, images);
        await ingest.PublishAndConsumeAsync(submitted);
        return submitted;
    }
}
