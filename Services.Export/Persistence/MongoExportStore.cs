using MongoDB.Driver;

namespace ImagePipeline.Export.Persistence;

/// <summary>
/// The export store in MongoDB: one document per request, keyed by the request id. The <c>_id</c> index is the only one
/// needed (and always exists), so insert-if-absent is a plain insert: the first writer wins, a second gets a duplicate
/// key and reads the winner's document. One document per export needs no multi-document transaction.
/// </summary>
public sealed partial class MongoExportStore : IExportStore
{
    private readonly IMongoCollection<MongoExportDocument> _exports;

    public MongoExportStore(IMongoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _exports = database.GetCollection<MongoExportDocument>(MongoExportDefinitions.CollectionName);
    }

    public async Task<ExportRecord?> FindAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var document = await _exports.Find(MongoExportDefinitions.ByRequest(requestId)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToRecord();
    }

    public async Task<ExportRecord> AddIfAbsentAsync(ExportRecord export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        var document = MongoExportDocument.From(export);
        try
        {
            await _exports.InsertOneAsync(document, options: null, cancellationToken);
            return document.ToRecord();
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // another delivery of the message recorded first (its export is the one everybody announces), or an
            // earlier attempt's export is there and this one replaces it
            await _exports.ReplaceOneAsync(MongoExportDefinitions.EarlierAttempt(export.RequestId, export.Attempt), document, cancellationToken: cancellationToken);
            return await FindAsync(export.RequestId, cancellationToken)
                ?? throw new InvalidOperationException($"The export of request {export.RequestId} vanished after a duplicate key.", ex);
        }
    }
}
