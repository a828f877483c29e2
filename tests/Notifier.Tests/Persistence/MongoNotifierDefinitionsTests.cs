using ImagePipeline.Notifier.Persistence;
using MongoDB.Bson;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>
/// Every filter, update, sort, projection and index the MongoDB notifier store sends, rendered as the server would
/// receive it and compared with what the operation needs.
/// </summary>
public sealed class MongoNotifierDefinitionsTests
{
    private const string Id = "01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e0f";
    private const string OtherId = "01943f5e-7b2a-7c3d-8e4f-5a6b7c8d9e10";
    private const string RequestId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, 250, TimeSpan.Zero);
    private static readonly DeliveryAttempt Attempt = new(3, 2, Now, 503, null, 41);

    private static readonly string AttemptJson =
        """{ "number" : 3, "series" : 2, "attemptedAt" : ISODate("2025-01-01T12:00:00.250Z"), "statusCode" : 503, "error" : null, "latencyMs" : NumberLong(41) }""";

    [Fact]
    public void A_delivery_is_found_by_its_id()
    {
        BsonAssert.Equal($$"""{ "_id" : UUID("{{Id}}") }""", BsonRendering.Render(MongoNotifierDefinitions.ById(Guid.Parse(Id))));
    }

    [Fact]
    public void A_request_lists_its_deliveries_by_request_id_oldest_first()
    {
        BsonAssert.Equal($$"""{ "requestId" : UUID("{{RequestId}}") }""", BsonRendering.Render(MongoNotifierDefinitions.ByRequest(Guid.Parse(RequestId))));
        BsonAssert.Equal("""{ "createdAt" : 1, "_id" : 1 }""", BsonRendering.Render(MongoNotifierDefinitions.OldestFirst));
    }

    [Fact]
    public void A_claim_by_id_matches_only_a_pending_delivery_that_is_due()
    {
        var filter = BsonRendering.Render(MongoNotifierDefinitions.ClaimableById(Guid.Parse(Id), Now));

        BsonAssert.Equal(
            $$"""{ "_id" : UUID("{{Id}}"), "status" : "Pending", "nextAttemptAt" : { "$lte" : ISODate("2025-01-01T12:00:00.250Z") } }""",
            filter);
    }

    [Fact]
    public void A_time_in_a_filter_is_the_stored_form_of_the_same_instant()
    {
        // sub-millisecond ticks and an offset: both sides go through StoredTime, so the server compares equal values
        var instant = new DateTimeOffset(2025, 1, 1, 14, 0, 0, 250, TimeSpan.FromHours(2)).AddTicks(9_999);
        var stored = MongoDeliveryDocument.From(
            new NewDelivery
            {
                Id = Guid.Parse(Id),
                EventId = "e",
                EventType = "request.completed",
                RequestId = Guid.Parse(RequestId),
                Url = "http://a.client.test/",
                Payload = "{}",
                CreatedAt = instant,
            }).ToBsonDocument();

        var filter = BsonRendering.Render(MongoNotifierDefinitions.ClaimableById(Guid.Parse(Id), instant));

        Assert.Equal(stored["nextAttemptAt"], filter["nextAttemptAt"]["$lte"]);
        Assert.Equal(stored["createdAt"], filter["nextAttemptAt"]["$lte"]);
    }

    [Fact]
    public void A_claim_of_due_deliveries_matches_pending_due_ones_not_yet_claimed_by_the_caller_oldest_due_first()
    {
        var first = BsonRendering.Render(MongoNotifierDefinitions.ClaimableDue(Now, [], []));
        var later = BsonRendering.Render(MongoNotifierDefinitions.ClaimableDue(Now, [Guid.Parse(Id), Guid.Parse(OtherId)], ["a.client.test"]));

        BsonAssert.Equal(
            """{ "status" : "Pending", "nextAttemptAt" : { "$lte" : ISODate("2025-01-01T12:00:00.250Z") }, "_id" : { "$nin" : [] }, "host" : { "$nin" : [] } }""",
            first);
        BsonAssert.Equal(
            $$"""{ "status" : "Pending", "nextAttemptAt" : { "$lte" : ISODate("2025-01-01T12:00:00.250Z") }, "_id" : { "$nin" : [UUID("{{Id}}"), UUID("{{OtherId}}")] }, "host" : { "$nin" : ["a.client.test"] } }""",
            later);
        BsonAssert.Equal("""{ "nextAttemptAt" : 1 }""", BsonRendering.Render(MongoNotifierDefinitions.OldestDueFirst));
    }

    [Fact]
    public void A_claim_takes_the_next_attempt_number_and_holds_the_delivery_until_the_lease_ends()
    {
        var update = BsonRendering.Render(MongoNotifierDefinitions.Claim(Now, Now.AddMinutes(1)));

        BsonAssert.Equal(
            """{ "$inc" : { "attemptCount" : 1 }, "$set" : { "nextAttemptAt" : ISODate("2025-01-01T12:01:00.250Z"), "updatedAt" : ISODate("2025-01-01T12:00:00.250Z") } }""",
            update);
    }

    [Fact]
    public void A_claim_returns_the_delivery_without_its_attempt_log()
    {
        BsonAssert.Equal("""{ "attempts" : 0 }""", BsonRendering.Render(MongoNotifierDefinitions.ClaimedFields));
    }

    [Fact]
    public void An_outcome_moves_the_delivery_only_while_its_attempt_is_the_latest_claim_and_not_yet_recorded()
    {
        var filter = BsonRendering.Render(MongoNotifierDefinitions.HeldBy(Guid.Parse(Id), 3));

        BsonAssert.Equal(
            $$"""{ "_id" : UUID("{{Id}}"), "attemptCount" : 3, "status" : "Pending", "attempts.number" : { "$ne" : 3 } }""",
            filter);
    }

    [Fact]
    public void An_outcome_sets_status_due_time_and_update_time_and_logs_the_attempt_in_order_in_one_update()
    {
        var retry = BsonRendering.Render(MongoNotifierDefinitions.RecordOutcome(Attempt, DeliveryStatus.Pending, Now.AddSeconds(5), Now.AddSeconds(1)));
        var delivered = BsonRendering.Render(MongoNotifierDefinitions.RecordOutcome(Attempt with { StatusCode = 200 }, DeliveryStatus.Delivered, null, Now.AddSeconds(1)));

        BsonAssert.Equal(
            $$"""
            {
              "$set" : { "status" : "Pending", "nextAttemptAt" : ISODate("2025-01-01T12:00:05.250Z"), "updatedAt" : ISODate("2025-01-01T12:00:01.250Z") },
              "$push" : { "attempts" : { "$each" : [{{AttemptJson}}], "$sort" : { "number" : 1 } } }
            }
            """,
            retry);
        Assert.Equal(BsonNull.Value, delivered["$set"]["nextAttemptAt"]);
        Assert.Equal("Delivered", delivered["$set"]["status"]);
        Assert.Equal(200, delivered["$push"]["attempts"]["$each"][0]["statusCode"]);
    }

    [Fact]
    public void A_superseded_attempt_is_only_logged_and_only_once()
    {
        var filter = BsonRendering.Render(MongoNotifierDefinitions.WithoutAttempt(Guid.Parse(Id), 3));
        var update = BsonRendering.Render(MongoNotifierDefinitions.LogAttempt(Attempt));

        BsonAssert.Equal($$"""{ "_id" : UUID("{{Id}}"), "attempts.number" : { "$ne" : 3 } }""", filter);
        BsonAssert.Equal($$"""{ "$push" : { "attempts" : { "$each" : [{{AttemptJson}}], "$sort" : { "number" : 1 } } } }""", update);
    }

    [Fact]
    public void A_redelivery_matches_the_delivery_only_when_it_is_finished()
    {
        var filter = BsonRendering.Render(MongoNotifierDefinitions.Redeliverable(Guid.Parse(Id)));

        BsonAssert.Equal($$"""{ "_id" : UUID("{{Id}}"), "status" : { "$ne" : "Pending" } }""", filter);
    }

    [Fact]
    public void A_redelivery_makes_it_pending_and_due_now_in_the_next_series_counting_attempts_from_the_current_count()
    {
        var update = BsonRendering.Render(MongoNotifierDefinitions.Redeliver(Now));

        // a pipeline update: "$series" and "$attemptCount" are the document's own fields, read in the same write
        var pipeline = Assert.IsType<BsonArray>(update);
        BsonAssert.Equal(
            """
            {
              "$set" : {
                "status" : "Pending",
                "nextAttemptAt" : ISODate("2025-01-01T12:00:00.250Z"),
                "updatedAt" : ISODate("2025-01-01T12:00:00.250Z"),
                "series" : { "$add" : [{ "$ifNull" : ["$series", 1] }, 1] },
                "attemptsBeforeSeries" : "$attemptCount"
              }
            }
            """,
            Assert.Single(pipeline));
    }

    [Fact]
    public void The_indexes_make_events_unique_and_serve_polling_and_the_request_log()
    {
        var indexes = MongoNotifierDefinitions.Indexes
            .Select(index => (Keys: BsonRendering.Render(index.Keys).ToJson(), index.Options.Name, Unique: index.Options.Unique ?? false))
            .ToArray();

        Assert.Equal(
            [
                ("""{ "eventId" : 1 }""", "ux_deliveries_event", true),
                ("""{ "status" : 1, "nextAttemptAt" : 1 }""", "ix_deliveries_due", false),
                ("""{ "requestId" : 1, "createdAt" : 1 }""", "ix_deliveries_request", false),
            ],
            indexes);
    }

    [Fact]
    public void Deliveries_live_in_the_deliveries_collection()
    {
        Assert.Equal("deliveries", MongoNotifierDefinitions.CollectionName);
    }
}
