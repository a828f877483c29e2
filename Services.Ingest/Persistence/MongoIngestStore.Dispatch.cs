using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Releasing images in windows, the reconciler's claims and the request list, without transactions: every claim is one
/// conditional update of one document, so two replicas never release or re-drive the same image. Two replicas filling
/// the same request's window at once can each see it short and overshoot it by their own release, which only makes
/// that request's share a little larger for a moment.
/// </summary>
public sealed partial class MongoIngestStore
{
    private static readonly FindOneAndUpdateOptions<MongoImageDocument> ImageAfter = new() { ReturnDocument = ReturnDocument.After };

    public async Task<IReadOnlyList<ImageRecord>> ReleaseImagesAsync(Guid requestId, DispatchWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var request = await _requests.Find(MongoIngestDefinitions.ProcessingRequest(requestId)).FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return [];
        }
        var outPerHost = (await _images.Find(MongoIngestDefinitions.ReleasedImagesOf(requestId)).Project(i => i.Host).ToListAsync(cancellationToken))
            .GroupBy(h => h, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var room = window.Size - outPerHost.Values.Sum();
        if (room <= 0)
        {
            return [];
        }

        var candidates = await _images.Find(MongoIngestDefinitions.UnreleasedImagesOf(requestId))
            .Sort(MongoIngestDefinitions.ImageOrder).Limit(room * 4).ToListAsync(cancellationToken);
        var released = new List<ImageRecord>(room);
        var outPerOrigin = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (released.Count == room)
            {
                break;
            }
            if (!outPerOrigin.TryGetValue(candidate.Host, out var outForOrigin))
            {
                outForOrigin = await _images.CountDocumentsAsync(MongoIngestDefinitions.ReleasedImagesFrom(candidate.Host), cancellationToken: cancellationToken);
                outPerOrigin[candidate.Host] = outForOrigin;
            }
            var outForHost = outPerHost.GetValueOrDefault(candidate.Host);
            if (outForHost >= window.Origins.RequestShareOf(candidate.Host) || outForOrigin >= window.Origins.LimitOf(candidate.Host))
            {
                continue;
            }
            var leased = await _images.FindOneAndUpdateAsync(
                MongoIngestDefinitions.UnreleasedImage(candidate.Id), MongoIngestDefinitions.Lease(window.LeaseUntil), ImageAfter, cancellationToken);
            if (leased is not null)
            {
                outPerHost[candidate.Host] = outForHost + 1;
                outPerOrigin[candidate.Host] = outForOrigin + 1;
                released.Add(leased.ToRecord());
            }
        }
        return request.Fresh ? released : await WithReusableAsync(request.ClientId, released, cancellationToken);
    }

    public async Task<StalledWork> ClaimStalledAsync(
        DateTimeOffset now, DateTimeOffset imageLeaseUntil, DateTimeOffset requestLeaseUntil, int max, CancellationToken cancellationToken)
    {
        var images = new List<ImageRecord>();
        while (images.Count < max
            && await _images.FindOneAndUpdateAsync(
                MongoIngestDefinitions.ExpiredImage(now), MongoIngestDefinitions.Lease(imageLeaseUntil), ImageAfter, cancellationToken) is { } image)
        {
            images.Add(image.ToRecord());
            await _requests.UpdateOneAsync(MongoIngestDefinitions.RequestById(image.RequestId), MongoIngestDefinitions.CountRedrive(), cancellationToken: cancellationToken);
        }
        var requests = new List<RequestRecord>();
        while (requests.Count < max
            && await _requests.FindOneAndUpdateAsync(
                MongoIngestDefinitions.ExpiredRequest(now), MongoIngestDefinitions.Redrive(requestLeaseUntil), ReturnAfter, cancellationToken) is { } request)
        {
            requests.Add(request.ToRecord());
        }
        return new StalledWork(images, requests);
    }

    public async Task<IReadOnlyList<Guid>> GetProcessingRequestsAsync(int max, CancellationToken cancellationToken)
    {
        return await _requests.Find(MongoIngestDefinitions.Processing).Sort(MongoIngestDefinitions.OldestFirst).Limit(max)
            .Project(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task MarkCompletionRecordedAsync(Guid requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _requests.UpdateOneAsync(
            MongoIngestDefinitions.FinishedRequest(requestId), MongoIngestDefinitions.CompletionRecorded(at), cancellationToken: cancellationToken);
    }

    public async Task<RequestPage> ListRequestsAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var documents = await _requests.Find(MongoIngestDefinitions.List(query)).Sort(MongoIngestDefinitions.NewestFirst)
            .Limit(query.Limit + 1).ToListAsync(cancellationToken);
        return RequestPage.From([.. documents.Select(d => d.ToRecord())], query.Limit);
    }
}
