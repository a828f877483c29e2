using System.Text.RegularExpressions;
using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The filters and updates of a request's webhook events.</summary>
internal static partial class MongoIngestDefinitions
{
    private static readonly BsonDocument ImagesDone = new("$add", new BsonArray { "$imagesSucceeded", "$imagesFailed" });

    /// <summary>
    /// A Processing request that asked for progress events, whose last one was claimed before
    /// <paramref name="lastSentBefore"/> (or never) and whose count of images done moved since.
    /// </summary>
    public static FilterDefinition<MongoRequestDocument> ProgressDue(Guid requestId, DateTimeOffset lastSentBefore) =>
        RequestFilter.Eq(r => r.Id, requestId)
        & RequestFilter.Eq(r => r.Status, RequestStatuses.Processing)
        & RequestFilter.Regex(r => r.WebhookEvents, new BsonRegularExpression($"(^|,){Regex.Escape(WebhookEvents.RequestProgress)}(,|$)"))
        & (RequestFilter.Eq(r => r.ProgressAt, null) | RequestFilter.Lte(r => r.ProgressAt, StoredTime.ToBson(lastSentBefore)))
        & new BsonDocument("$expr", new BsonDocument("$ne", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$progressDone", 0 }), ImagesDone }));

    /// <summary>Claims the progress event: an update pipeline, so the images done are read in the same write.</summary>
    public static UpdateDefinition<MongoRequestDocument> ClaimProgress(DateTimeOffset now) =>
        new PipelineUpdateDefinition<MongoRequestDocument>(new BsonDocument[]
        {
            new("$set", new BsonDocument
            {
                { "progressAt", new BsonDateTime(StoredTime.ToBson(now)) },
                { "progressDone", ImagesDone },
                { "eventSequence", new BsonDocument("$add", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$eventSequence", 0L }), 1L }) },
            }),
        });

    public static FilterDefinition<MongoImageDocument> Image(Guid requestId, Guid imageId) =>
        Builders<MongoImageDocument>.Filter.Eq(i => i.Id, imageId) & Builders<MongoImageDocument>.Filter.Eq(i => i.RequestId, requestId);

    public static UpdateDefinition<MongoRequestDocument> NextEventSequence() =>
        Builders<MongoRequestDocument>.Update.Inc(r => r.EventSequence, 1);
}
