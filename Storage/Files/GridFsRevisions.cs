using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.GridFS;

namespace ImagePipeline.Storage.Files;

/// <summary>
/// How <see cref="GridFsFileStore"/> numbers, finds and orders the revisions of one key.
/// <para>
/// Which revision is newest is decided by the database, never by a saver's clock: GridFS's own <c>uploadDate</c> (what
/// its "revision -1" reads by) is written by the driver from the saving machine's clock, and so is a driver-made
/// <c>ObjectId</c>, so with savers on several machines a clock running ahead kept an older output CSV after a retry.
/// Before it uploads, a save takes the next number of one counter document per bucket
/// (<c>{bucket}.counters</c>, <c>_id: "revision"</c>, an atomic <c>$inc</c> on the server) and uploads with it in
/// <c>metadata.revision</c>, so the number is in the revision's <c>files</c> document from the moment it exists. An
/// update pipeline stamping <c>$$NOW</c> after the upload was not taken: it needs a second write, and a crash
/// between the two would leave a revision ordered by the client's clock after all. The counter is never reset or
/// deleted (a delete racing a save could otherwise hand out a number again): it is one document per bucket.
/// </para>
/// </summary>
public static class GridFsRevisions
{
    /// <summary>The <c>metadata</c> element of a revision's <c>files</c> document that holds its number.</summary>
    public const string RevisionElement = "revision";

    /// <summary>The counter document's id in the bucket's counters collection.</summary>
    public const string CounterId = "revision";

    private const string CounterValue = "value";

    /// <summary>The collection of the bucket's revision counter, beside GridFS's own <c>{bucket}.files</c> and <c>{bucket}.chunks</c>.</summary>
    public static string CountersCollection(string bucketName) => $"{bucketName}.counters";

    /// <summary>The bucket's revision counter.</summary>
    public static FilterDefinition<BsonDocument> Counter { get; } = Builders<BsonDocument>.Filter.Eq("_id", CounterId);

    /// <summary>Takes the next revision number, on the server, in one write (created at 1 on the first save).</summary>
    public static UpdateDefinition<BsonDocument> NextRevision { get; } = Builders<BsonDocument>.Update.Inc(CounterValue, 1L);

    /// <summary>The number a counter document returned after <see cref="NextRevision"/> holds.</summary>
    public static long ValueOf(BsonDocument counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        return counter[CounterValue].ToInt64();
    }

    /// <summary>What a revision is uploaded with.</summary>
    public static BsonDocument Metadata(long revision) => new(RevisionElement, revision);

    /// <summary>
    /// Newest first: the highest revision number. A revision saved before revisions were numbered has none and sorts
    /// below every numbered one; among those, upload date then id, as GridFS orders them. Only a key's one or two
    /// revisions are sorted, found through GridFS's <c>{filename: 1, uploadDate: 1}</c> index, so no index is added.
    /// </summary>
    public static SortDefinition<GridFSFileInfo> NewestFirst { get; } = Builders<GridFSFileInfo>.Sort
        .Descending($"metadata.{RevisionElement}")
        .Descending(file => file.UploadDateTime)
        .Descending(file => file.Id);

    /// <summary>Every stored revision of <paramref name="key"/>.</summary>
    public static FilterDefinition<GridFSFileInfo> Of(string key) =>
        Builders<GridFSFileInfo>.Filter.Eq(file => file.Filename, FileKey.EnsureValid(key));
}
