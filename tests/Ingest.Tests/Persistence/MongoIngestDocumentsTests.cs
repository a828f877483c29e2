using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>What each stored document looks like in BSON, and that reading it back gives the same values.</summary>
public sealed class MongoIngestDocumentsTests
{
    private static readonly Guid RequestId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid ImageId = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(2));

    [Fact]
    public void Request_document_has_uuid_id_string_status_and_utc_dates()
    {
        var document = new MongoRequestDocument
        {
            Id = RequestId, Status = RequestStatuses.CompletedWithErrors, CsvFileKey = "uploads/a.csv", WebhookUrl = "https://client.example/hook",
            ProductCount = 2, ImagesTotal = 3, ImagesSucceeded = 2, ImagesFailed = 1,
            SubmittedAt = StoredTime.ToBson(At), RecordedAt = StoredTime.ToBson(At.AddSeconds(1)), UpdatedAt = StoredTime.ToBson(At.AddSeconds(2)),
            CompletedAt = StoredTime.ToBson(At.AddSeconds(3)),
            OutputCsvKey = "outputs/a.csv", OutputCsvUrl = "http://gateway.test/files/outputs/a.csv", FailureReason = "partly",
        };

        var bson = document.ToBsonDocument();

        Assert.Equal(
            ["_id", "status", "csvFileKey", "webhookUrl", "productCount", "imagesTotal", "imagesSucceeded", "imagesFailed",
             "submittedAt", "recordedAt", "updatedAt", "completedAt", "outputCsvKey", "outputCsvUrl", "failureReason", "redrives", "attempt", "eventSequence", "progressDone"],
            bson.Names);
        AssertStandardUuid(RequestId, bson["_id"]);
        Assert.Equal(new BsonString("CompletedWithErrors"), bson["status"]);
        Assert.Equal(new BsonInt32(3), bson["imagesTotal"]);
        Assert.Equal(new BsonDateTime(new DateTime(2025, 3, 4, 3, 6, 7, 891, DateTimeKind.Utc)), bson["submittedAt"]);
        Assert.Equal(new BsonDateTime(new DateTime(2025, 3, 4, 3, 6, 10, 891, DateTimeKind.Utc)), bson["completedAt"]);
        var read = BsonSerializer.Deserialize<MongoRequestDocument>(bson).ToRecord();
        Assert.Equal(document.ToRecord(), read);
        Assert.Equal(TimeSpan.Zero, read.SubmittedAt.Offset);
    }

    [Fact]
    public void New_request_document_leaves_out_what_it_does_not_have_yet()
    {
        var document = MongoRequestDocument.New(new NewRequest
        {
            RequestId = RequestId,
            CsvFileKey = "uploads/a.csv",
            SubmittedAt = At,
            RecordedAt = At.AddSeconds(1),
        }, productCount: 2, imagesTotal: 3, failureReason: null);

        var bson = document.ToBsonDocument();

        Assert.Equal(
            ["_id", "status", "csvFileKey", "productCount", "imagesTotal", "imagesSucceeded", "imagesFailed", "submittedAt", "recordedAt", "updatedAt", "redrives", "attempt", "eventSequence", "progressDone"],
            bson.Names);
        Assert.Equal(new BsonString(RequestStatuses.Processing), bson["status"]);
        Assert.Equal(bson["recordedAt"], bson["updatedAt"]);
        var read = BsonSerializer.Deserialize<MongoRequestDocument>(bson).ToRecord();
        Assert.Equal(
            new RequestRecord
            {
                RequestId = RequestId, Status = RequestStatuses.Processing, CsvFileKey = "uploads/a.csv", ProductCount = 2, ImagesTotal = 3,
                ImagesSucceeded = 0, ImagesFailed = 0, SubmittedAt = At, RecordedAt = At.AddSeconds(1), UpdatedAt = At.AddSeconds(1),
            },
            read);
    }

    [Fact]
    public void New_request_document_that_failed_while_read_is_final_from_its_first_write()
    {
        var recordedAt = At.AddSeconds(1);
        var document = MongoRequestDocument.New(new NewRequest
        {
            RequestId = RequestId,
            CsvFileKey = "uploads/a.csv",
            SubmittedAt = At,
            RecordedAt = recordedAt,
        }, productCount: 0, imagesTotal: 0, failureReason: "row 0: missing");

        var read = BsonSerializer.Deserialize<MongoRequestDocument>(document.ToBsonDocument()).ToRecord();

        Assert.Equal(
            new RequestRecord
            {
                RequestId = RequestId, Status = RequestStatuses.Failed, CsvFileKey = "uploads/a.csv", ProductCount = 0, ImagesTotal = 0,
                ImagesSucceeded = 0, ImagesFailed = 0, SubmittedAt = At, RecordedAt = recordedAt, UpdatedAt = recordedAt, CompletedAt = recordedAt,
                FailureReason = "row 0: missing",
                // its completion is its first webhook event
                EventSequence = 1,
            },
            read);
    }

    [Fact]
    public void Product_document_keys_by_request_and_row()
    {
        var document = MongoProductDocument.New(RequestId, new NewProduct(7, 5_000_000_000, "Chair, oak", []));
        document.Id = ObjectId.Parse("65f0a1b2c3d4e5f601234567");

        var bson = document.ToBsonDocument();

        Assert.Equal(["_id", "requestId", "row", "serialNumber", "name"], bson.Names);
        Assert.Equal(new BsonObjectId(document.Id), bson["_id"]);
        AssertStandardUuid(RequestId, bson["requestId"]);
        Assert.Equal(new BsonInt32(7), bson["row"]);
        Assert.Equal(new BsonInt64(5_000_000_000), bson["serialNumber"]);
        var read = BsonSerializer.Deserialize<MongoProductDocument>(bson);
        Assert.Equal((document.Id, RequestId, 7, 5_000_000_000L, "Chair, oak"), (read.Id, read.RequestId, read.RowNumber, read.SerialNumber, read.Name));
    }

    [Fact]
    public void Pending_image_document_holds_only_its_place_and_source()
    {
        var document = MongoImageDocument.New(RequestId, 7, 2, new NewImage(ImageId, "https://img.example/a.jpg"));

        var bson = document.ToBsonDocument();

        Assert.Equal(["_id", "requestId", "row", "position", "sourceUrl", "status", "host", "attempts"], bson.Names);
        AssertStandardUuid(ImageId, bson["_id"]);
        AssertStandardUuid(RequestId, bson["requestId"]);
        Assert.Equal(new BsonString("Pending"), bson["status"]);
        Assert.Equal(
            new ImageRecord
            {
                ImageId = ImageId,
                RequestId = RequestId,
                RowNumber = 7,
                Position = 2,
                SourceUrl = "https://img.example/a.jpg",
                Status = ImageStatuses.Pending,
                Outcome = ImageOutcome.None,
            },
            BsonSerializer.Deserialize<MongoImageDocument>(bson).ToRecord());
    }

    [Fact]
    public void Image_document_with_a_result_round_trips_every_field()
    {
        var document = new MongoImageDocument
        {
            Id = ImageId, RequestId = RequestId, RowNumber = 7, Position = 2, SourceUrl = "https://img.example/a.jpg", Status = ImageStatuses.Succeeded,
            OutputKey = "images/a.jpg", OutputUrl = "http://gateway.test/files/images/a.jpg", BytesIn = 5_000_000_000, BytesOut = 1024,
            Width = 640, Height = 480, Format = "jpeg", SourceQuality = 90, OutputQuality = 45,
            ReasonCode = "none", Reason = "none", WorkerId = "worker-a", CompletedAt = StoredTime.ToBson(At),
        };

        var bson = document.ToBsonDocument();

        Assert.Equal(
            ["_id", "requestId", "row", "position", "sourceUrl", "status", "outputKey", "outputUrl", "bytesIn", "bytesOut",
             "width", "height", "format", "sourceQuality", "outputQuality", "reasonCode", "reason", "workerId", "completedAt", "host", "attempts"],
            bson.Names);
        Assert.Equal(new BsonInt64(5_000_000_000), bson["bytesIn"]);
        Assert.Equal(new BsonInt64(1024), bson["bytesOut"]);
        Assert.Equal(new BsonInt32(640), bson["width"]);
        Assert.Equal(new BsonDateTime(At.UtcDateTime), bson["completedAt"]);
        Assert.Equal(document.ToRecord(), BsonSerializer.Deserialize<MongoImageDocument>(bson).ToRecord());
        // every field of the outcome has its element, under the name the document stores it by
        Assert.Equal(
            ["outputKey", "outputUrl", "bytesIn", "bytesOut", "width", "height", "format", "sourceQuality", "outputQuality", "reasonCode", "reason", "workerId",
             "sourcePreviewKey", "sourcePreviewUrl", "outputPreviewKey", "outputPreviewUrl", "reuse"],
            MongoImageDocument.OutcomeElements(document.ToRecord().Outcome).Select(e => e.Element));
    }

    [Fact]
    public void Dates_keep_the_instant_to_the_millisecond_and_read_back_as_utc()
    {
        var document = MongoRequestDocument.New(new NewRequest
        {
            RequestId = RequestId,
            CsvFileKey = "uploads/a.csv",
            SubmittedAt = At.AddTicks(4_321),
            RecordedAt = At,
        }, 0, 0, failureReason: null);

        var read = BsonSerializer.Deserialize<MongoRequestDocument>(document.ToBsonDocument()).ToRecord();

        Assert.Equal(At, read.SubmittedAt);
        Assert.Equal(TimeSpan.Zero, read.SubmittedAt.Offset);
    }

    [Fact]
    public void Fields_a_later_version_adds_are_ignored_on_read()
    {
        var bson = MongoImageDocument.New(RequestId, 2, 0, new NewImage(ImageId, "https://img.example/a.jpg")).ToBsonDocument();
        bson.Add("addedLater", 1);

        Assert.Equal(ImageId, BsonSerializer.Deserialize<MongoImageDocument>(bson).Id);
    }

    private static void AssertStandardUuid(Guid expected, BsonValue actual)
    {
        var binary = Assert.IsType<BsonBinaryData>(actual);
        Assert.Equal(BsonBinarySubType.UuidStandard, binary.SubType);
        Assert.Equal(expected.ToByteArray(bigEndian: true), binary.Bytes);
    }
}
