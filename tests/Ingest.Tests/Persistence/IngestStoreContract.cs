using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Lifecycle;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>
/// What every <see cref="IIngestStore"/> promises, written once and run against each backend. Times carry whole
/// milliseconds: the precision every backend keeps.
/// </summary>
public abstract partial class IngestStoreContract
{
    /// <summary>The lease every write that starts one is given: far off, so no test's sweep finds it by accident.</summary>
    protected static readonly DateTimeOffset LeaseUntil = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset SubmittedAt = new(2025, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset RecordedAt = new(2025, 3, 4, 3, 6, 8, 12, TimeSpan.Zero);
    private static readonly DateTimeOffset ResultAt = RecordedAt.AddSeconds(30);

    /// <summary>A new, empty store; a backend that cannot run here skips the calling test.</summary>
    protected abstract Task<IIngestStore> CreateStoreAsync();

    [SkippableFact]
    public async Task Created_request_reads_back_with_products_and_images_in_order()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();

        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), Products(requestId, rows: 3, imagesPerRow: 2), NoFailure, default));

        var request = await store.GetRequestAsync(requestId, default);
        Assert.NotNull(request);
        Assert.Equal(
            (requestId, RequestStatuses.Processing, $"uploads/{requestId:N}.csv", "https://client.example/hook", 3, 6, 0, 0),
            (request.RequestId, request.Status, request.CsvFileKey, request.WebhookUrl, request.ProductCount, request.ImagesTotal, request.ImagesSucceeded, request.ImagesFailed));
        Assert.Equal((SubmittedAt, RecordedAt, RecordedAt), (request.SubmittedAt, request.RecordedAt, request.UpdatedAt));
        Assert.Equal(TimeSpan.Zero, request.SubmittedAt.Offset);
        Assert.Equal((null, null, null, null), (request.CompletedAt, request.OutputCsvKey, request.OutputCsvUrl, request.FailureReason));

        var products = await store.GetProductsAsync(requestId, default).ToListAsync();
        Assert.Equal([2, 3, 4], products.Select(p => p.RowNumber));
        Assert.Equal([101L, 102L, 103L], products.Select(p => p.SerialNumber));
        Assert.Equal(["Product 2", "Product 3", "Product 4"], products.Select(p => p.Name));
        var image = products[1].Images[1];
        Assert.Equal(
            new ImageRecord
            {
                ImageId = ImageIds.For(requestId, 3, 1),
                RequestId = requestId,
                RowNumber = 3,
                Position = 1,
                SourceUrl = "https://img.example/3/1.jpg",
                Status = ImageStatuses.Pending,
                Outcome = ImageOutcome.None,
            },
            image);
        Assert.Equal([0, 1], products[2].Images.Select(i => i.Position));
    }

    [SkippableFact]
    public async Task Creating_a_request_again_records_nothing_more()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), Products(requestId, rows: 2, imagesPerRow: 2), NoFailure, default));

        Assert.False(await store.CreateRequestAsync(NewRequest(requestId), Products(requestId, rows: 2, imagesPerRow: 2), NoFailure, default));

        var request = await store.GetRequestAsync(requestId, default);
        Assert.Equal((2, 4), (request!.ProductCount, request.ImagesTotal));
        var products = await store.GetProductsAsync(requestId, default).ToListAsync();
        Assert.Equal([2, 3], products.Select(p => p.RowNumber));
        Assert.Equal(4, products.Sum(p => p.Images.Count));
        Assert.Equal(4, await store.GetPendingImagesAsync(requestId, default).CountAsync());
    }

    [SkippableFact]
    public async Task Concurrent_creations_of_one_request_record_it_once()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();

        var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => store.CreateRequestAsync(NewRequest(requestId), Products(requestId, rows: 50, imagesPerRow: 3), NoFailure, default))));

        Assert.Single(created, c => c);
        var request = await store.GetRequestAsync(requestId, default);
        Assert.Equal((50, 150), (request!.ProductCount, request.ImagesTotal));
        Assert.Equal(150, await store.GetPendingImagesAsync(requestId, default).CountAsync());
    }

    [SkippableFact]
    public async Task A_result_is_recorded_with_its_fields_and_counted_once()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 2, imagesPerRow: 1);
        var imageId = ImageIds.For(requestId, 2, 0);

        var first = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, imageId), LeaseUntil, default);
        var again = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, imageId) with { Outcome = Succeeded(requestId, imageId).Outcome with { WorkerId = "worker-b" } }, LeaseUntil, default);

        Assert.True(first.Counted);
        Assert.Equal((RequestStatuses.Processing, 1, 0, ResultAt), (first.Request!.Status, first.Request.ImagesSucceeded, first.Request.ImagesFailed, first.Request.UpdatedAt));
        Assert.False(again.Counted);
        Assert.Equal((1, 0), (again.Request!.ImagesSucceeded, again.Request.ImagesFailed));
        var image = (await store.GetProductsAsync(requestId, default).FirstAsync()).Images.Single();
        Assert.Equal(
            new ImageRecord
            {
                ImageId = imageId,
                RequestId = requestId,
                RowNumber = 2,
                Position = 0,
                SourceUrl = "https://img.example/2/0.jpg",
                Status = ImageStatuses.Succeeded,
                Outcome = Succeeded(requestId, imageId).Outcome,
                CompletedAt = ResultAt,
            },
            image);
    }

    [SkippableFact]
    public async Task A_failure_is_recorded_with_its_reason()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 2, imagesPerRow: 1);
        var imageId = ImageIds.For(requestId, 3, 0);

        var outcome = await Lifecycle(store).RecordResultAsync(Failed(requestId, imageId), LeaseUntil, default);

        Assert.True(outcome.Counted);
        Assert.Equal((0, 1), (outcome.Request!.ImagesSucceeded, outcome.Request.ImagesFailed));
        var image = (await store.GetProductsAsync(requestId, default).LastAsync()).Images.Single();
        Assert.Equal(
            new ImageRecord
            {
                ImageId = imageId,
                RequestId = requestId,
                RowNumber = 3,
                Position = 0,
                SourceUrl = "https://img.example/3/0.jpg",
                Status = ImageStatuses.Failed,
                Outcome = new ImageOutcome { ReasonCode = "http_404", Reason = "Not Found", WorkerId = "worker-a" },
                CompletedAt = ResultAt,
            },
            image);
    }

    [SkippableFact]
    public async Task Twenty_concurrent_duplicates_of_a_result_count_once()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 2, imagesPerRow: 1);
        var result = Succeeded(requestId, ImageIds.For(requestId, 2, 0));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Lifecycle(store).RecordResultAsync(result, LeaseUntil, default))));

        Assert.Single(outcomes, o => o.Counted);
        var request = await store.GetRequestAsync(requestId, default);
        Assert.Equal((RequestStatuses.Processing, 1, 0), (request!.Status, request.ImagesSucceeded, request.ImagesFailed));
    }

    [SkippableFact]
    public async Task Concurrent_results_for_every_image_count_each_once_and_end_in_exporting()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 10, imagesPerRow: 3);
        var images = await store.GetPendingImagesAsync(requestId, default).ToListAsync();
        // every fifth image fails; every result arrives twice, all at once
        var results = images.Select((image, index) => index % 5 == 0 ? Failed(requestId, image.ImageId) : Succeeded(requestId, image.ImageId)).ToList();

        var outcomes = await Task.WhenAll(results.Concat(results).Select(r => Task.Run(() => Lifecycle(store).RecordResultAsync(r, LeaseUntil, default))));

        Assert.Equal(30, outcomes.Count(o => o.Counted));
        Assert.Contains(outcomes, o => o.Request!.Status == RequestStatuses.Exporting);
        var request = await store.GetRequestAsync(requestId, default);
        Assert.Equal((RequestStatuses.Exporting, 24, 6), (request!.Status, request.ImagesSucceeded, request.ImagesFailed));
        Assert.Empty(await store.GetPendingImagesAsync(requestId, default).ToListAsync());
    }

    [SkippableFact]
    public async Task Only_the_last_result_moves_the_request_to_exporting()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3, imagesPerRow: 1);

        var first = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        var second = await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 3, 0)), LeaseUntil, default);
        var last = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 4, 0)), LeaseUntil, default);
        var repeat = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 4, 0)), LeaseUntil, default);

        Assert.Equal([RequestStatuses.Processing, RequestStatuses.Processing, RequestStatuses.Exporting],
            new[] { first, second, last }.Select(o => o.Request!.Status));
        Assert.Equal((2, 1), (last.Request!.ImagesSucceeded, last.Request.ImagesFailed));
        Assert.Equal((false, RequestStatuses.Exporting, 2, 1), (repeat.Counted, repeat.Request!.Status, repeat.Request.ImagesSucceeded, repeat.Request.ImagesFailed));
    }

    [SkippableFact]
    public async Task A_result_for_an_unknown_request_or_image_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        var unknownRequest = Guid.NewGuid();

        var forUnknownRequest = await Lifecycle(store).RecordResultAsync(Succeeded(unknownRequest, ImageIds.For(unknownRequest, 2, 0)), LeaseUntil, default);
        var forUnknownImage = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, Guid.NewGuid()), LeaseUntil, default);
        // an image of this request named under another request
        var forWrongRequest = await Lifecycle(store).RecordResultAsync(Succeeded(unknownRequest, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);

        Assert.Equal(new ImageResultOutcome(false, null), forUnknownRequest);
        Assert.Equal(new ImageResultOutcome(false, null), forWrongRequest);
        Assert.False(forUnknownImage.Counted);
        Assert.Equal((RequestStatuses.Processing, 0, 0), (forUnknownImage.Request!.Status, forUnknownImage.Request.ImagesSucceeded, forUnknownImage.Request.ImagesFailed));
        Assert.Single(await store.GetPendingImagesAsync(requestId, default).ToListAsync());
    }

    [SkippableFact]
    public async Task Pending_images_shrink_as_results_arrive()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 2, imagesPerRow: 2);

        var before = await store.GetPendingImagesAsync(requestId, default).ToListAsync();
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 1)), LeaseUntil, default);
        await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 3, 0)), LeaseUntil, default);
        var after = await store.GetPendingImagesAsync(requestId, default).ToListAsync();

        Assert.Equal([(2, 0), (2, 1), (3, 0), (3, 1)], before.Select(i => (i.RowNumber, i.Position)));
        Assert.Equal([(2, 0), (3, 1)], after.Select(i => (i.RowNumber, i.Position)));
        Assert.All(after, i => Assert.Equal((ImageStatuses.Pending, requestId), (i.Status, i.RequestId)));
        Assert.Equal("https://img.example/3/1.jpg", after[1].SourceUrl);
    }

    [SkippableFact]
    public async Task Complete_happens_once()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateExportingAsync(store, failOne: false);
        var completedAt = ResultAt.AddMinutes(1);

        var first = await Lifecycle(store).CompleteAsync(requestId, 1, "outputs/a.csv", "http://gateway.test/files/outputs/a.csv", completedAt, LeaseUntil, default);
        var second = await Lifecycle(store).CompleteAsync(requestId, 1, "outputs/b.csv", "http://gateway.test/files/outputs/b.csv", completedAt.AddMinutes(5), LeaseUntil, default);

        Assert.Equal((RequestStatuses.Completed, "outputs/a.csv", "http://gateway.test/files/outputs/a.csv", completedAt, completedAt),
            (first!.Status, first.OutputCsvKey, first.OutputCsvUrl, first.CompletedAt, first.UpdatedAt));
        Assert.Equal(first, second);
        Assert.Equal(first, await store.GetRequestAsync(requestId, default));
    }

    [SkippableFact]
    public async Task Complete_with_a_failed_image_is_completed_with_errors()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateExportingAsync(store, failOne: true);

        var request = await Lifecycle(store).CompleteAsync(requestId, 1, "outputs/a.csv", "http://gateway.test/files/outputs/a.csv", ResultAt.AddMinutes(1), LeaseUntil, default);

        Assert.Equal((RequestStatuses.CompletedWithErrors, 1, 1), (request!.Status, request.ImagesSucceeded, request.ImagesFailed));
    }

    [SkippableFact]
    public async Task Complete_does_nothing_to_a_request_that_is_not_exporting()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 2, imagesPerRow: 1);

        var processing = await Lifecycle(store).CompleteAsync(requestId, 1, "outputs/a.csv", "http://gateway.test/files/outputs/a.csv", ResultAt, LeaseUntil, default);
        var unknown = await Lifecycle(store).CompleteAsync(Guid.NewGuid(), 1, "outputs/a.csv", "http://gateway.test/files/outputs/a.csv", ResultAt, LeaseUntil, default);

        Assert.Equal((RequestStatuses.Processing, null, null), (processing!.Status, processing.CompletedAt, processing.OutputCsvKey));
        Assert.Null(unknown);
    }

    [SkippableFact]
    public async Task A_request_whose_reading_failed_is_recorded_failed_with_its_products_in_one_step()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        var read = 0;
        async IAsyncEnumerable<NewProduct> Counted()
        {
            await foreach (var product in Products(requestId, rows: 2, imagesPerRow: 2))
            {
                read++;
                yield return product;
            }
        }
        var readWhenAsked = -1;

        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), Counted(), () => { readWhenAsked = read; return "row 4: bad"; }, default));

        Assert.Equal(2, readWhenAsked);
        var request = await store.GetRequestAsync(requestId, default);
        Assert.Equal(
            (RequestStatuses.Failed, "row 4: bad", RecordedAt, RecordedAt, 2, 4),
            (request!.Status, request.FailureReason, request.CompletedAt, request.UpdatedAt, request.ProductCount, request.ImagesTotal));
        Assert.Equal(2, (await store.GetProductsAsync(requestId, default).ToListAsync()).Count);
    }

    [SkippableFact]
    public async Task A_request_failed_at_creation_is_not_changed_by_another_creation_or_a_completion()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), AsyncEnumerable.Empty<NewProduct>(), () => "file missing", default));
        var failed = await store.GetRequestAsync(requestId, default);

        Assert.False(await store.CreateRequestAsync(NewRequest(requestId), Products(requestId, rows: 1, imagesPerRow: 1), NoFailure, default));
        var completed = await Lifecycle(store).CompleteAsync(requestId, 1, "outputs/a.csv", "http://gateway.test/files/outputs/a.csv", ResultAt, LeaseUntil, default);

        Assert.Equal(failed, completed);
        Assert.Equal(failed, await store.GetRequestAsync(requestId, default));
        Assert.Equal((RequestStatuses.Failed, 0, 0), (failed!.Status, failed.ProductCount, failed.ImagesTotal));
    }

    [SkippableFact]
    public async Task Products_stream_for_a_request_of_thousands_of_images()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        // more products and more images than any one write batch holds
        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), Products(requestId, rows: 1_200, imagesPerRow: 3), NoFailure, default));

        var rows = 0;
        var images = 0;
        var previousRow = 0;
        await foreach (var product in store.GetProductsAsync(requestId, default))
        {
            Assert.True(product.RowNumber > previousRow);
            Assert.Equal([0, 1, 2], product.Images.Select(i => i.Position));
            Assert.All(product.Images, i => Assert.Equal(product.RowNumber, i.RowNumber));
            previousRow = product.RowNumber;
            rows++;
            images += product.Images.Count;
        }

        Assert.Equal((1_200, 3_600, 1_201), (rows, images, previousRow));
        var request = await store.GetRequestAsync(requestId, default);
        Assert.Equal((1_200, 3_600), (request!.ProductCount, request.ImagesTotal));
        Assert.Equal(3_600, await store.GetPendingImagesAsync(requestId, default).CountAsync());
    }

    [SkippableFact]
    public async Task A_request_with_no_products_is_recorded_empty()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();

        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), AsyncEnumerable.Empty<NewProduct>(), NoFailure, default));

        var request = await store.GetRequestAsync(requestId, default);
        Assert.Equal((RequestStatuses.Processing, 0, 0), (request!.Status, request.ProductCount, request.ImagesTotal));
        Assert.Empty(await store.GetProductsAsync(requestId, default).ToListAsync());
        // nothing pending is not the same as everything done: a stray result does not move it on
        var stray = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, Guid.NewGuid()), LeaseUntil, default);
        Assert.Equal((false, RequestStatuses.Processing), (stray.Counted, stray.Request!.Status));
    }

    /// <summary>The one state machine, over the store under test: the contract is that its steps hold on every backend.</summary>
    protected static RequestLifecycle Lifecycle(IIngestStore store) => new(store);

    /// <summary>The failure reason of a request whose every row read cleanly.</summary>
    protected static readonly Func<string?> NoFailure = () => null;

    protected static NewRequest NewRequest(Guid requestId) => new()
    {
        RequestId = requestId,
        CsvFileKey = $"uploads/{requestId:N}.csv",
        WebhookUrl = "https://client.example/hook",
        SubmittedAt = SubmittedAt,
        RecordedAt = RecordedAt,
    };

    /// <summary>Rows from 2 (the header is row 1), serial numbers from 101, images named by their place.</summary>
    protected static async IAsyncEnumerable<NewProduct> Products(Guid requestId, int rows, int imagesPerRow)
    {
        for (var row = 2; row < rows + 2; row++)
        {
            var images = Enumerable.Range(0, imagesPerRow)
                .Select(position => new NewImage(ImageIds.For(requestId, row, position), $"https://img.example/{row}/{position}.jpg"))
                .ToArray();
            yield return new NewProduct(row, 99 + row, $"Product {row}", images);
            await Task.Yield();
        }
    }

    protected static ImageResult Succeeded(Guid requestId, Guid imageId) => new(
        requestId, imageId, Succeeded: true,
        new ImageOutcome
        {
            OutputKey = $"images/{imageId:N}.jpg", OutputUrl = $"http://gateway.test/files/images/{imageId:N}.jpg",
            BytesIn = 2048, BytesOut = 1024, Width = 640, Height = 480, Format = "jpeg", SourceQuality = 90, OutputQuality = 45, WorkerId = "worker-a",
            SourcePreviewKey = $"images/{imageId:N}.source-preview.webp", SourcePreviewUrl = $"http://gateway.test/files/images/{imageId:N}.source-preview.webp",
            OutputPreviewKey = $"images/{imageId:N}.output-preview.webp", OutputPreviewUrl = $"http://gateway.test/files/images/{imageId:N}.output-preview.webp",
        },
        ResultAt);

    protected static ImageResult Failed(Guid requestId, Guid imageId) => new(
        requestId, imageId, Succeeded: false, new ImageOutcome { ReasonCode = "http_404", Reason = "Not Found", WorkerId = "worker-a" }, ResultAt);

    protected static async Task<Guid> CreateAsync(IIngestStore store, int rows, int imagesPerRow)
    {
        ArgumentNullException.ThrowIfNull(store);
        var requestId = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), Products(requestId, rows, imagesPerRow), NoFailure, default));
        return requestId;
    }

    /// <summary>A request of two images, both with results; with <paramref name="failOne"/> the second failed.</summary>
    private static async Task<Guid> CreateExportingAsync(IIngestStore store, bool failOne)
    {
        var requestId = await CreateAsync(store, rows: 2, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        var last = failOne ? Failed(requestId, ImageIds.For(requestId, 3, 0)) : Succeeded(requestId, ImageIds.For(requestId, 3, 0));
        var outcome = await Lifecycle(store).RecordResultAsync(last, LeaseUntil, default);
        Assert.Equal(RequestStatuses.Exporting, outcome.Request!.Status);
        return requestId;
    }
}
