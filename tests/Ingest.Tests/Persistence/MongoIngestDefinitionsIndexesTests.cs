using ImagePipeline.Ingest.Persistence;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Tests.Persistence;

public sealed class MongoIngestDefinitionsIndexesTests
{
    [Fact]
    public void Products_are_unique_per_request_and_row()
    {
        var index = Assert.Single(MongoIngestDefinitions.ProductIndexes);

        Assert.Equal(BsonDocument.Parse("{ requestId: 1, row: 1 }"), index.Keys.Render(MongoIngestDefinitionsTests.Args<MongoProductDocument>()));
        Assert.Equal(("requestId_row", true), (index.Options.Name, index.Options.Unique));
    }

    [Fact]
    public void Images_are_unique_per_place_and_indexed_for_pending_reads()
    {
        Assert.Collection(
            MongoIngestDefinitions.ImageIndexes,
            place =>
            {
                Assert.Equal(BsonDocument.Parse("{ requestId: 1, row: 1, position: 1 }"), place.Keys.Render(MongoIngestDefinitionsTests.Args<MongoImageDocument>()));
                Assert.Equal(("requestId_row_position", true), (place.Options.Name, place.Options.Unique));
            },
            status =>
            {
                // equality on requestId and status, then the sort of ImageOrder: pending images stream without a sort in memory
                Assert.Equal(BsonDocument.Parse("{ requestId: 1, status: 1, row: 1, position: 1 }"), status.Keys.Render(MongoIngestDefinitionsTests.Args<MongoImageDocument>()));
                Assert.Equal(("requestId_status_row_position", null), (status.Options.Name, status.Options.Unique));
            },
            released =>
            {
                // only the images out with the workers: a request's window is counted from a handful of entries
                Assert.Equal(BsonDocument.Parse("{ requestId: 1, host: 1 }"), released.Keys.Render(MongoIngestDefinitionsTests.Args<MongoImageDocument>()));
                Assert.Equal("requestId_host_released", released.Options.Name);
                AssertPartial("{ status: 'Pending', leaseUntil: { $exists: true } }", released);
            },
            origin =>
            {
                // every request's images out from one origin: its limit holds across requests
                Assert.Equal(BsonDocument.Parse("{ host: 1 }"), origin.Keys.Render(MongoIngestDefinitionsTests.Args<MongoImageDocument>()));
                Assert.Equal("host_released", origin.Options.Name);
                AssertPartial("{ status: 'Pending', leaseUntil: { $exists: true } }", origin);
            },
            lease =>
            {
                Assert.Equal(BsonDocument.Parse("{ leaseUntil: 1 }"), lease.Keys.Render(MongoIngestDefinitionsTests.Args<MongoImageDocument>()));
                Assert.Equal("leaseUntil_released", lease.Options.Name);
                AssertPartial("{ status: 'Pending', leaseUntil: { $exists: true } }", lease);
            },
            completed =>
            {
                // only images with a result: a request's rate counts its recent ones from the index alone
                Assert.Equal(BsonDocument.Parse("{ requestId: 1, completedAt: 1 }"), completed.Keys.Render(MongoIngestDefinitionsTests.Args<MongoImageDocument>()));
                Assert.Equal("requestId_completedAt", completed.Options.Name);
                AssertPartial("{ completedAt: { $exists: true } }", completed);
            });
    }

    [Fact]
    public void Requests_are_indexed_for_the_sweep_and_the_list()
    {
        Assert.Equal(
            ["{ \"leaseUntil\" : 1 }", "{ \"status\" : 1, \"recordedAt\" : 1 }", "{ \"clientId\" : 1, \"recordedAt\" : -1, \"_id\" : -1 }", "{ \"completedAt\" : 1 }"],
            MongoIngestDefinitions.RequestIndexes.Select(i => i.Keys.Render(MongoIngestDefinitionsTests.Args<MongoRequestDocument>()).ToString()));
        Assert.True(MongoIngestDefinitions.RequestIndexes[0].Options.Sparse);
        // the retention sweep's: only finished requests carry a completion time
        Assert.Equal(("completedAt", true), (MongoIngestDefinitions.RequestIndexes[3].Options.Name, MongoIngestDefinitions.RequestIndexes[3].Options.Sparse));
    }

    private static void AssertPartial(string expected, CreateIndexModel<MongoImageDocument> index)
    {
        var options = Assert.IsType<CreateIndexOptions<MongoImageDocument>>(index.Options);
        Assert.Equal(BsonDocument.Parse(expected), options.PartialFilterExpression.Render(MongoIngestDefinitionsTests.Args<MongoImageDocument>()));
    }
}
