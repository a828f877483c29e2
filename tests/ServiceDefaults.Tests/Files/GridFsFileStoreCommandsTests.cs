using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>
/// The commands the GridFS store sends, seen by a stub that speaks the wire protocol (no MongoDB can run here): a save
/// takes its revision number from the server before it uploads, and readers and the cleanup order by that number.
/// </summary>
public sealed class GridFsFileStoreCommandsTests
{
    private const long Revision = 7;

    [Fact]
    public async Task A_save_takes_its_number_from_the_server_first_and_uploads_with_it()
    {
        await using var server = new MongoWireStub(Answer);
        using var client = new MongoClient(server.ConnectionString);

        await new GridFsFileStore(client.GetDatabase("filesdb")).SaveAsync("exports/a.csv", new MemoryStream("id,name\n"u8.ToArray()), default);

        var commands = server.Commands.Where(c => MongoWireStub.NameOf(c) is "findAndModify" or "insert").ToList();
        var take = commands[0];
        Assert.Equal(("findAndModify", "fs.counters"), (MongoWireStub.NameOf(take), take[0].AsString));
        Assert.Equal(new BsonDocument("_id", "revision"), take["query"]);
        Assert.Equal(BsonDocument.Parse("{ $inc: { value: NumberLong(1) } }"), take["update"]);
        Assert.True(take["upsert"].ToBoolean());
        var filesInsert = Assert.Single(commands, c => MongoWireStub.NameOf(c) == "insert" && c[0].AsString == "fs.files");
        Assert.True(commands.IndexOf(take) < commands.IndexOf(filesInsert));
        var file = filesInsert["documents"][0].AsBsonDocument;
        Assert.Equal(("exports/a.csv", new BsonDocument("revision", Revision)), (file["filename"].AsString, file["metadata"].AsBsonDocument));
        var cleanup = server.Commands.Last(c => MongoWireStub.NameOf(c) == "find" && c[0].AsString == "fs.files");
        Assert.Equal(BsonDocument.Parse("{ 'metadata.revision': -1, uploadDate: -1, _id: -1 }"), cleanup["sort"]);
    }

    [Fact]
    public async Task A_read_opens_the_highest_numbered_revision()
    {
        await using var server = new MongoWireStub(Answer);
        using var client = new MongoClient(server.ConnectionString);

        Assert.Null(await new GridFsFileStore(client.GetDatabase("filesdb")).OpenReadAsync("exports/a.csv", default));

        var find = server.Commands.First(c => MongoWireStub.NameOf(c) == "find" && c[0].AsString == "fs.files");
        Assert.Equal(new BsonDocument("filename", "exports/a.csv"), find["filter"]);
        Assert.Equal(BsonDocument.Parse("{ 'metadata.revision': -1, uploadDate: -1, _id: -1 }"), find["sort"]);
        Assert.Equal(1, find["limit"].ToInt32());
    }

    /// <summary>The counter is at <see cref="Revision"/>; collections are empty; writes succeed.</summary>
    private static BsonDocument? Answer(BsonDocument command) => MongoWireStub.NameOf(command) switch
    {
        "findAndModify" => new BsonDocument
        {
            { "lastErrorObject", new BsonDocument { { "n", 1 }, { "updatedExisting", true } } },
            { "value", new BsonDocument { { "_id", "revision" }, { "value", Revision } } },
            { "ok", 1.0 },
        },
        "find" or "listIndexes" or "aggregate" => new BsonDocument
        {
            { "cursor", new BsonDocument { { "id", 0L }, { "ns", $"{command["$db"]}.{command[0]}" }, { "firstBatch", new BsonArray() } } },
            { "ok", 1.0 },
        },
        "insert" => new BsonDocument { { "n", command["documents"].AsBsonArray.Count }, { "ok", 1.0 } },
        _ => null,
    };
}
