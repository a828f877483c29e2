using ImagePipeline.Ingest.Persistence;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Tests.Persistence;

public sealed class MongoIngestIndexesTests
{
    [Fact]
    public void Products_are_unique_per_request_and_row()
    {
        var index = Assert.Single(MongoIngestIndexes.Products);

        Assert.Equal(BsonDocument.Parse("{ requestId: 1, row: 1 }"), index.Keys.Render(MongoIngestQueriesTests.Args<MongoProductDocument>()));
        Assert.Equal(("requestId_row", true), (index.Options.Name, index.Options.Unique));
    }

    [Fact]
    public void Images_are_unique_per_place_and_indexed_for_pending_reads()
    {
        Assert.Collection(
            MongoIngestIndexes.Images,
            place =>
            {
                Assert.Equal(BsonDocument.Parse("{ requestId: 1, row: 1, position: 1 }"), place.Keys.Render(MongoIngestQueriesTests.Args<MongoImageDocument>()));
                Assert.Equal(("requestId_row_position", true), (place.Options.Name, place.Options.Unique));
            },
            status =>
            {
                // equality on requestId and status, then the sort of ImageOrder: pending images stream without a sort in memory
                Assert.Equal(BsonDocument.Parse("{ requestId: 1, status: 1, row: 1, position: 1 }"), status.Keys.Render(MongoIngestQueriesTests.Args<MongoImageDocument>()));
                Assert.Equal(("requestId_status_row_position", null), (status.Options.Name, status.Options.Unique));
            });
    }
}
