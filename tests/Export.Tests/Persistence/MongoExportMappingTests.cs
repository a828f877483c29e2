using ImagePipeline.Export.Persistence;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace ImagePipeline.Export.Tests.Persistence;

/// <summary>The MongoDB export store's documents and queries, checked without a server.</summary>
public sealed class MongoExportMappingTests
{
    private static readonly Guid RequestId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static readonly ExportRecord Export = new(RequestId, "exports/0f8fad5b.csv", 12, new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));

    private const string StoredExport = """
        {
          "_id" : UUID("0f8fad5b-d9cb-469f-a165-70867728950e"),
          "fileKey" : "exports/0f8fad5b.csv",
          "rowCount" : 12,
          "createdAt" : ISODate("2025-03-04T05:06:07.890Z"),
          "attempt" : 1
        }
        """;

    [Fact]
    public void An_export_is_stored_with_its_request_id_as_a_standard_uuid()
    {
        var document = MongoExportDocument.From(Export).ToBsonDocument();

        BsonAssert.Equal(StoredExport, document);
        Assert.Equal(BsonBinarySubType.UuidStandard, document["_id"].AsBsonBinaryData.SubType);
    }

    [Fact]
    public void A_stored_export_reads_back_as_the_same_record()
    {
        var bytes = MongoExportDocument.From(Export).ToBson();

        var record = BsonSerializer.Deserialize<MongoExportDocument>(bytes).ToRecord();

        Assert.Equal(Export, record);
        Assert.Equal(TimeSpan.Zero, record.CreatedAt.Offset);
    }

    [Fact]
    public void A_document_of_the_documented_shape_reads_as_an_export()
    {
        var withUnknownField = BsonDocument.Parse(StoredExport).Add("addedLater", "ignored");

        var record = BsonSerializer.Deserialize<MongoExportDocument>(withUnknownField).ToRecord();

        Assert.Equal(Export, record);
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_in_utc()
    {
        // 14:00:00.1234567 at +02:00 is 12:00:00.123 UTC once a BSON date holds it
        var local = new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        var document = MongoExportDocument.From(Export with { CreatedAt = local });

        Assert.Equal(new BsonDateTime(new DateTime(2025, 6, 1, 12, 0, 0, 123, DateTimeKind.Utc)), document.ToBsonDocument()["createdAt"]);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, 123, TimeSpan.Zero), document.ToRecord().CreatedAt);
    }

    [Fact]
    public void An_export_is_looked_up_by_its_id()
    {
        var filter = BsonRendering.Render(MongoExportDefinitions.ByRequest(RequestId));

        BsonAssert.Equal("""{ "_id" : UUID("0f8fad5b-d9cb-469f-a165-70867728950e") }""", filter);
    }

    [Fact]
    public void Exports_live_in_the_exports_collection()
    {
        Assert.Equal("exports", MongoExportDefinitions.CollectionName);
    }
}
