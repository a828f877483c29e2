using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Lifecycle;
using ImagePipeline.Ingest.Persistence;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>
/// The MongoDB store has no multi-document transaction, so a process can die between two of its writes. These tests
/// write that half-done state straight into the database and check a redelivered message repairs it.
/// </summary>
public sealed class MongoIngestStoreRecoveryTests : IAsyncLifetime
{
    /// <summary>The lease every write that starts one is given: far off, so no test's sweep finds it by accident.</summary>
    private static readonly DateTimeOffset LeaseUntil = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);

    private MongoIngestTestDatabase? _database;

    private static RequestLifecycle Lifecycle(IIngestStore store) => new(store);

    public Task InitializeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task A_request_interrupted_while_writing_its_products_is_recorded_whole_on_redelivery()
    {
        var (store, database) = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        // the first attempt wrote the first product and one of its two images, then died before the request
        await Products(database).InsertOneAsync(MongoProductDocument.New(requestId, Product(requestId, 2)));
        await Images(database).InsertOneAsync(MongoImageDocument.New(requestId, 2, 0, Product(requestId, 2).Images[0]));
        Assert.Null(await store.GetRequestAsync(requestId, default));

        Assert.True(await store.CreateRequestAsync(Request(requestId), new[] { Product(requestId, 2), Product(requestId, 3) }.ToAsyncEnumerable(), () => null, default));

        var request = await store.GetRequestAsync(requestId, default);
        Assert.Equal((2, 4), (request!.ProductCount, request.ImagesTotal));
        Assert.Equal(2, await Products(database).CountDocumentsAsync(MongoIngestDefinitions.ProductsOf(requestId)));
        Assert.Equal(4, await Images(database).CountDocumentsAsync(MongoIngestDefinitions.ImagesOf(requestId)));
        var products = await store.GetProductsAsync(requestId, default).ToListAsync();
        Assert.Equal([(2, 2), (3, 2)], products.Select(p => (p.RowNumber, p.Images.Count)));
    }

    [SkippableFact]
    public async Task A_last_result_recorded_but_not_counted_moves_the_request_on_when_redelivered()
    {
        var (store, database) = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3);
        await Lifecycle(store).RecordResultAsync(Result(requestId, 2, succeeded: true), LeaseUntil, default);
        await Lifecycle(store).RecordResultAsync(Result(requestId, 3, succeeded: false), LeaseUntil, default);
        // the last result was written to its image, then the process died before counting it
        var last = Result(requestId, 4, succeeded: true);
        await RecordWithoutCountingAsync(database, last);
        Assert.Equal((RequestStatuses.Processing, 1, 1), Counters(await store.GetRequestAsync(requestId, default)));

        var redelivered = await Lifecycle(store).RecordResultAsync(last, LeaseUntil, default);

        Assert.False(redelivered.Counted);
        Assert.Equal((RequestStatuses.Exporting, 2, 1), Counters(redelivered.Request));
        Assert.Equal((RequestStatuses.Exporting, 2, 1), Counters(await store.GetRequestAsync(requestId, default)));
    }

    [SkippableFact]
    public async Task A_result_lost_before_counting_is_made_good_when_the_last_one_arrives()
    {
        var (store, database) = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3);
        var interrupted = Result(requestId, 2, succeeded: false);
        await RecordWithoutCountingAsync(database, interrupted);
        Assert.False((await Lifecycle(store).RecordResultAsync(interrupted, LeaseUntil, default)).Counted);

        var middle = await Lifecycle(store).RecordResultAsync(Result(requestId, 3, succeeded: true), LeaseUntil, default);
        var last = await Lifecycle(store).RecordResultAsync(Result(requestId, 4, succeeded: true), LeaseUntil, default);

        // the lost count lags while images are pending, and is recounted from the images at the end
        Assert.Equal((RequestStatuses.Processing, 1, 0), Counters(middle.Request));
        Assert.Equal((RequestStatuses.Exporting, 2, 1), Counters(last.Request));
    }

    [SkippableFact]
    public async Task A_count_arriving_after_the_move_to_exporting_is_refused()
    {
        var (store, database) = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 1);
        var only = Result(requestId, 2, succeeded: true);
        await RecordWithoutCountingAsync(database, only);
        // a duplicate finds nothing pending and moves the request on, counting the image from the images
        var duplicate = await Lifecycle(store).RecordResultAsync(only, LeaseUntil, default);
        Assert.Equal((RequestStatuses.Exporting, 1, 0), Counters(duplicate.Request));

        // then the first delivery, which had been slow rather than dead, sends its count
        var late = await Requests(database).UpdateOneAsync(MongoIngestDefinitions.ProcessingRequest(requestId), MongoIngestDefinitions.CountResult(true, 1, At));

        Assert.Equal(0, late.ModifiedCount);
        Assert.Equal((RequestStatuses.Exporting, 1, 0), Counters(await store.GetRequestAsync(requestId, default)));
    }

    [SkippableFact]
    public async Task A_retry_arriving_while_a_purge_deletes_the_children_is_refused_and_the_purge_finishes()
    {
        var (store, database) = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 2);
        await Lifecycle(store).RecordResultAsync(Result(requestId, 2, succeeded: true), LeaseUntil, default);
        await Lifecycle(store).RecordResultAsync(Result(requestId, 3, succeeded: false), LeaseUntil, default);
        var finished = await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", At, LeaseUntil, default);
        Assert.Equal(RequestStatuses.CompletedWithErrors, finished!.Status);
        // the purge claimed the request and deleted its images, then paused (or died) before the products and the request
        var claim = await Requests(database).UpdateOneAsync(MongoIngestDefinitions.PurgeableRequest(requestId), MongoIngestDefinitions.ClaimPurge);
        Assert.Equal(1, claim.MatchedCount);
        await Images(database).DeleteManyAsync(MongoIngestDefinitions.ImagesOf(requestId));

        var retry = await Lifecycle(store).RetryFailedAsync(requestId, null, null, At.AddMinutes(1), default);
        var move = await store.TryMoveAsync(
            new RequestMove(requestId, RequestStatuses.CompletedWithErrors, RequestStatuses.Processing, At.AddMinutes(1)) { Attempt = 1, NewAttempt = true }, default);

        Assert.Equal(0, retry.Reopened);
        Assert.Null(move);
        Assert.Equal(RequestStatuses.CompletedWithErrors, (await store.GetRequestAsync(requestId, default))!.Status);
        Assert.True(await store.DeleteRequestAsync(requestId, default));
        Assert.Null(await store.GetRequestAsync(requestId, default));
        Assert.Equal(0, await Products(database).CountDocumentsAsync(MongoIngestDefinitions.ProductsOf(requestId)));
    }

    [SkippableFact]
    public async Task Indexes_exist_after_first_use()
    {
        var (store, database) = await CreateStoreAsync();

        await store.GetRequestAsync(Guid.NewGuid(), default);

        var imageIndexes = await (await Images(database).Indexes.ListAsync()).ToListAsync();
        var productIndexes = await (await Products(database).Indexes.ListAsync()).ToListAsync();
        Assert.Contains(imageIndexes, i => i["name"] == "requestId_row_position" && i["unique"].AsBoolean);
        Assert.Contains(imageIndexes, i => i["name"] == "requestId_status_row_position");
        Assert.Contains(productIndexes, i => i["name"] == "requestId_row" && i["unique"].AsBoolean);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task<(MongoIngestStore Store, IMongoDatabase Database)> CreateStoreAsync()
    {
        _database = await MongoIngestTestDatabase.CreateAsync();
        return (new MongoIngestStore(_database.Database), _database.Database);
    }

    /// <summary>The store's own first write for a result, without the count that follows it.</summary>
    private static async Task RecordWithoutCountingAsync(IMongoDatabase database, ImageResult result)
    {
        var written = await Images(database).UpdateOneAsync(MongoIngestDefinitions.PendingImage(result.RequestId, result.ImageId), MongoIngestDefinitions.RecordResult(result));
        Assert.Equal(1, written.ModifiedCount);
    }

    private static async Task<Guid> CreateAsync(IIngestStore store, int rows)
    {
        var requestId = Guid.NewGuid();
        var products = Enumerable.Range(2, rows).Select(row => Product(requestId, row) with { Images = [Product(requestId, row).Images[0]] });
        Assert.True(await store.CreateRequestAsync(Request(requestId), products.ToAsyncEnumerable(), () => null, default));
        return requestId;
    }

    private static NewRequest Request(Guid requestId) => new()
    {
        RequestId = requestId,
        CsvFileKey = $"uploads/{requestId:N}.csv",
        SubmittedAt = At,
        RecordedAt = At,
    };

    private static NewProduct Product(Guid requestId, int row) => new(row, row, $"Product {row}",
        [new NewImage(ImageIds.For(requestId, row, 0), $"https://img.example/{row}/0.jpg"), new NewImage(ImageIds.For(requestId, row, 1), $"https://img.example/{row}/1.jpg")]);

    private static ImageResult Result(Guid requestId, int row, bool succeeded) => new(
        requestId, ImageIds.For(requestId, row, 0), succeeded,
        succeeded
            ? new ImageOutcome { OutputKey = "images/a.jpg", OutputUrl = "http://gateway.test/files/images/a.jpg", WorkerId = "worker-a" }
            : new ImageOutcome { ReasonCode = "http_404", Reason = "Not Found", WorkerId = "worker-a" },
        At);

    private static (string, int, int) Counters(RequestRecord? request) =>
        (request!.Status, request.ImagesSucceeded, request.ImagesFailed);

    private static IMongoCollection<MongoRequestDocument> Requests(IMongoDatabase database) =>
        database.GetCollection<MongoRequestDocument>(MongoIngestDefinitions.RequestsCollection);

    private static IMongoCollection<MongoProductDocument> Products(IMongoDatabase database) =>
        database.GetCollection<MongoProductDocument>(MongoIngestDefinitions.ProductsCollection);

    private static IMongoCollection<MongoImageDocument> Images(IMongoDatabase database) =>
        database.GetCollection<MongoImageDocument>(MongoIngestDefinitions.ImagesCollection);
}
