using MongoDB.Driver;

namespace ImagePipeline.ServiceDefaults.Mongo;

/// <summary>
/// Creates a collection's indexes once per store instance, on first use, whichever call comes first; a failed attempt
/// is retried by the next call. Creating an index that exists with the same definition is a no-op on the server, so
/// replicas starting together may all do it.
/// </summary>
public sealed class MongoIndexes<TDocument>(IMongoCollection<TDocument> collection, IEnumerable<CreateIndexModel<TDocument>> indexes)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _ready;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await collection.Indexes.CreateManyAsync(indexes, cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
