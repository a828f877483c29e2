using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The indexes the store's queries rely on; the unique ones are also what makes re-inserting a request harmless.</summary>
internal static class MongoIngestIndexes
{
    public static IReadOnlyList<CreateIndexModel<MongoProductDocument>> Products { get; } =
    [
        // one document per CSV row; serves products in row order
        new(Builders<MongoProductDocument>.IndexKeys.Ascending(p => p.RequestId).Ascending(p => p.RowNumber),
            new CreateIndexOptions { Name = "requestId_row", Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<MongoImageDocument>> Images { get; } =
    [
        // one image per place in the CSV; serves a request's images in row and position order
        new(Builders<MongoImageDocument>.IndexKeys.Ascending(i => i.RequestId).Ascending(i => i.RowNumber).Ascending(i => i.Position),
            new CreateIndexOptions { Name = "requestId_row_position", Unique = true }),
        // pending images in order without a sort in memory, "any still pending?" and counts by status
        new(Builders<MongoImageDocument>.IndexKeys.Ascending(i => i.RequestId).Ascending(i => i.Status).Ascending(i => i.RowNumber).Ascending(i => i.Position),
            new CreateIndexOptions { Name = "requestId_status_row_position" }),
    ];
}
