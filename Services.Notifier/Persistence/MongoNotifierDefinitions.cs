using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// Every filter, update, sort, projection and index the MongoDB notifier store uses, built in one place so tests can
/// render them without a server and check them against what each operation needs.
/// </summary>
internal static class MongoNotifierDefinitions
{
    public const string CollectionName = "deliveries";

    private const string AttemptNumberPath = "attempts.number";

    private static readonly FilterDefinitionBuilder<MongoDeliveryDocument> Filter = Builders<MongoDeliveryDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoDeliveryDocument> Update = Builders<MongoDeliveryDocument>.Update;
    private static readonly SortDefinitionBuilder<MongoDeliveryDocument> Sort = Builders<MongoDeliveryDocument>.Sort;
    private static readonly IndexKeysDefinitionBuilder<MongoDeliveryDocument> Keys = Builders<MongoDeliveryDocument>.IndexKeys;

    /// <summary>One event, one delivery: the unique index turns a second insert of an event into a duplicate key.</summary>
    public static readonly CreateIndexModel<MongoDeliveryDocument> UniqueEventIndex = new(
        Keys.Ascending(delivery => delivery.EventId),
        new CreateIndexOptions { Name = "ux_deliveries_event", Unique = true });

    /// <summary>Polling: pending deliveries, by due time.</summary>
    public static readonly CreateIndexModel<MongoDeliveryDocument> DueIndex = new(
        Keys.Ascending(delivery => delivery.Status).Ascending(delivery => delivery.NextAttemptAt),
        new CreateIndexOptions { Name = "ix_deliveries_due" });

    /// <summary>The delivery log of one request, oldest first.</summary>
    public static readonly CreateIndexModel<MongoDeliveryDocument> ByRequestIndex = new(
        Keys.Ascending(delivery => delivery.RequestId).Ascending(delivery => delivery.CreatedAt),
        new CreateIndexOptions { Name = "ix_deliveries_request" });

    public static IReadOnlyList<CreateIndexModel<MongoDeliveryDocument>> Indexes { get; } = [UniqueEventIndex, DueIndex, ByRequestIndex];

    public static FilterDefinition<MongoDeliveryDocument> ById(Guid deliveryId) => Filter.Eq(delivery => delivery.Id, deliveryId);

    public static FilterDefinition<MongoDeliveryDocument> ByRequest(Guid requestId) => Filter.Eq(delivery => delivery.RequestId, requestId);

    public static SortDefinition<MongoDeliveryDocument> OldestFirst { get; } =
        Sort.Ascending(delivery => delivery.CreatedAt).Ascending(delivery => delivery.Id);

    /// <summary>This delivery, if pending and due (a claimed one is not due until its lease ends).</summary>
    public static FilterDefinition<MongoDeliveryDocument> ClaimableById(Guid deliveryId, DateTimeOffset now) =>
        Filter.And(ById(deliveryId), Filter.Eq(delivery => delivery.Status, DeliveryStatus.Pending), DueBy(now));

    /// <summary>
    /// Any pending, due delivery but those already claimed by this round of claims (a lease that ends before
    /// <c>now</c> must not hand one delivery to the same caller twice) and those of <paramref name="excludedHosts"/>:
    /// the caller's busy hosts and the hosts this round already claimed one for. A document without a host (from
    /// before the per-host cap) is never excluded.
    /// </summary>
    public static FilterDefinition<MongoDeliveryDocument> ClaimableDue(
        DateTimeOffset now, IReadOnlyCollection<Guid> alreadyClaimed, IReadOnlyCollection<string> excludedHosts) =>
        Filter.And(
            Filter.Eq(delivery => delivery.Status, DeliveryStatus.Pending),
            DueBy(now),
            Filter.Nin(delivery => delivery.Id, alreadyClaimed),
            Filter.Nin(delivery => delivery.Host, excludedHosts));

    public static SortDefinition<MongoDeliveryDocument> OldestDueFirst { get; } = Sort.Ascending(delivery => delivery.NextAttemptAt);

    /// <summary>The claim: the next attempt number is taken and the due time pushed out to the end of the lease.</summary>
    public static UpdateDefinition<MongoDeliveryDocument> Claim(DateTimeOffset now, DateTimeOffset leaseUntil) => Update
        .Inc(delivery => delivery.AttemptCount, 1)
        .Set(delivery => delivery.NextAttemptAt, StoredTime.ToBson(leaseUntil))
        .Set(delivery => delivery.UpdatedAt, StoredTime.ToBson(now));

