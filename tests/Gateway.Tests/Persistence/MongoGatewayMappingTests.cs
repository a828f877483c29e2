using ImagePipeline.Gateway.Persistence;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>The MongoDB gateway store's documents, checked without a server: their stored shape and their round trip.</summary>
public sealed class MongoGatewayMappingTests
{
    private const string Owner = "5f3a0d0ae5c0bd5a4b1f0e0c3d4f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f";
    private static readonly Guid AttemptId = Guid.Parse("01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f");
    private static readonly Guid RequestId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly DateTimeOffset CreatedAt = new(2025, 1, 1, 12, 0, 0, 250, TimeSpan.Zero);

    private static readonly NewIdempotencyAttempt Attempt = new(AttemptId, Owner, "order-42", "abc123", CreatedAt, CreatedAt.AddMinutes(5));

    [Fact]
    public void A_new_attempt_is_stored_in_progress_with_nothing_accepted()
    {
        var document = MongoIdempotencyDocument.From(Attempt).ToBsonDocument();

        BsonAssert.Equal($$"""
            {
              "_id" : UUID("01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f"),
              "owner" : "{{Owner}}",
              "key" : "order-42",
              "fingerprint" : "abc123",
              "state" : "InProgress",
              "requestId" : null,
              "productCount" : null,
              "imageCount" : null,
              "createdAt" : ISODate("2025-01-01T12:00:00.250Z"),
              "expiresAt" : ISODate("2025-01-01T12:05:00.250Z")
            }
            """, document);
        Assert.Equal(BsonBinarySubType.UuidStandard, document["_id"].AsBsonBinaryData.SubType);
    }

    [Fact]
    public void A_completed_record_reads_back_with_its_answer()
    {
        var stored = BsonDocument.Parse($$"""
            {
              "_id" : UUID("01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f"), "owner" : "{{Owner}}", "key" : "order-42", "fingerprint" : "abc123",
              "state" : "Completed", "requestId" : UUID("0f8fad5b-d9cb-469f-a165-70867728950e"), "productCount" : 2, "imageCount" : 3,
              "createdAt" : ISODate("2025-01-01T12:00:00.250Z"), "expiresAt" : ISODate("2025-01-02T12:00:00.250Z")
            }
            """);

        var record = BsonSerializer.Deserialize<MongoIdempotencyDocument>(stored).ToRecord();

        Assert.Equal(
            new IdempotencyRecord
            {
                AttemptId = AttemptId,
                Owner = Owner,
                Key = "order-42",
                Fingerprint = "abc123",
                State = IdempotencyState.Completed,
                Accepted = new AcceptedUpload(RequestId, 2, 3),
                CreatedAt = CreatedAt,
                ExpiresAt = CreatedAt.AddDays(1),
            },
            record);
        Assert.Equal(TimeSpan.Zero, record.CreatedAt.Offset);
    }

    [Fact]
    public void An_attempt_round_trips_to_the_same_record_keeping_the_instant()
    {
        var local = new DateTimeOffset(2025, 1, 1, 14, 0, 0, 250, TimeSpan.FromHours(2)).AddTicks(1234);

        var record = BsonSerializer.Deserialize<MongoIdempotencyDocument>(
            MongoIdempotencyDocument.From(Attempt with { CreatedAt = local, ExpiresAt = local }).ToBsonDocument()).ToRecord();

        // to the millisecond, like the SQLite store
        Assert.Equal(CreatedAt, record.CreatedAt);
        Assert.Equal(CreatedAt, record.ExpiresAt);
        Assert.Equal(
            new IdempotencyRecord
            {
                AttemptId = AttemptId,
                Owner = Owner,
                Key = "order-42",
                Fingerprint = "abc123",
                State = IdempotencyState.InProgress,
                CreatedAt = CreatedAt,
                ExpiresAt = CreatedAt,
            },
            record);
    }

    [Fact]
    public void A_request_owner_is_stored_under_the_request_id()
    {
        var document = MongoRequestOwnerDocument.From(RequestId, Owner, CreatedAt).ToBsonDocument();

        BsonAssert.Equal(
            $$"""{ "_id" : UUID("0f8fad5b-d9cb-469f-a165-70867728950e"), "owner" : "{{Owner}}", "createdAt" : ISODate("2025-01-01T12:00:00.250Z") }""",
            document);
        Assert.Equal(BsonBinarySubType.UuidStandard, document["_id"].AsBsonBinaryData.SubType);
        Assert.Equal(Owner, BsonSerializer.Deserialize<MongoRequestOwnerDocument>(document).Owner);
    }
}
