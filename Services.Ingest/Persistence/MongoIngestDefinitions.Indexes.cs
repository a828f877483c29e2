using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The indexes the store's queries rely on; the unique ones are also what makes re-inserting a request harmless.</summary>
internal static partial class MongoIngestDefinitions
{
    public static IReadOnlyList<CreateIndexModel<MongoProductDocument>> ProductIndexes { get; } =
    [
        // one document per CSV row; serves products in row order
        new(Builders<MongoProductDocument>.IndexKeys.Ascending(p => p.RequestId).Ascending(p => p.RowNumber),
            new CreateIndexOptions { Name = "requestId_row", Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<MongoImageDocument>> ImageIndexes { get; } =
    [
        // one image per place in the CSV; serves a request's images in row and position order
        new(Builders<MongoImageDocument>.IndexKeys.Ascending(i => i.RequestId).Ascending(i => i.RowNumber).Ascending(i => i.Position),
            new CreateIndexOptions { Name = "requestId_row_position", Unique = true }),
        // pending images in order without a sort in memory, "any still pending?" and counts by status
        new(Builders<MongoImageDocument>.IndexKeys.Ascending(i => i.RequestId).Ascending(i => i.Status).Ascending(i => i.RowNumber).Ascending(i => i.Position),
            new CreateIndexOptions { Name = "requestId_status_row_position" }),
        // a request's released images by origin (its window and its share of each origin)
        new(Builders<MongoImageDocument>.IndexKeys.Ascending(i => i.RequestId).Ascending(i => i.Host),
            new CreateIndexOptions<MongoImageDocument>
            {
                Name = "requestId_host_released",
                PartialFilterExpression = Builders<MongoImageDocument>.Filter.Eq(i => i.Status, ImageStatuses.Pending)
                    & Builders<MongoImageDocument>.Filter.Exists(i => i.LeaseUntil),
            }),
        // every request's released images of one origin (its pace is a limit across requests)
        new(Builders<MongoImageDocument>.IndexKeys.Ascending(i => i.Host),
            new CreateIndexOptions<MongoImageDocument>
            {
                Name = "host_released",
                PartialFilterExpression = Builders<MongoImageDocument>.Filter.Eq(i => i.Status, ImageStatuses.Pending)
                    & Builders<MongoImageDocument>.Filter.Exists(i => i.LeaseUntil),
            }),
        // released images whose lease runs out: the reconciler's sweep
        new(Builders<MongoImageDocument>.IndexKeys.Ascending(i => i.LeaseUntil),
            new CreateIndexOptions<MongoImageDocument>
            {
                Name = "leaseUntil_released",
                PartialFilterExpression = Builders<MongoImageDocument>.Filter.Eq(i => i.Status, ImageStatuses.Pending)
                    & Builders<MongoImageDocument>.Filter.Exists(i => i.LeaseUntil),
            }),
        // a running request's recent results: its rate in the status API
        new(Builders<MongoImageDocument>.IndexKeys.Ascending(i => i.RequestId).Ascending(i => i.CompletedAt),
            new CreateIndexOptions<MongoImageDocument>
            {
                Name = "requestId_completedAt",
                PartialFilterExpression = Builders<MongoImageDocument>.Filter.Exists(i => i.CompletedAt),
            }),
    ];

    public static IReadOnlyList<CreateIndexModel<MongoRequestDocument>> RequestIndexes { get; } =
    [
        // Exporting and finished-but-unacknowledged requests whose lease runs out
        new(Builders<MongoRequestDocument>.IndexKeys.Ascending(r => r.LeaseUntil),
            new CreateIndexOptions { Name = "leaseUntil", Sparse = true }),
        // the sweep's Processing requests, oldest first
        new(Builders<MongoRequestDocument>.IndexKeys.Ascending(r => r.Status).Ascending(r => r.RecordedAt),
            new CreateIndexOptions { Name = "status_recordedAt" }),
        // a client's list, newest first
        new(Builders<MongoRequestDocument>.IndexKeys.Ascending(r => r.ClientId).Descending(r => r.RecordedAt).Descending(r => r.Id),
            new CreateIndexOptions { Name = "clientId_recordedAt_id" }),
        // finished requests past their retention, oldest first: only finished requests have a completion time (a retry unsets it)
        new(Builders<MongoRequestDocument>.IndexKeys.Ascending(r => r.CompletedAt),
            new CreateIndexOptions { Name = "completedAt", Sparse = true }),
    ];
}
