using System.Globalization;
using System.Text;
using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Dispatch;
using ImagePipeline.Ingest.Ingestion;
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
        MinDispatchWindow = 4,
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
    public async Task No_more_than_the_origin_limit_is_out_from_one_origin()
    {
        await using var ingest = await IngestHarness.StartAsync(options: new IngestOptions
        {
            MinDispatchWindow = 4, OriginConcurrencyInitial = 2, ImageLease = Settings.ImageLease, RequestLease = Settings.RequestLease,
        });
        var submitted = await SubmitAsync(ingest, images: 10);

        var first = await ingest.PublishedAsync<ProcessImage>(2);
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(first[0]));

        // one finished, one more of the same host released: never more than two out
        Assert.Equal(3, (await ingest.PublishedAsync<ProcessImage>(3)).Length);
        Assert.Equal(2, await ingest.ScalarAsync(
            "SELECT COUNT(*) FROM images WHERE request_id = $id AND status = 'Pending' AND lease_until IS NOT NULL AND host = 'https://img.example:443'", submitted.RequestId));
    }

    [Fact]
    public async Task The_window_follows_the_worker_slots_heard_of_and_is_shared_between_running_requests()
    {
        var settings = new IngestOptions { MinDispatchWindow = 4, DispatchPerSlot = 2, OriginConcurrencyInitial = 1000, OriginConcurrencyMax = 1000 };
        await using var ingest = await IngestHarness.StartAsync(options: settings);
        await ingest.PublishAndConsumeAsync(new WorkerCapacity("worker-a", 6, TimeSpan.FromMinutes(1)));

        var big = await SubmitAsync(ingest, images: 40);
        var bigOut = ingest.Published<ProcessImage>().Length;
        await Ticker(ingest, settings).TopUpAsync(default);
        var small = await SubmitAsync(ingest, images: 40);
        await Ticker(ingest, settings).TopUpAsync(default);
        var sent = ingest.Published<ProcessImage>();
        // a result of the big one no longer refills it: its share is half the slots' worth now
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(sent.First(s => s.RequestId == big.RequestId)));

        Assert.Equal(12, bigOut);
        Assert.Equal(12, sent.Count(s => s.RequestId == big.RequestId));
        Assert.Equal(12, sent.Count(s => s.RequestId == small.RequestId));
        Assert.Equal(24, ingest.Published<ProcessImage>().Length);
    }

    [Fact]
    public async Task Without_a_worker_heard_of_a_request_gets_the_smallest_window()
    {
        var settings = new IngestOptions { MinDispatchWindow = 3, OriginConcurrencyInitial = 1000, OriginConcurrencyMax = 1000 };
        await using var ingest = await IngestHarness.StartAsync(options: settings);

        await SubmitAsync(ingest, images: 10);

        Assert.Equal(3, ingest.Published<ProcessImage>().Length);
    }

    [Fact]
    public async Task A_throttled_result_cuts_what_its_origin_may_have_out()
    {
        var settings = new IngestOptions { MinDispatchWindow = 30, OriginConcurrencyInitial = 8 };
        await using var ingest = await IngestHarness.StartAsync(options: settings);
        var submitted = await SubmitAsync(ingest, images: 30);
        var first = await ingest.PublishedAsync<ProcessImage>(8);

        await ingest.PublishAndConsumeAsync(ImageResults.Processed(first[0]) with
        {
            Download = new DownloadReport { Origin = "https://img.example:443", Attempts = 2, Throttled = 1, LatencyMs = 20 },
        });
        var afterThrottle = ingest.Published<ProcessImage>().Length;
        // the origin is at 4 now: three more results before one is released again
        foreach (var image in first.Skip(1).Take(4))
        {
            await ingest.PublishAndConsumeAsync(ImageResults.Processed(image));
        }

        Assert.Equal(8, afterThrottle);
        Assert.Equal(9, ingest.Published<ProcessImage>().Length);
        Assert.Equal(4, await ingest.ScalarAsync(
            "SELECT COUNT(*) FROM images WHERE request_id = $id AND status = 'Pending' AND lease_until IS NOT NULL", submitted.RequestId));
    }

    private static DispatchTicker Ticker(IngestHarness ingest, IngestOptions settings) => new(
        ingest.Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(settings),
        ingest.Services.GetRequiredService<DispatchPolicy>(), TimeProvider.System, NullLogger<DispatchTicker>.Instance);

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
