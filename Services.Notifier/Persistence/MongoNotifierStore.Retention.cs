using MongoDB.Driver;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>A purge of one request's deliveries: their attempts are embedded, so one delete takes both.</summary>
public sealed partial class MongoNotifierStore
{
    public async Task<int> DeleteByRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var deleted = await _deliveries.DeleteManyAsync(MongoNotifierDefinitions.ByRequest(requestId), cancellationToken);
        return (int)deleted.DeletedCount;
    }
}
