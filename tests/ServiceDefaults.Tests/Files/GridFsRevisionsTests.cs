using ImagePipeline.ServiceDefaults.Files;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
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
    public void Newest_first_orders_by_upload_date_then_id_both_descending()
    {
        var rendered = GridFsRevisions.NewestFirst.Render(Args);

        Assert.Equal(new BsonDocument { { "uploadDate", -1 }, { "_id", -1 } }, rendered);
    }

    [Fact]
    public void The_newest_revision_is_gridfs_revision_minus_one()
    {
        Assert.Equal(-1, GridFsRevisions.Newest);
    }

    [Fact]
    public void An_invalid_key_never_becomes_a_query()
    {
        Assert.Throws<ArgumentException>(() => GridFsRevisions.Of("../x"));
    }
}
