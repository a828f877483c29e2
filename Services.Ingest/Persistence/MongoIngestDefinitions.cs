using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Every collection, index, filter, update and sort <see cref="MongoIngestStore"/> uses, built in one class (split by
/// topic) so tests can render them and check each conditional write says what its idempotency depends on.
/// </summary>
internal static partial class MongoIngestDefinitions
{
    public const string RequestsCollection = "requests";
    public const string ProductsCollection = "products";
    public const string ImagesCollection = "images";

    private static readonly FilterDefinitionBuilder<MongoRequestDocument> RequestFilter = Builders<MongoRequestDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoRequestDocument> RequestUpdate = Builders<MongoRequestDocument>.Update;
    private static readonly FilterDefinitionBuilder<MongoImageDocument> ImageFilter = Builders<MongoImageDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoImageDocument> ImageUpdate = Builders<MongoImageDocument>.Update;

    public static FilterDefinition<MongoRequestDocument> RequestById(Guid requestId) =>
        RequestFilter.Eq(r => r.Id, requestId);

    /// <summary>Results are counted only while the request is Processing: once Exporting its counters are final.</summary>
    public static FilterDefinition<MongoRequestDocument> ProcessingRequest(Guid requestId) =>
        RequestFilter.Eq(r => r.Id, requestId) & RequestFilter.Eq(r => r.Status, RequestStatuses.Processing);

    public static UpdateDefinition<MongoRequestDocument> CountResult(bool succeeded, int slots, DateTimeOffset at) =>
        RequestUpdate
            .Inc(succeeded ? r => r.ImagesSucceeded : r => r.ImagesFailed, slots)
            .Max(r => r.UpdatedAt, StoredTime.ToBson(at));

    public static FilterDefinition<MongoProductDocument> ProductsOf(Guid requestId) =>
        Builders<MongoProductDocument>.Filter.Eq(p => p.RequestId, requestId);

    /// <summary>A request's products after a row (a page starts after the last row of the one before).</summary>
    public static FilterDefinition<MongoProductDocument> ProductsOf(Guid requestId, int afterRow) =>
        Builders<MongoProductDocument>.Filter.Eq(p => p.RequestId, requestId) & Builders<MongoProductDocument>.Filter.Gt(p => p.RowNumber, afterRow);

    public static SortDefinition<MongoProductDocument> ProductOrder { get; } =
        Builders<MongoProductDocument>.Sort.Ascending(p => p.RowNumber);

    public static FilterDefinition<MongoImageDocument> ImagesOf(Guid requestId) =>
        ImageFilter.Eq(i => i.RequestId, requestId);

    public static FilterDefinition<MongoImageDocument> ImagesOf(Guid requestId, int afterRow) =>
        ImageFilter.Eq(i => i.RequestId, requestId) & ImageFilter.Gt(i => i.RowNumber, afterRow);

    public static FilterDefinition<MongoImageDocument> ImagesWithStatus(Guid requestId, string status) =>
        ImageFilter.Eq(i => i.RequestId, requestId) & ImageFilter.Eq(i => i.Status, status);

    public static SortDefinition<MongoImageDocument> ImageOrder { get; } =
        Builders<MongoImageDocument>.Sort.Ascending(i => i.RowNumber).Ascending(i => i.Position);

    /// <summary>The image, only while it has no result: the one write that decides whether a result counts.</summary>
    public static FilterDefinition<MongoImageDocument> PendingImage(Guid requestId, Guid imageId) =>
        ImageFilter.Eq(i => i.Id, imageId)
        & ImageFilter.Eq(i => i.RequestId, requestId)
        & ImageFilter.Eq(i => i.Status, ImageStatuses.Pending);

    /// <summary>Sets the result's status and only the fields it carries, so absent stays absent.</summary>
    public static UpdateDefinition<MongoImageDocument> RecordResult(ImageResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var updates = new List<UpdateDefinition<MongoImageDocument>>
        {
            ImageUpdate.Set(i => i.Status, result.Succeeded ? ImageStatuses.Succeeded : ImageStatuses.Failed),
        };
        updates.AddRange(MongoImageDocument.OutcomeElements(result.Outcome)
            .Where(e => e.Value is not null)
            .Select(e => ImageUpdate.Set(e.Element, e.Value)));
        updates.Add(ImageUpdate.Set(i => i.CompletedAt, StoredTime.ToBson(result.CompletedAt)));
        // the image's own output (or failure) now says which output it uses; the key it was offered no longer does
        updates.Add(ImageUpdate.Unset(i => i.ReuseKey));
        return ImageUpdate.Combine(updates);
    }
}
