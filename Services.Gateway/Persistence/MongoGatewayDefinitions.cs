using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// Every filter, update and index the MongoDB gateway store uses, built in one place so tests can render them without a
/// server and check them against what each operation needs.
/// </summary>
internal static class MongoGatewayDefinitions
{
    public const string OwnersCollectionName = "requestOwners";
    public const string IdempotencyCollectionName = "idempotencyKeys";

    private static readonly FilterDefinitionBuilder<MongoIdempotencyDocument> Filter = Builders<MongoIdempotencyDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoIdempotencyDocument> Update = Builders<MongoIdempotencyDocument>.Update;
    private static readonly IndexKeysDefinitionBuilder<MongoIdempotencyDocument> Keys = Builders<MongoIdempotencyDocument>.IndexKeys;

    /// <summary>One record per owner and key: a second attempt to take a key is a duplicate key, never a second record.</summary>
    public static readonly CreateIndexModel<MongoIdempotencyDocument> UniqueOwnerKeyIndex = new(
        Keys.Ascending(record => record.Owner).Ascending(record => record.Key),
        new CreateIndexOptions { Name = "ux_idempotency_owner_key", Unique = true });

    /// <summary>The server deletes a record once its expiry has passed (its TTL monitor runs about once a minute).</summary>
    public static readonly CreateIndexModel<MongoIdempotencyDocument> ExpiryIndex = new(
        Keys.Ascending(record => record.ExpiresAt),
        new CreateIndexOptions { Name = "ttl_idempotency_expires", ExpireAfter = TimeSpan.Zero });

    public static IReadOnlyList<CreateIndexModel<MongoIdempotencyDocument>> IdempotencyIndexes { get; } = [UniqueOwnerKeyIndex, ExpiryIndex];

    public static FilterDefinition<MongoRequestOwnerDocument> OwnerOf(Guid requestId) =>
        Builders<MongoRequestOwnerDocument>.Filter.Eq(owner => owner.RequestId, requestId);

    /// <summary>The record of a key, expired or not (the TTL monitor may not have removed an expired one yet).</summary>
    public static FilterDefinition<MongoIdempotencyDocument> KeyOf(string owner, string key) =>
        Filter.And(Filter.Eq(record => record.Owner, owner), Filter.Eq(record => record.Key, key));

    /// <summary>The record of a key, if it has not expired.</summary>
    public static FilterDefinition<MongoIdempotencyDocument> LiveKeyOf(string owner, string key, DateTimeOffset now) =>
        Filter.And(KeyOf(owner, key), Filter.Gt(record => record.ExpiresAt, StoredTime.ToBson(now)));

    /// <summary>This very record, if it has expired: deleting it frees its key without touching a newer record of it.</summary>
    public static FilterDefinition<MongoIdempotencyDocument> Expired(Guid attemptId, DateTimeOffset now) =>
        Filter.And(Filter.Eq(record => record.AttemptId, attemptId), Filter.Lte(record => record.ExpiresAt, StoredTime.ToBson(now)));

    /// <summary>The attempt's record while the attempt is still accepting its upload.</summary>
    public static FilterDefinition<MongoIdempotencyDocument> HeldBy(Guid attemptId) =>
        Filter.And(Filter.Eq(record => record.AttemptId, attemptId), Filter.Eq(record => record.State, IdempotencyState.InProgress));

    /// <summary>The accepted upload's answer, kept until the key's lifetime ends.</summary>
    public static UpdateDefinition<MongoIdempotencyDocument> Complete(AcceptedUpload accepted, DateTimeOffset expiresAt) => Update
        .Set(record => record.State, IdempotencyState.Completed)
        .Set(record => record.RequestId, accepted.RequestId)
        .Set(record => record.ProductCount, accepted.ProductCount)
        .Set(record => record.ImageCount, accepted.ImageCount)
        .Set(record => record.ExpiresAt, StoredTime.ToBson(expiresAt));
}
