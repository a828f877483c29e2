using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.TestSupport.Concurrency;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>
/// ImageProcessed and ImageFailed delivered twice, in a row and at once, where it matters most: the last result of a
/// request, which moves it to Exporting. (Duplicates of earlier results are in <see cref="IngestFlowTests"/>.)
/// </summary>
public sealed class ImageResultDuplicateTests
{
    private const string Csv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n2,SKU2,https://img.example/c.png\r\n";
    private static readonly TimeSpan RaceTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_failure_delivered_again_is_counted_once_and_keeps_its_first_record()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var (submitted, images) = await SubmitAsync(ingest);
        var failed = ImageResults.Failed(images[0]);
        await ingest.PublishAndConsumeAsync(failed);
        var first = await ImageAsync(ingest, images[0]);

        await ingest.PublishAndConsumeAsync(failed with { });

        Assert.Equal(first, await ImageAsync(ingest, images[0]));
        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.Equal((0, 1, RequestStatuses.Processing), (request!.ImagesSucceeded, request.ImagesFailed, request.Status));
        Assert.Empty(ingest.Published<ExportRequested>());
    }

    [Fact]
    public async Task The_last_failure_delivered_again_leaves_the_exporting_request_as_it_was()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var (submitted, images) = await SubmitAsync(ingest);
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(images[0]));
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(images[1]));
        var last = ImageResults.Failed(images[2]);
        await ingest.PublishAndConsumeAsync(last);
        var exporting = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.Equal((2, 1, RequestStatuses.Exporting), (exporting!.ImagesSucceeded, exporting.ImagesFailed, exporting.Status));

        await ingest.PublishAndConsumeAsync(last with { });

        // not even its updated time moved: the duplicate wrote nothing
        Assert.Equal(exporting, await ingest.Store.GetRequestAsync(submitted.RequestId, default));
        // asking Export again is deliberate (a first ask lost in a crash is repeated); Export treats repeats as one
        Assert.Equal([submitted.RequestId, submitted.RequestId], (await ingest.PublishedAsync<ExportRequested>(2)).Select(e => e.RequestId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_copies_of_the_last_result_at_once_move_the_request_to_exporting_once(bool succeeded)
    {
        await using var ingest = await IngestHarness.StartAsync(store => new GatedIngestStore(store));
        var gate = (GatedIngestStore)ingest.Store;
        var (submitted, images) = await SubmitAsync(ingest);
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(images[0]));
        await ingest.PublishAndConsumeAsync(ImageResults.Failed(images[1]));
        var race = new Rendezvous(2, RaceTimeout);
        gate.BeforeRecordImageResult = race;

        await (succeeded
            ? ingest.PublishTwiceAtOnceAsync(ImageResults.Processed(images[2]))
            : ingest.PublishTwiceAtOnceAsync(ImageResults.Failed(images[2])));

        Assert.True(race.Met, "the two copies were never inside the consumer at the same time");
        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        var expected = succeeded ? (2, 1) : (1, 2);
        Assert.Equal((expected, RequestStatuses.Exporting), ((request!.ImagesSucceeded, request.ImagesFailed), request.Status));
        // each copy carries its own time; the request was last touched by the one write that recorded the image
        var image = await ImageAsync(ingest, images[2]);
        Assert.Equal(succeeded ? ImageStatuses.Succeeded : ImageStatuses.Failed, image.Status);
        Assert.Equal(image.CompletedAt, request.UpdatedAt);
        var asked = await ingest.PublishedAsync<ExportRequested>(1);
        Assert.All(asked, e => Assert.Equal(submitted.RequestId, e.RequestId));
        Assert.InRange(asked.Length, 1, 2);
    }

    [Fact]
    public async Task A_success_and_a_failure_of_one_image_at_once_count_only_the_first_recorded()
    {
        // a redelivered ProcessImage can succeed on one worker and fail on another (its source went away meanwhile)
        await using var ingest = await IngestHarness.StartAsync(store => new GatedIngestStore(store));
        var gate = (GatedIngestStore)ingest.Store;
        var (submitted, images) = await SubmitAsync(ingest);
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(images[0]));
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(images[1]));
        var race = new Rendezvous(2, RaceTimeout);
        gate.BeforeRecordImageResult = race;

        await Task.WhenAll(
            ingest.PublishAndConsumeAsync(ImageResults.Processed(images[2])),
            ingest.PublishAndConsumeAsync(ImageResults.Failed(images[2])));

        Assert.True(race.Met, "the two results were never inside the consumers at the same time");
        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        var image = await ImageAsync(ingest, images[2]);
        // either result may win, but all of the image's record and the counters come from that one
        (string, bool, string?, int, int)[] possible =
        [
            (ImageStatuses.Succeeded, true, null, 3, 0),
            (ImageStatuses.Failed, false, "http_404", 2, 1),
        ];
        Assert.Contains((image.Status, image.Outcome.OutputKey is not null, image.Outcome.ReasonCode, request!.ImagesSucceeded, request.ImagesFailed), possible);
        Assert.Equal(RequestStatuses.Exporting, request.Status);
        Assert.Equal(image.CompletedAt, request.UpdatedAt);
    }

    private static async Task<(RequestSubmitted Submitted, ProcessImage[] Images)> SubmitAsync(IngestHarness ingest)
    {
        var submitted = await ingest.UploadAsync(Csv, products: 2, images: 3);
        await ingest.PublishAndConsumeAsync(submitted);
        return (submitted, await ingest.PublishedAsync<ProcessImage>(3));
    }

    private static async Task<ImageRecord> ImageAsync(IngestHarness ingest, ProcessImage image)
    {
        var products = await ingest.Store.GetProductsAsync(image.RequestId, default).ToListAsync();
        return Assert.Single(products.SelectMany(p => p.Images), i => i.ImageId == image.ImageId);
    }
}
