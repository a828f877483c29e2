using ImagePipeline.Ingest.Persistence;
using ImagePipeline.TestSupport.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>
/// The commands a MongoDB purge sends, in order, seen by a stub that speaks the wire protocol (no MongoDB can run
/// here): the claim that a retry's move refuses must come before any delete, and a refused claim deletes nothing.
/// </summary>
public sealed class MongoIngestStorePurgeTests
{
    private static readonly Guid RequestId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public async Task A_purge_claims_the_finished_request_before_it_deletes_its_images_products_and_then_itself()
    {
        await using var server = new MongoWireStub(Answer(requestsMatched: 1));
        using var client = new MongoClient(server.ConnectionString);

        Assert.True(await new MongoIngestStore(client.GetDatabase("ingest")).DeleteRequestAsync(RequestId, default));

        var writes = Writes(server);
        Assert.Equal(
            [("update", "requests"), ("delete", "images"), ("delete", "products"), ("delete", "requests")],
            writes.Select(w => (MongoWireStub.NameOf(w), w[0].AsString)));
        var claim = writes[0]["updates"][0].AsBsonDocument;
        Assert.Equal(Rendered(MongoIngestDefinitions.PurgeableRequest(RequestId)), claim["q"]);
        Assert.Equal(BsonDocument.Parse("{ $set: { purging: true } }"), claim["u"]);
        Assert.Equal(Rendered(MongoIngestDefinitions.ClaimedForPurge(RequestId)), writes[3]["deletes"][0]["q"]);
    }

    [Fact]
    public async Task A_refused_claim_a_running_or_gone_request_deletes_nothing()
    {
        await using var server = new MongoWireStub(Answer(requestsMatched: 0));
        using var client = new MongoClient(server.ConnectionString);

        Assert.False(await new MongoIngestStore(client.GetDatabase("ingest")).DeleteRequestAsync(RequestId, default));

        Assert.Equal([("update", "requests")], Writes(server).Select(w => (MongoWireStub.NameOf(w), w[0].AsString)));
    }

    /// <summary>Every claim or delete matches <paramref name="requestsMatched"/> request (children: one each).</summary>
    private static Func<BsonDocument, BsonDocument?> Answer(int requestsMatched) => command => MongoWireStub.NameOf(command) switch
    {
        "update" => new BsonDocument { { "n", requestsMatched }, { "nModified", requestsMatched }, { "ok", 1.0 } },
        "delete" => new BsonDocument { { "n", 1 }, { "ok", 1.0 } },
        _ => null,
    };

    private static List<BsonDocument> Writes(MongoWireStub server) =>
        [.. server.Commands.Where(c => MongoWireStub.NameOf(c) is "insert" or "update" or "delete" or "findAndModify" or "find" or "aggregate")];

    private static BsonDocument Rendered(FilterDefinition<MongoRequestDocument> filter) =>
        filter.Render(MongoIngestDefinitionsTests.Args<MongoRequestDocument>());
}
