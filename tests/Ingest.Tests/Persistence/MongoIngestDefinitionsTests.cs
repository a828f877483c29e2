using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>
/// The BSON the store sends, rendered without a server: each conditional write must carry the condition its
/// idempotency rests on.
/// </summary>
public sealed class MongoIngestDefinitionsTests
{
    private const string RequestUuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private const string ImageUuid = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static readonly Guid RequestId = Guid.Parse(RequestUuid);
    private static readonly Guid ImageId = Guid.Parse(ImageUuid);
    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(2));
    private const string AtJson = "ISODate('2025-03-04T03:06:07.891Z')";

    [Fact]
    public void Request_by_id_filters_on_the_uuid()
    {
        AssertRendered($"{{ _id: UUID('{RequestUuid}') }}", MongoIngestDefinitions.RequestById(RequestId));
    }

    [Fact]
    public void A_result_is_written_only_to_a_pending_image_of_its_request()
    {
        AssertRendered(
            $"{{ _id: UUID('{ImageUuid}'), requestId: UUID('{RequestUuid}'), status: 'Pending' }}",
            MongoIngestDefinitions.PendingImage(RequestId, ImageId));
    }

    [Fact]
    public void Recording_a_success_sets_its_fields_and_nothing_it_does_not_carry()
    {
        var result = new ImageResult(RequestId, ImageId, true,
            new ImageOutcome
            {
                OutputKey = "images/a.jpg", OutputUrl = "http://gateway.test/files/images/a.jpg", BytesIn = 2048, BytesOut = 1024, Width = 640, Height = 480,
                Format = "jpeg", SourceQuality = 90, OutputQuality = 45, WorkerId = "worker-a",
            },
            At);

        AssertRendered(
            $$"""
            { $set: { status: 'Succeeded', outputKey: 'images/a.jpg', outputUrl: 'http://gateway.test/files/images/a.jpg',
                bytesIn: NumberLong(2048), bytesOut: NumberLong(1024), width: 640, height: 480, format: 'jpeg',
                sourceQuality: 90, outputQuality: 45, workerId: 'worker-a', completedAt: {{AtJson}} },
              $unset: { reuseKey: 1 } }
            """,
            MongoIngestDefinitions.RecordResult(result));
    }

    [Fact]
    public void Recording_a_failure_sets_its_reason()
    {
        var result = new ImageResult(RequestId, ImageId, false, new ImageOutcome { ReasonCode = "http_404", Reason = "Not Found", WorkerId = "worker-a" }, At);

        AssertRendered(
            $"{{ $set: {{ status: 'Failed', reasonCode: 'http_404', reason: 'Not Found', workerId: 'worker-a', completedAt: {AtJson} }}, $unset: {{ reuseKey: 1 }} }}",
            MongoIngestDefinitions.RecordResult(result));
    }

    [Fact]
    public void A_result_is_counted_only_while_its_request_is_processing()
    {
        AssertRendered($"{{ _id: UUID('{RequestUuid}'), status: 'Processing' }}", MongoIngestDefinitions.ProcessingRequest(RequestId));
        AssertRendered($"{{ $inc: {{ imagesSucceeded: 1 }}, $max: {{ updatedAt: {AtJson} }} }}", MongoIngestDefinitions.CountResult(true, 1, At));
        AssertRendered($"{{ $inc: {{ imagesFailed: 1 }}, $max: {{ updatedAt: {AtJson} }} }}", MongoIngestDefinitions.CountResult(false, 1, At));
    }

    [Fact]
    public void A_move_is_conditional_on_where_it_starts_and_writes_only_what_it_names()
    {
        var toExporting = new RequestMove(RequestId, "Processing", "Exporting", At) { Attempt = 2, Counts = new ResultCounts(24, 6), LeaseUntil = At };
        AssertRendered($"{{ _id: UUID('{RequestUuid}'), status: 'Processing', purging: {{ $ne: true }}, attempt: 2 }}", MongoIngestDefinitions.MoveFrom(toExporting));
        AssertRendered(
            $"{{ $set: {{ status: 'Exporting', imagesSucceeded: 24, imagesFailed: 6, leaseUntil: {AtJson} }}, $max: {{ updatedAt: {AtJson} }} }}",
            MongoIngestDefinitions.Move(toExporting));

        var completion = new RequestMove(RequestId, "Exporting", "Completed", At)
        {
            Attempt = 1, LeaseUntil = At, CompletedAt = At, OutputCsvKey = "outputs/a.csv", OutputCsvUrl = "http://gateway.test/a.csv", TakesEventSequence = true,
        };
        AssertRendered(
            $"{{ $set: {{ status: 'Completed', leaseUntil: {AtJson}, completedAt: {AtJson}, outputCsvKey: 'outputs/a.csv', outputCsvUrl: 'http://gateway.test/a.csv' }}, "
            + $"$max: {{ updatedAt: {AtJson} }}, $inc: {{ eventSequence: 1 }} }}",
            MongoIngestDefinitions.Move(completion));

        var retry = new RequestMove(RequestId, "CompletedWithErrors", "Processing", At) { Attempt = 1, NewAttempt = true, RetryKey = "k", Counts = new ResultCounts(3, 0) };
        AssertRendered($"{{ _id: UUID('{RequestUuid}'), status: 'CompletedWithErrors', purging: {{ $ne: true }}, attempt: 1 }}", MongoIngestDefinitions.MoveFrom(retry));
        AssertRendered(
            $"{{ $set: {{ status: 'Processing', imagesSucceeded: 3, imagesFailed: 0, retryKey: 'k' }}, $max: {{ updatedAt: {AtJson} }}, $inc: {{ attempt: 1 }}, "
            + "$unset: { completionRecordedAt: 1, completedAt: 1, outputCsvKey: 1, outputCsvUrl: 1, leaseUntil: 1 } }",
            MongoIngestDefinitions.Move(retry));
    }

    [Theory]
    [InlineData(true, false, false, false)]
    [InlineData(false, true, false, false)]
    [InlineData(false, false, true, false)]
    [InlineData(false, false, false, true)]
    [InlineData(true, true, true, true)]
    public void A_new_attempt_never_sets_and_unsets_one_field_in_one_update(bool completedAt, bool outputKey, bool outputUrl, bool lease)
    {
        var move = new RequestMove(RequestId, "Completed", "Processing", At)
        {
            Attempt = 1, NewAttempt = true,
            CompletedAt = completedAt ? At : null, OutputCsvKey = outputKey ? "outputs/a.csv" : null,
            OutputCsvUrl = outputUrl ? "http://gateway.test/a.csv" : null, LeaseUntil = lease ? At : null,
        };

        var rendered = MongoIngestDefinitions.Move(move).Render(Args<MongoRequestDocument>());

        // the server refuses such an update ("Updating the path 'x' would create a conflict at 'x'", code 40)
        var set = rendered["$set"].AsBsonDocument.Names;
        var unset = rendered["$unset"].AsBsonDocument.Names;
        Assert.Empty(set.Intersect(unset));
        // what the move carries is written, and the rest of the last attempt's completion is cleared
        Assert.Equal(completedAt, set.Contains("completedAt"));
        Assert.Equal(!completedAt, unset.Contains("completedAt"));
        Assert.Equal(outputKey, set.Contains("outputCsvKey"));
        Assert.Equal(!outputKey, unset.Contains("outputCsvKey"));
        Assert.Equal(outputUrl, set.Contains("outputCsvUrl"));
        Assert.Equal(!outputUrl, unset.Contains("outputCsvUrl"));
        Assert.Equal(lease, set.Contains("leaseUntil"));
        Assert.Equal(!lease, unset.Contains("leaseUntil"));
        Assert.Contains("completionRecordedAt", unset);
    }

    [Fact]
    public void Progress_is_due_only_when_asked_for_after_the_interval_and_once_the_counts_moved()
    {
        AssertRendered(
            $"{{ _id: UUID('{RequestUuid}'), status: 'Processing', webhookEvents: /(^|,)request\\.progress(,|$)/, "
            + $"$or: [{{ progressAt: null }}, {{ progressAt: {{ $lte: {AtJson} }} }}], "
            + "$expr: { $ne: [{ $ifNull: ['$progressDone', 0] }, { $add: ['$imagesSucceeded', '$imagesFailed'] }] } }",
            MongoIngestDefinitions.ProgressDue(RequestId, At));
        Assert.Equal(
            [BsonDocument.Parse(
                $"{{ $set: {{ progressAt: {AtJson}, progressDone: {{ $add: ['$imagesSucceeded', '$imagesFailed'] }}, "
                + "eventSequence: { $add: [{ $ifNull: ['$eventSequence', NumberLong(0)] }, NumberLong(1)] } } }")],
            ((PipelineUpdateDefinition<MongoRequestDocument>)MongoIngestDefinitions.ClaimProgress(At)).Pipeline.Render(
                new RenderArgs<MongoRequestDocument>(BsonSerializer.LookupSerializer<MongoRequestDocument>(), BsonSerializer.SerializerRegistry)).Documents);
    }

    [Fact]
    public void A_time_in_a_filter_is_the_stored_form_of_the_same_instant()
    {
        // sub-millisecond ticks and an offset: documents and filters both go through StoredTime, so the server compares
        // equal BSON dates (a lease running out exactly now, the list's cursor on the last request of a page)
        var instant = At.AddTicks(9_999);
        var stored = MongoRequestDocument.New(
            new NewRequest
            {
                RequestId = RequestId,
                CsvFileKey = "uploads/a.csv",
                SubmittedAt = instant,
                RecordedAt = instant,
                LeaseUntil = instant,
            }, 1, 1, "failed at once").ToBsonDocument();

        var expired = MongoIngestDefinitions.ExpiredRequest(instant).Render(Args<MongoRequestDocument>());
        var after = MongoIngestDefinitions.List(new RequestQuery(null, null, new RequestCursor(instant, RequestId), 10)).Render(Args<MongoRequestDocument>());

        Assert.Equal(BsonDocument.Parse($"{{ t: {AtJson} }}")["t"], stored["recordedAt"]);
        Assert.Equal(stored["leaseUntil"], expired["leaseUntil"]["$lt"]);
        Assert.Equal(stored["recordedAt"], after["$or"][0]["recordedAt"]["$lt"]);
        Assert.Equal(stored["recordedAt"], after["$or"][1]["recordedAt"]);
    }

    [Fact]
    public void Reads_select_by_request_and_sort_in_csv_order()
    {
        AssertRendered($"{{ requestId: UUID('{RequestUuid}') }}", MongoIngestDefinitions.ProductsOf(RequestId));
        AssertRendered($"{{ requestId: UUID('{RequestUuid}') }}", MongoIngestDefinitions.ImagesOf(RequestId));
        AssertRendered($"{{ requestId: UUID('{RequestUuid}'), status: 'Pending' }}", MongoIngestDefinitions.ImagesWithStatus(RequestId, ImageStatuses.Pending));
        Assert.Equal(BsonDocument.Parse("{ row: 1 }"), MongoIngestDefinitions.ProductOrder.Render(Args<MongoProductDocument>()));
        Assert.Equal(BsonDocument.Parse("{ row: 1, position: 1 }"), MongoIngestDefinitions.ImageOrder.Render(Args<MongoImageDocument>()));
    }

    [Fact]
    public void Notifier_acknowledges_any_finished_request_cancelled_included()
    {
        AssertRendered(
            $"{{ _id: UUID('{RequestUuid}'), status: {{ $in: ['Completed', 'CompletedWithErrors', 'Failed', 'Cancelled'] }} }}",
            MongoIngestDefinitions.FinishedRequest(RequestId));
    }

    [Fact]
    public void Retention_finds_finished_requests_completed_before_the_cutoff_oldest_first()
    {
        AssertRendered(
            $"{{ completedAt: {{ $lt: {AtJson} }}, status: {{ $in: ['Completed', 'CompletedWithErrors', 'Failed', 'Cancelled'] }} }}",
            MongoIngestDefinitions.Expired(At));
        Assert.Equal(BsonDocument.Parse("{ completedAt: 1 }"), MongoIngestDefinitions.OldestCompletedFirst.Render(Args<MongoRequestDocument>()));
    }

    [Fact]
    public void A_purge_claims_only_a_finished_request_and_deletes_only_a_claimed_one_with_every_child_of_it()
    {
        AssertRendered(
            $"{{ _id: UUID('{RequestUuid}'), status: {{ $in: ['Completed', 'CompletedWithErrors', 'Failed', 'Cancelled'] }} }}",
            MongoIngestDefinitions.PurgeableRequest(RequestId));
        AssertRendered("{ $set: { purging: true } }", MongoIngestDefinitions.ClaimPurge);
        AssertRendered($"{{ requestId: UUID('{RequestUuid}') }}", MongoIngestDefinitions.ImagesOf(RequestId));
        AssertRendered($"{{ requestId: UUID('{RequestUuid}') }}", MongoIngestDefinitions.ProductsOf(RequestId));
        AssertRendered($"{{ _id: UUID('{RequestUuid}'), purging: true }}", MongoIngestDefinitions.ClaimedForPurge(RequestId));
    }

    [Fact]
    public void A_retry_refuses_a_request_a_purge_claimed()
    {
        // the claim is written while the request is finished, which is where a retry's move starts from
        var retry = new RequestMove(RequestId, "CompletedWithErrors", "Processing", At) { Attempt = 1, NewAttempt = true };
        var claimed = MongoRequestDocument.New(new NewRequest
        {
            RequestId = RequestId,
            CsvFileKey = "uploads/a.csv",
            SubmittedAt = At,
            RecordedAt = At,
        }, 1, 1, null);
        claimed.Status = "CompletedWithErrors";
        claimed.Purging = true;

        var filter = MongoIngestDefinitions.MoveFrom(retry).Render(Args<MongoRequestDocument>());

        Assert.Equal(BsonDocument.Parse("{ $ne: true }"), filter["purging"]);
        Assert.True(claimed.ToBsonDocument()["purging"].AsBoolean);
        Assert.False(MongoRequestDocument.New(new NewRequest
        {
            RequestId = RequestId,
            CsvFileKey = "uploads/a.csv",
            SubmittedAt = At,
            RecordedAt = At,
        }, 1, 1, null).ToBsonDocument().Contains("purging"));
    }

    private static void AssertRendered<T>(string expected, FilterDefinition<T> filter) =>
        Assert.Equal(BsonDocument.Parse(expected), filter.Render(Args<T>()));

    private static void AssertRendered<T>(string expected, UpdateDefinition<T> update) =>
        Assert.Equal(BsonDocument.Parse(expected), update.Render(Args<T>()));

    internal static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);
}
