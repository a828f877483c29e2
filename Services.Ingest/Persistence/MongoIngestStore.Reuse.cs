using ImagePipeline.Contracts;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Reuse without transactions. A release writes its use of an offered output (<c>reuseKey</c>) and then reads the
/// offer again; a purge deletes the offer and then looks for users. Each writes before it reads what the other writes,
/// so at least one of them sees the other: the release withdraws its use, or the purge keeps the file.
/// </summary>
public sealed partial class MongoIngestStore
{
    private static readonly ReplaceOptions Upsert = new() { IsUpsert = true };

    public async Task<bool> ReleaseOutputAsync(Guid requestId, string outputKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputKey);
        if (await _images.Find(MongoIngestDefinitions.UsersOf(outputKey, requestId)).AnyAsync(cancellationToken))
        {
            return false;
        }
        await _sourceVersions.DeleteManyAsync(MongoIngestDefinitions.VersionsOffering(outputKey), cancellationToken);
        return !await _images.Find(MongoIngestDefinitions.UsersOf(outputKey, requestId)).AnyAsync(cancellationToken);
    }

    public async Task<ReuseCounts> CountReusedAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in new[] { ImageReuse.SameRequest, ImageReuse.NotModified, ImageReuse.SameBytes })
        {
            counts[kind] = checked((int)await _images.CountDocumentsAsync(MongoIngestDefinitions.ReusedOf(requestId, kind), cancellationToken: cancellationToken));
        }
        return ReuseCounts.From(counts);
    }

    /// <summary>Attaches what the client's earlier requests made from each released image's URL.</summary>
    private async Task<IReadOnlyList<ImageRecord>> WithReusableAsync(string? clientId, List<ImageRecord> images, CancellationToken cancellationToken)
    {
        var clientKey = SourceVersionClient.KeyOf(clientId);
        var released = new List<ImageRecord>(images.Count);
        foreach (var image in images)
        {
            var offer = await FindVersionAsync(clientKey, image.SourceUrl, cancellationToken);
            if (offer is null)
            {
                released.Add(image);
                continue;
            }
            await _images.UpdateOneAsync(MongoIngestDefinitions.ImageById(image.ImageId), MongoIngestDefinitions.OfferReuse(offer.OutputKey), cancellationToken: cancellationToken);
            var still = await FindVersionAsync(clientKey, image.SourceUrl, cancellationToken);
            if (still?.OutputKey == offer.OutputKey)
            {
                released.Add(image with { Reusable = offer.ToReusable() });
            }
            else
            {
                await _images.UpdateOneAsync(MongoIngestDefinitions.ImageById(image.ImageId), MongoIngestDefinitions.WithdrawReuse(), cancellationToken: cancellationToken);
                released.Add(image);
            }
        }
        return released;
    }

    private async Task<MongoSourceVersionDocument?> FindVersionAsync(string clientKey, string sourceUrl, CancellationToken cancellationToken) =>
        await _sourceVersions.Find(MongoIngestDefinitions.SourceVersion(clientKey, sourceUrl)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Remembers the version a just-recorded success was made from, for the client's next request of its URL.</summary>
    private async Task RememberSourceAsync(ImageResult result, CancellationToken cancellationToken)
    {
        if (!result.Succeeded || result.Source is null || result.Outcome.OutputKey is null)
        {
            return;
        }
        var image = await _images.Find(MongoIngestDefinitions.ImageById(result.ImageId)).FirstOrDefaultAsync(cancellationToken);
        var request = image is null ? null : await FindRequestAsync(image.RequestId, cancellationToken);
        if (image is null || request is null)
        {
            return;
        }
        var clientKey = SourceVersionClient.KeyOf(request.ClientId);
        var existing = await FindVersionAsync(clientKey, image.SourceUrl, cancellationToken);
        var version = MongoIngestDefinitions.Remembered(clientKey, image.SourceUrl, result);
        version.Id = existing?.Id ?? MongoDB.Bson.ObjectId.GenerateNewId();
        await _sourceVersions.ReplaceOneAsync(MongoIngestDefinitions.SourceVersion(clientKey, image.SourceUrl), version, Upsert, cancellationToken);
    }
}
