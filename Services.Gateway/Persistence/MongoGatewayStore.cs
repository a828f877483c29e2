using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// The gateway's store in MongoDB: request owners keyed by request ID, and one document per (owner, Idempotency-Key);
/// the indexes are made at start (<see cref="MongoGatewaySchema"/>).
/// </summary>
/// <remarks>
/// No multi-document transactions (they need a replica set), and none needed: every operation changes one document.
/// Taking a key is an insert guarded by the unique (owner, key) index, so of racing attempts exactly one inserts; the
/// others read the holder. An expired holder the TTL monitor has not removed yet is deleted by its own ID and expiry
/// (never a newer record of the key) and the insert tried again. Completing and releasing are conditional on the
/// attempt's ID and the in-progress state, so an attempt that lost its key to a later one changes nothing.
/// </remarks>
public sealed class MongoGatewayStore : IGatewayStore
{
    // each round either inserts, finds a live holder, or removes an expired one; more rounds mean heavy contention
    private const int MaxBeginRounds = 8;

    private readonly IMongoCollection<MongoRequestOwnerDocument> _owners;
    private readonly IMongoCollection<MongoIdempotencyDocument> _keys;

    public MongoGatewayStore(IMongoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _owners = database.GetCollection<MongoRequestOwnerDocument>(MongoGatewayDefinitions.OwnersCollectionName);
        _keys = database.GetCollection<MongoIdempotencyDocument>(MongoGatewayDefinitions.IdempotencyCollectionName);
    }

    public async Task<bool> TryAddOwnerAsync(Guid requestId, string owner, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        try
        {
            await _owners.InsertOneAsync(MongoRequestOwnerDocument.From(requestId, owner, createdAt), options: null, cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<string?> FindOwnerAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var document = await _owners.Find(MongoGatewayDefinitions.OwnerOf(requestId)).FirstOrDefaultAsync(cancellationToken);
        return document?.Owner;
    }

    public async Task<IdempotencyRecord?> TryBeginAsync(NewIdempotencyAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var document = MongoIdempotencyDocument.From(attempt);
        for (var round = 0; round < MaxBeginRounds; round++)
        {
            try
            {
                await _keys.InsertOneAsync(document, options: null, cancellationToken);
                return null;
            }
            catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
            {
                // someone holds the key: read who, below
            }

            var holder = await _keys.Find(MongoGatewayDefinitions.KeyOf(attempt.Owner, attempt.Key)).FirstOrDefaultAsync(cancellationToken);
            if (holder is null)
            {
                continue;
            }
            if (holder.ExpiresAt > StoredTime.ToBson(now))
            {
                return holder.ToRecord();
            }
            await _keys.DeleteOneAsync(MongoGatewayDefinitions.Expired(holder.AttemptId, now), cancellationToken);
        }
        throw new InvalidOperationException($"The Idempotency-Key could be neither taken nor read in {MaxBeginRounds} rounds.");
    }

    public async Task<bool> TryCompleteAsync(Guid attemptId, AcceptedUpload accepted, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var outcome = await _keys.UpdateOneAsync(
            MongoGatewayDefinitions.HeldBy(attemptId), MongoGatewayDefinitions.Complete(accepted, expiresAt), options: null, cancellationToken);
        return outcome.ModifiedCount == 1;
    }

    public async Task<bool> ReleaseAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var outcome = await _keys.DeleteOneAsync(MongoGatewayDefinitions.HeldBy(attemptId), cancellationToken);
        return outcome.DeletedCount == 1;
    }

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(string owner, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(key);
        var document = await _keys.Find(MongoGatewayDefinitions.LiveKeyOf(owner, key, now)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToRecord();
    }
}
