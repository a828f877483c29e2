using ImagePipeline.Storage.Files;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using MongoDB.Driver.GridFS;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>The queries the GridFS store sends, rendered to the BSON the server receives.</summary>
public sealed class GridFsRevisionsTests
{
    private static readonly RenderArgs<GridFSFileInfo> Args = new(GridFSFileInfoSerializer.Instance, BsonSerializer.SerializerRegistry);

    [Fact]
    public void Revisions_of_a_key_are_the_files_of_that_name()
    {
        var rendered = GridFsRevisions.Of("images/1f0c.jpg").Render(Args);

        Assert.Equal(new BsonDocument("filename", "images/1f0c.jpg"), rendered);
    }

    [Fact]
    public void Newest_first_orders_by_the_revision_number_the_server_handed_out_never_by_upload_date_first()
    {
        var rendered = GridFsRevisions.NewestFirst.Render(Args);

        // uploadDate is the saving machine's clock: it only orders revisions saved before they were numbered
        Assert.Equal(new BsonDocument { { "metadata.revision", -1 }, { "uploadDate", -1 }, { "_id", -1 } }, rendered);
    }

    [Fact]
    public void A_save_takes_its_number_from_one_counter_document_incremented_on_the_server()
    {
        var args = new RenderArgs<BsonDocument>(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry);

        Assert.Equal("fs.counters", GridFsRevisions.CountersCollection(GridFsFileStore.DefaultBucketName));
        Assert.Equal(new BsonDocument("_id", "revision"), GridFsRevisions.Counter.Render(args));
        Assert.Equal(new BsonDocument("$inc", new BsonDocument("value", 1L)), GridFsRevisions.NextRevision.Render(args));
        Assert.Equal(42L, GridFsRevisions.ValueOf(new BsonDocument { { "_id", "revision" }, { "value", 42L } }));
        Assert.Equal(new BsonDocument("revision", 42L), GridFsRevisions.Metadata(42));
    }

    [Fact]
    public void An_invalid_key_never_becomes_a_query()
    {
        Assert.Throws<ArgumentException>(() => GridFsRevisions.Of("../x"));
    }
}
