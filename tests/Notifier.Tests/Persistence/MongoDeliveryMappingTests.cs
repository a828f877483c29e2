using ImagePipeline.Notifier.Persistence;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>The MongoDB notifier store's documents, checked without a server: their stored shape and their round trip.</summary>
public sealed class MongoDeliveryMappingTests
{
    private static readonly Guid DeliveryId = Guid.Parse("01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f");
    private static readonly Guid RequestId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly DateTimeOffset CreatedAt = new(2025, 1, 1, 12, 0, 0, 250, TimeSpan.Zero);

    private static readonly NewDelivery Delivery = new()
    {
        Id = DeliveryId,
        EventId = "request.completed:0f8fad5b-d9cb-469f-a165-70867728950e",
        EventType = "request.completed",
        RequestId = RequestId,
        Url = "https://client.example/hook",
        Payload = """{"type":"request.completed"}""",
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        CreatedAt = CreatedAt,
        ClientId = "3f1c0e9a5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e",
    };

    [Fact]
    public void A_new_delivery_is_stored_pending_due_at_once_with_an_empty_log()
    {
        var document = MongoDeliveryDocument.From(Delivery).ToBsonDocument();

        BsonAssert.Equal("""
            {
              "_id" : UUID("01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f"),
              "eventId" : "request.completed:0f8fad5b-d9cb-469f-a165-70867728950e",
              "eventType" : "request.completed",
              "requestId" : UUID("0f8fad5b-d9cb-469f-a165-70867728950e"),
              "url" : "https://client.example/hook",
              "payload" : "{\"type\":\"request.completed\"}",
              "status" : "Pending",
              "attemptCount" : 0,
              "series" : 1,
              "attemptsBeforeSeries" : 0,
              "nextAttemptAt" : ISODate("2025-01-01T12:00:00.250Z"),
              "traceParent" : "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
              "clientId" : "3f1c0e9a5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e",
              "host" : "client.example",
              "createdAt" : ISODate("2025-01-01T12:00:00.250Z"),
              "updatedAt" : ISODate("2025-01-01T12:00:00.250Z"),
              "attempts" : []
            }
            """, document);
        Assert.Equal(BsonBinarySubType.UuidStandard, document["_id"].AsBsonBinaryData.SubType);
        Assert.Equal(BsonBinarySubType.UuidStandard, document["requestId"].AsBsonBinaryData.SubType);
    }

    [Fact]
    public void An_attempt_is_stored_with_its_number_series_time_outcome_and_latency()
    {
        var succeeded = MongoDeliveryAttemptDocument.From(new DeliveryAttempt(2, 1, CreatedAt, 204, null, 37)).ToBsonDocument();
        var failed = MongoDeliveryAttemptDocument.From(new DeliveryAttempt(5, 2, CreatedAt, null, "Timeout", 10_000)).ToBsonDocument();

        BsonAssert.Equal(
            """{ "number" : 2, "series" : 1, "attemptedAt" : ISODate("2025-01-01T12:00:00.250Z"), "statusCode" : 204, "error" : null, "latencyMs" : NumberLong(37) }""",
            succeeded);
        BsonAssert.Equal(
            """{ "number" : 5, "series" : 2, "attemptedAt" : ISODate("2025-01-01T12:00:00.250Z"), "statusCode" : null, "error" : "Timeout", "latencyMs" : NumberLong(10000) }""",
            failed);
    }

    [Fact]
    public void A_delivery_with_attempts_reads_back_as_the_same_record()
    {
        var attempts = new[]
        {
            new DeliveryAttempt(1, 1, CreatedAt, 503, null, 40),
            new DeliveryAttempt(2, 1, CreatedAt.AddSeconds(5), null, "ConnectionError: refused", 3),
            new DeliveryAttempt(3, 2, CreatedAt.AddHours(1), 410, null, 8),
        };
        var stored = new MongoDeliveryDocument
        {
            Id = DeliveryId, EventId = Delivery.EventId, EventType = Delivery.EventType, RequestId = RequestId, Url = Delivery.Url,
            Payload = Delivery.Payload, Status = DeliveryStatus.Disabled, AttemptCount = 3, Series = 2, AttemptsBeforeSeries = 2,
            NextAttemptAt = null, TraceParent = null,
            CreatedAt = CreatedAt.UtcDateTime, UpdatedAt = CreatedAt.AddSeconds(6).UtcDateTime,
            Attempts = [.. attempts.Select(MongoDeliveryAttemptDocument.From)],
        };

        var record = BsonSerializer.Deserialize<MongoDeliveryDocument>(stored.ToBson()).ToRecord();

        Assert.Equal(
            new DeliveryRecord
            {
                Id = DeliveryId, EventId = Delivery.EventId, EventType = Delivery.EventType, RequestId = RequestId, Url = Delivery.Url,
                Payload = Delivery.Payload, Status = DeliveryStatus.Disabled, AttemptCount = 3, Series = 2, NextAttemptAt = null,
                TraceParent = null, CreatedAt = CreatedAt, UpdatedAt = CreatedAt.AddSeconds(6), Attempts = record.Attempts,
            },
            record);
        Assert.Equal(attempts, record.Attempts);
        Assert.Equal("Disabled", stored.ToBsonDocument()["status"]);
        Assert.Equal(BsonNull.Value, stored.ToBsonDocument()["nextAttemptAt"]);
    }

