using MongoDB.Bson;
using ImagePipeline.Gateway.Persistence;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>
/// Every filter, update and index the MongoDB gateway store sends, rendered as the server would receive it and compared
/// with what the operation needs.
/// </summary>
public sealed class MongoGatewayDefinitionsTests
{
    private const string AttemptId = "01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f";
    private const string RequestId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public void An_owner_is_found_by_the_request_id()
    {
        BsonAssert.Equal($$"""{ "_id" : UUID("{{RequestId}}") }""", BsonRendering.Render(MongoGatewayDefinitions.OwnerOf(Guid.Parse(RequestId))));
    }

    [Fact]
    public void A_key_is_found_by_owner_and_key_and_a_live_one_only_before_its_expiry()
    {
        BsonAssert.Equal("""{ "owner" : "abc", "key" : "order-42" }""", BsonRendering.Render(MongoGatewayDefinitions.KeyOf("abc", "order-42")));
        BsonAssert.Equal(
            """{ "owner" : "abc", "key" : "order-42", "expiresAt" : { "$gt" : ISODate("2025-01-01T12:00:00.250Z") } }""",
            BsonRendering.Render(MongoGatewayDefinitions.LiveKeyOf("abc", "order-42", Now)));
    }

    [Fact]
    public void A_time_in_a_filter_is_the_stored_form_of_the_same_instant()
    {
        // sub-millisecond ticks and an offset: both sides go through StoredTime, so the server compares equal values
        var instant = new DateTimeOffset(2025, 1, 1, 14, 0, 0, 250, TimeSpan.FromHours(2)).AddTicks(9_999);
        var stored = MongoIdempotencyDocument.From(
            new NewIdempotencyAttempt(Guid.Parse(AttemptId), "abc", "order-42", "f", instant, instant)).ToBsonDocument();

        var filter = BsonRendering.Render(MongoGatewayDefinitions.LiveKeyOf("abc", "order-42", instant));

        Assert.Equal(stored["expiresAt"], filter["expiresAt"]["$gt"]);
        Assert.Equal(stored["expiresAt"], BsonRendering.Render(MongoGatewayDefinitions.Expired(Guid.Parse(AttemptId), instant))["expiresAt"]["$lte"]);
    }

    [Fact]
    public void An_expired_record_is_removed_by_its_own_id_and_only_while_expired()
    {
        BsonAssert.Equal(
            $$"""{ "_id" : UUID("{{AttemptId}}"), "expiresAt" : { "$lte" : ISODate("2025-01-01T12:00:00.250Z") } }""",
            BsonRendering.Render(MongoGatewayDefinitions.Expired(Guid.Parse(AttemptId), Now)));
    }

    [Fact]
    public void Completing_and_releasing_touch_only_the_attempts_own_record_while_in_progress()
    {
        BsonAssert.Equal(
            $$"""{ "_id" : UUID("{{AttemptId}}"), "state" : "InProgress" }""",
            BsonRendering.Render(MongoGatewayDefinitions.HeldBy(Guid.Parse(AttemptId))));
    }

    [Fact]
    public void Completing_keeps_the_answer_and_moves_the_expiry_to_the_end_of_the_keys_lifetime()
    {
        var update = BsonRendering.Render(MongoGatewayDefinitions.Complete(new AcceptedUpload(Guid.Parse(RequestId), 2, 3), Now.AddDays(1)));

        BsonAssert.Equal(
            $$"""
            { "$set" : { "state" : "Completed", "requestId" : UUID("{{RequestId}}"), "productCount" : 2, "imageCount" : 3,
                         "expiresAt" : ISODate("2025-01-02T12:00:00.250Z") } }
            """,
            update);
    }

    [Fact]
    public void One_record_per_owner_and_key()
    {
        var index = MongoGatewayDefinitions.UniqueOwnerKeyIndex;

        BsonAssert.Equal("""{ "owner" : 1, "key" : 1 }""", BsonRendering.Render(index.Keys));
        Assert.True(index.Options.Unique);
        Assert.Equal("ux_idempotency_owner_key", index.Options.Name);
    }

    [Fact]
    public void Records_expire_at_their_own_expiry_time()
    {
        var index = MongoGatewayDefinitions.ExpiryIndex;

        BsonAssert.Equal("""{ "expiresAt" : 1 }""", BsonRendering.Render(index.Keys));
        Assert.Equal(TimeSpan.Zero, index.Options.ExpireAfter);
        Assert.Equal("ttl_idempotency_expires", index.Options.Name);
        Assert.Equal([MongoGatewayDefinitions.UniqueOwnerKeyIndex, MongoGatewayDefinitions.ExpiryIndex], MongoGatewayDefinitions.IdempotencyIndexes);
    }
}