    /// <summary>A claim hands back what sending needs; the attempt log stays on the server.</summary>
    public static ProjectionDefinition<MongoDeliveryDocument> ClaimedFields { get; } =
        Builders<MongoDeliveryDocument>.Projection.Exclude(delivery => delivery.Attempts);

    /// <summary>The delivery, if attempt <paramref name="attemptNumber"/> is still its latest claim and not yet recorded.</summary>
    public static FilterDefinition<MongoDeliveryDocument> HeldBy(Guid deliveryId, int attemptNumber) => Filter.And(
        ById(deliveryId),
        Filter.Eq(delivery => delivery.AttemptCount, attemptNumber),
        Filter.Eq(delivery => delivery.Status, DeliveryStatus.Pending),
        AttemptNotRecorded(attemptNumber));

    /// <summary>The delivery, if attempt <paramref name="attemptNumber"/> is not in its log yet.</summary>
    public static FilterDefinition<MongoDeliveryDocument> WithoutAttempt(Guid deliveryId, int attemptNumber) =>
        Filter.And(ById(deliveryId), AttemptNotRecorded(attemptNumber));

    /// <summary>The latest claim's outcome: the attempt joins the log and the delivery moves on, in one update.</summary>
    public static UpdateDefinition<MongoDeliveryDocument> RecordOutcome(
        DeliveryAttempt attempt, DeliveryStatus status, DateTimeOffset? nextAttemptAt, DateTimeOffset now) => Update
        .Set(delivery => delivery.Status, status)
        .Set(delivery => delivery.NextAttemptAt, nextAttemptAt is { } next ? StoredTime.ToBson(next) : null)
        .Set(delivery => delivery.UpdatedAt, StoredTime.ToBson(now))
        .PushEach(delivery => delivery.Attempts, [MongoDeliveryAttemptDocument.From(attempt)], sort: AttemptsInOrder);

    /// <summary>A superseded claim's attempt: it did happen, so it is logged, but it moves nothing.</summary>
    public static UpdateDefinition<MongoDeliveryDocument> LogAttempt(DeliveryAttempt attempt) =>
        Update.PushEach(delivery => delivery.Attempts, [MongoDeliveryAttemptDocument.From(attempt)], sort: AttemptsInOrder);

    /// <summary>The delivery, if it is finished (delivered, failed or disabled): a pending one may have an attempt in flight.</summary>
    public static FilterDefinition<MongoDeliveryDocument> Redeliverable(Guid deliveryId) =>
        Filter.And(ById(deliveryId), Filter.Ne(delivery => delivery.Status, DeliveryStatus.Pending));

    /// <summary>
    /// A new series: pending and due at once, the series number one up, and the attempts so far set aside so the
    /// schedule starts over. A pipeline update, because the attempt count is copied from the document itself.
    /// </summary>
    public static UpdateDefinition<MongoDeliveryDocument> Redeliver(DateTimeOffset now) =>
        Update.Pipeline(PipelineDefinition<MongoDeliveryDocument, MongoDeliveryDocument>.Create(
            new BsonDocument("$set", new BsonDocument
            {
                { "status", DeliveryStatus.Pending.ToString() },
                { "nextAttemptAt", StoredTime.ToBson(now) },
                { "updatedAt", StoredTime.ToBson(now) },
                // a document from before redelivery existed has no series: it was in series 1
                { "series", new BsonDocument("$add", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$series", 1 }), 1 }) },
                { "attemptsBeforeSeries", "$attemptCount" },
            })));

    // a late attempt may be logged after a later one: sorting on push keeps the log in attempt order
    private static SortDefinition<MongoDeliveryAttemptDocument> AttemptsInOrder { get; } =
        Builders<MongoDeliveryAttemptDocument>.Sort.Ascending(attempt => attempt.Number);

    private static FilterDefinition<MongoDeliveryDocument> DueBy(DateTimeOffset now) =>
        Filter.Lte(delivery => delivery.NextAttemptAt, StoredTime.ToBson(now));

    private static FilterDefinition<MongoDeliveryDocument> AttemptNotRecorded(int attemptNumber) =>
        Filter.Ne(new StringFieldDefinition<MongoDeliveryDocument, int>(AttemptNumberPath), attemptNumber);
}
