using ImagePipeline.Storage;

namespace ImagePipeline.Export.Persistence;

/// <summary>
/// The export collection's schema in MongoDB: nothing to make. Its one index is <c>_id</c>, which MongoDB makes with
/// the collection, and the collection comes with the first insert; the type exists so every store has its start-up step.
/// </summary>
public sealed class MongoExportSchema : IStoreSchema
{
    public string Name => "export (MongoDB)";

    public Task CreateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
