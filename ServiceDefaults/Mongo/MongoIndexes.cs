using MongoDB.Driver;

namespace ImagePipeline.ServiceDefaults.Mongo;

/// <summary>
/// Creates a collection's indexes once per store instance, on first use, whichever call comes first; a failed attempt
/// is retried by the next call. Creating an index that exists with the same definition is a no-op on the server, so
/// replicas starting together may all do it.
/// </summary>
public sealed class MongoIndexes<TDocument>(IMongoCollection<TDocument> collection, IEnumerable<CreateIndexModel<TDocument>> indexes)
{
    private readonly AsyncOnce _once = new(cancellationToken => collection.Indexes.CreateManyAsync(indexes, cancellationToken));

    public Task EnsureAsync(CancellationToken cancellationToken) => _once.RunAsync(cancellationToken);
}