    [Fact]
    public void A_document_from_before_redelivery_existed_reads_as_series_one()
    {
        var document = BsonDocument.Parse("""
            {
              "_id" : UUID("01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f"),
              "eventId" : "request.failed:x", "eventType" : "request.failed",
              "requestId" : UUID("0f8fad5b-d9cb-469f-a165-70867728950e"),
              "url" : "https://client.example/hook", "payload" : "{}", "status" : "Delivered", "attemptCount" : 1,
              "nextAttemptAt" : null, "traceParent" : null,
              "createdAt" : ISODate("2025-01-01T12:00:00.250Z"), "updatedAt" : ISODate("2025-01-01T12:00:01Z"),
              "attempts" : [ { "number" : 1, "attemptedAt" : ISODate("2025-01-01T12:00:00.500Z"), "statusCode" : 200, "error" : null, "latencyMs" : NumberLong(12) } ],
              "addedLater" : true
            }
            """);

        var stored = BsonSerializer.Deserialize<MongoDeliveryDocument>(document);
        var record = stored.ToRecord();

        Assert.Equal((DeliveryId, RequestId, DeliveryStatus.Delivered, 1, (DateTimeOffset?)null), (record.Id, record.RequestId, record.Status, record.AttemptCount, record.NextAttemptAt));
        Assert.Equal(1, record.Series);
        Assert.Equal((CreatedAt, CreatedAt.AddMilliseconds(750)), (record.CreatedAt, record.UpdatedAt));
        Assert.Equal(new DeliveryAttempt(1, 1, CreatedAt.AddMilliseconds(250), 200, null, 12), Assert.Single(record.Attempts));
        Assert.Equal((1, 1), (stored.ToClaimed().Series, stored.ToClaimed().AttemptInSeries));
        // signed with the master secret before per-client secrets, and still
        Assert.Null(stored.ToClaimed().ClientId);
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_in_utc()
    {
        // 14:00:00.2504567 at +02:00 is 12:00:00.250 UTC once a BSON date holds it
        var local = new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(2_504_567);

        var record = BsonSerializer.Deserialize<MongoDeliveryDocument>(MongoDeliveryDocument.From(Delivery with { CreatedAt = local }).ToBson()).ToRecord();

        Assert.Equal(CreatedAt, record.CreatedAt);
        Assert.Equal(TimeSpan.Zero, record.CreatedAt.Offset);
    }

    [Fact]
    public void A_claim_is_read_from_the_document_after_its_update()
    {
        var document = MongoDeliveryDocument.From(Delivery);
        var claimedDocument = new MongoDeliveryDocument
        {
            Id = document.Id, EventType = document.EventType, Url = document.Url, Payload = document.Payload,
            AttemptCount = 3, TraceParent = document.TraceParent, ClientId = document.ClientId,
        };

        Assert.Equal(new ClaimedDelivery
        {
            Id = DeliveryId,
            EventType = Delivery.EventType,
            Url = Delivery.Url,
            Payload = Delivery.Payload,
            AttemptNumber = 3,
            Series = 1,
            AttemptInSeries = 3,
            TraceParent = Delivery.TraceParent,
            ClientId = Delivery.ClientId,
        }, claimedDocument.ToClaimed());
    }

    [Fact]
    public void A_claim_in_a_redelivered_series_counts_its_attempt_from_the_series_start()
    {
        var document = BsonDocument.Parse("""
            {
              "_id" : UUID("01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f"), "eventType" : "request.completed", "url" : "https://client.example/hook",
              "payload" : "{}", "status" : "Pending", "attemptCount" : 7, "series" : 3, "attemptsBeforeSeries" : 5, "traceParent" : null
            }
            """);

        var claimed = BsonSerializer.Deserialize<MongoDeliveryDocument>(document).ToClaimed();

        Assert.Equal((7, 3, 2), (claimed.AttemptNumber, claimed.Series, claimed.AttemptInSeries));
    }
}
