using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Messaging;

namespace ImagePipeline.Ingest.Tests.Consumers;

public sealed class IngestFlowTests
{
    private const string Csv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n2,\"Chair, oak\",https://img.example/c.png\r\n";

    [Fact]
    public async Task Submitted_request_is_recorded_and_every_image_is_sent_for_processing()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await SubmitAsync(ingest);

        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.NotNull(request);
        Assert.Equal((RequestStatuses.Processing, 2, 3), (request.Status, request.ProductCount, request.ImagesTotal));
        var sent = await ingest.PublishedAsync<ProcessImage>(3);
        Assert.Equal(["https://img.example/a.jpg", "https://img.example/b.jpg", "https://img.example/c.png"], sent.Select(s => s.SourceUrl));
        Assert.Equal(ImageIds.For(submitted.RequestId, 2, 1), sent[1].ImageId);
    }

    [Fact]
    public async Task Redelivered_submission_records_nothing_twice_and_releases_nothing_already_out()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await SubmitAsync(ingest);
        var first = (await ingest.PublishedAsync<ProcessImage>(3))[0];
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(first));

        await ingest.PublishAndConsumeAsync(submitted with { });

        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.Equal((2, 3, 1), (request!.ProductCount, request.ImagesTotal, request.ImagesSucceeded));
        var products = await ingest.Store.GetProductsAsync(submitted.RequestId, default).ToListAsync();
        Assert.Equal(3, products.Sum(p => p.Images.Count));
        // the 2 still pending are out with the workers, leased: the reconciler sends them again if they were lost
        Assert.Equal(3, ingest.Published<ProcessImage>().Length);
    }

    [Fact]
    public async Task Duplicate_image_processed_is_counted_once()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await SubmitAsync(ingest);
        var image = (await ingest.PublishedAsync<ProcessImage>(3))[0];
        var processed = ImageResults.Processed(image);

        await ingest.PublishAndConsumeAsync(processed);
        await ingest.PublishAndConsumeAsync(processed with { });

        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.Equal((1, 0, RequestStatuses.Processing), (request!.ImagesSucceeded, request.ImagesFailed, request.Status));
    }

    [Fact]
    public async Task Concurrent_duplicates_of_results_are_counted_once()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await SubmitAsync(ingest);
        var images = await ingest.PublishedAsync<ProcessImage>(3);

        // every result four times, all at once: a success for two images, a failure for the third
        await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[]
        {
            ingest.Harness.Bus.Publish(ImageResults.Processed(images[0])),
            ingest.Harness.Bus.Publish(ImageResults.Processed(images[1])),
            ingest.Harness.Bus.Publish(ImageResults.Failed(images[2])),
        }));
        // all twelve consumed, whatever order they ran in
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (ingest.Harness.ConsumedNow<ImageProcessed>().Length + ingest.Harness.ConsumedNow<ImageFailed>().Length < 12)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.Equal((2, 1, RequestStatuses.Exporting), (request!.ImagesSucceeded, request.ImagesFailed, request.Status));
        Assert.All(await ingest.PublishedAsync<ExportRequested>(1), e => Assert.Equal(submitted.RequestId, e.RequestId));
    }

    [Fact]
    public async Task Last_result_asks_for_export_and_output_csv_completes_the_request_once()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await SubmitAsync(ingest);
        var images = await ingest.PublishedAsync<ProcessImage>(3);
        await ingest.PublishAndConsumeAsync(ImageResults.Processed(images[0]));
        await ingest.PublishAndConsumeAsync(ImageResults.Failed(images[1]));
        Assert.Empty(ingest.Published<ExportRequested>());

        await ingest.PublishAndConsumeAsync(ImageResults.Processed(images[2]));
        Assert.Single(await ingest.PublishedAsync<ExportRequested>(1));

        var ready = ImageResults.Ready(submitted.RequestId);
        await ingest.PublishAndConsumeAsync(ready);
        var completedAt = (await ingest.Store.GetRequestAsync(submitted.RequestId, default))!.CompletedAt;
        await ingest.PublishAndConsumeAsync(ready with { });

        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.Equal(RequestStatuses.CompletedWithErrors, request!.Status);
        Assert.Equal(ready.OutputCsvUrl, request.OutputCsvUrl);
        Assert.Equal(completedAt, request.CompletedAt);
        var completed = await ingest.PublishedAsync<RequestCompleted>(2);
        Assert.All(completed, c => Assert.Equal((RequestStatuses.CompletedWithErrors, 3, 2, 1, "https://hooks.example/done"), (c.Status, c.ImagesTotal, c.ImagesSucceeded, c.ImagesFailed, c.WebhookUrl)));
        // the repeated OutputCsvReady repeats the announcement; Notifier's event ID makes it one webhook
        Assert.Equal(2, completed.Length);
    }

    [Fact]
    public async Task Submission_whose_file_is_missing_fails_the_request_visibly()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var requestId = Guid.NewGuid();

        await ingest.PublishAndConsumeAsync(new RequestSubmitted { RequestId = requestId, CsvFileKey = FileKey.ForUpload(requestId), ProductCount = 1, ImageCount = 1, SubmittedAt = DateTimeOffset.UtcNow });

        Assert.Equal(RequestStatuses.Failed, (await ingest.Store.GetRequestAsync(requestId, default))!.Status);
        Assert.Equal(RequestStatuses.Failed, Assert.Single(await ingest.PublishedAsync<RequestCompleted>(1)).Status);
    }

    private static async Task<RequestSubmitted> SubmitAsync(IngestHarness ingest)
    {
        var submitted = await ingest.UploadAsync(Csv, products: 2, images: 3);
        await ingest.PublishAndConsumeAsync(submitted);
        return submitted;
    }
}
