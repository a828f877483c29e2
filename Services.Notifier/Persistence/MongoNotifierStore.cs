using MongoDB.Driver;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// The Notifier's store in MongoDB, one document per delivery with its attempts embedded; the indexes are made at
/// start (<see cref="MongoNotifierSchema"/>).
/// </summary>
/// <remarks>
/// No multi-document transactions (they need a replica set): every state change is a single-document update, which
/// MongoDB applies atomically. Creating a delivery is one insert guarded by the unique event index. A claim is one
/// conditional find-and-modify (pending, due — a held lease is not due — then attempt count + 1 and the due time pushed
/// to the lease's end), so of any number of racing claimers exactly one matches. Recording an outcome is one update
/// that both logs the attempt and moves the status, conditional on the attempt still being the latest claim; that is
/// why attempts live inside the delivery rather than in a second collection, where a crash between two writes could
/// leave a status without its attempt. A superseded claim's attempt is only logged, never allowed to move the status.
/// A redelivery is one pipeline update of a finished delivery, so of racing redeliveries one matches and the rest find
/// it pending.
/// </remarks>
public sealed partial class MongoNotifierStore : INotifierStore
{
    private readonly IMongoCollection<MongoDeliveryDocument> _deliveries;

    public MongoNotifierStore(IMongoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _deliveries = database.GetCollection<MongoDeliveryDocument>(MongoNotifierDefinitions.CollectionName);
    }

    public async Task<bool> TryAddDeliveryAsync(NewDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await _deliveries.InsertOneAsync(MongoDeliveryDocument.From(delivery), options: null, cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<ClaimedDelivery?> TryClaimAsync(Guid deliveryId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var claimed = await _deliveries.FindOneAndUpdateAsync(
            MongoNotifierDefinitions.ClaimableById(deliveryId, now),
            MongoNotifierDefinitions.Claim(now, leaseUntil),
            ClaimOptions(sort: null),
            cancellationToken);
        return claimed?.ToClaimed();
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(
        DateTimeOffset now, DateTimeOffset leaseUntil, int limit, IReadOnlyCollection<string> busyHosts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentNullException.ThrowIfNull(busyHosts);

        // one atomic claim per delivery, oldest due first: MongoDB has no "update the first n and return them"; each
        // claimed host joins the excluded ones, so a round takes at most one per host
        var claimed = new List<ClaimedDelivery>(limit);
        var excludedHosts = new HashSet<string>(busyHosts, StringComparer.Ordinal);
        var options = ClaimOptions(MongoNotifierDefinitions.OldestDueFirst);
        while (claimed.Count < limit)
        {
            var next = await _deliveries.FindOneAndUpdateAsync(
                MongoNotifierDefinitions.ClaimableDue(now, [.. claimed.Select(delivery => delivery.Id)], excludedHosts),
                MongoNotifierDefinitions.Claim(now, leaseUntil),
                options,
                cancellationToken);
            if (next is null)
            {
                break;
            }
            claimed.Add(next.ToClaimed());
            if (next.Host is { } host)
            {
                excludedHosts.Add(host);
            }
        }
        return claimed;
    }

    public async Task RecordAttemptAsync(
        Guid deliveryId, DeliveryAttempt attempt, DeliveryStatus status, DateTimeOffset? nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);

        var outcome = await _deliveries.UpdateOneAsync(
            MongoNotifierDefinitions.HeldBy(deliveryId, attempt.Number),
            MongoNotifierDefinitions.RecordOutcome(attempt, status, nextAttemptAt, now),
            options: null,
            cancellationToken);
        if (outcome.MatchedCount == 0)
        {
            // a later claim took the delivery over (or this attempt is already recorded): that claim decides the
            // status, but the request this attempt sent did happen, so it belongs in the log
            await _deliveries.UpdateOneAsync(
                MongoNotifierDefinitions.WithoutAttempt(deliveryId, attempt.Number),
                MongoNotifierDefinitions.LogAttempt(attempt),
                options: null,
                cancellationToken);
        }
    }

    public async Task<RedeliveryOutcome> RedeliverAsync(Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var redelivered = await _deliveries.UpdateOneAsync(
            MongoNotifierDefinitions.Redeliverable(deliveryId),
            MongoNotifierDefinitions.Redeliver(now),
            options: null,
            cancellationToken);
        if (redelivered.MatchedCount == 1)
        {
            return RedeliveryOutcome.Redelivered;
        }
        var exists = await _deliveries.CountDocumentsAsync(
            MongoNotifierDefinitions.ById(deliveryId), new CountOptions { Limit = 1 }, cancellationToken);
        return exists == 0 ? RedeliveryOutcome.NotFound : RedeliveryOutcome.StillPending;
    }

    public async Task<DeliveryRecord?> FindAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var document = await _deliveries.Find(MongoNotifierDefinitions.ById(deliveryId)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToRecord();
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var documents = await _deliveries.Find(MongoNotifierDefinitions.ByRequest(requestId))
            .Sort(MongoNotifierDefinitions.OldestFirst)
            .ToListAsync(cancellationToken);
        return documents.ConvertAll(document => document.ToRecord());
    }

    private static FindOneAndUpdateOptions<MongoDeliveryDocument> ClaimOptions(SortDefinition<MongoDeliveryDocument>? sort) => new()
    {
        Sort = sort,
        Projection = MongoNotifierDefinitions.ClaimedFields,
        ReturnDocument = ReturnDocument.After,
    };
}
