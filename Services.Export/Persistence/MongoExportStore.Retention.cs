using MongoDB.Driver;

namespace ImagePipeline.Export.Persistence;

/// <summary>A purge of one request's export document.</summary>
public sealed partial class MongoExportStore
{
    public Task DeleteAsync(Guid requestId, CancellationToken cancellationToken) =>
        _exports.DeleteOneAsync(MongoExportDefinitions.ByRequest(requestId), cancellationToken);
}
