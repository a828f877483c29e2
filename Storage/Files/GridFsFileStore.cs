using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.GridFS;

namespace ImagePipeline.Storage.Files;

/// <summary>
/// A file store in MongoDB GridFS: the key is the GridFS file name. GridFS writes a file's chunks before its
/// <c>files</c> document, so a name only ever shows complete revisions; a save uploads a new revision and then deletes
/// the older ones, so a redelivered message overwrites rather than duplicates. Which revision is newest is the number
/// the server handed the save (<see cref="GridFsRevisions"/>), never a machine's clock. Lookups by name use GridFS's
/// own <c>{filename: 1, uploadDate: 1}</c> index, which the bucket creates on its first upload.
/// </summary>
public sealed class GridFsFileStore : IFileStore
{
    public const string DefaultBucketName = "fs";

    private static readonly FindOneAndUpdateOptions<BsonDocument> TakeNext = new() { IsUpsert = true, ReturnDocument = ReturnDocument.After };

    private readonly GridFSBucket _bucket;
    private readonly IMongoCollection<BsonDocument> _counters;

    public GridFsFileStore(IMongoDatabase database, string bucketName = DefaultBucketName)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        _bucket = new GridFSBucket(database, new GridFSBucketOptions { BucketName = bucketName });
        _counters = database.GetCollection<BsonDocument>(GridFsRevisions.CountersCollection(bucketName));
    }

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        FileKey.EnsureValid(key);
        ArgumentNullException.ThrowIfNull(content);

        // numbered before the upload, so the revision carries its number from the moment it exists
        var counter = await _counters.FindOneAndUpdateAsync(GridFsRevisions.Counter, GridFsRevisions.NextRevision, TakeNext, cancellationToken);
        var options = new GridFSUploadOptions { Metadata = GridFsRevisions.Metadata(GridFsRevisions.ValueOf(counter)) };
        await _bucket.UploadFromStreamAsync(key, content, options, cancellationToken);
        await DeleteAllButNewestAsync(key, cancellationToken);
    }

    public async Task<StoredFile?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        FileKey.EnsureValid(key);
        // GridFS's own "newest revision" goes by uploadDate, the saver's clock; this goes by the revision number
        return await OpenNewestAsync(key, cancellationToken)
            // the revision found was deleted before it was opened: a newer save's cleanup (look again, the newer one
            // is there now) or a delete of the key (then there is none)
            ?? await OpenNewestAsync(key, cancellationToken);
    }

    private async Task<StoredFile?> OpenNewestAsync(string key, CancellationToken cancellationToken)
    {
        using var cursor = await _bucket.FindAsync(
            GridFsRevisions.Of(key), new GridFSFindOptions { Sort = GridFsRevisions.NewestFirst, Limit = 1 }, cancellationToken);
        if (await cursor.FirstOrDefaultAsync(cancellationToken) is not { } newest)
        {
            return null;
        }
        try
        {
            // seekable, so the gateway can answer range requests
            var stream = await _bucket.OpenDownloadStreamAsync(newest.Id, new GridFSDownloadOptions { Seekable = true }, cancellationToken);
            return new StoredFile(stream, stream.FileInfo.Length, FileKey.ContentTypeOf(key));
        }
        catch (GridFSFileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes every revision of the key, the one readers pick and any a crashed save left behind. A save racing the
    /// delete may leave its revision, which is what a save after the delete would have left too.
    /// </summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        using var cursor = await _bucket.FindAsync(GridFsRevisions.Of(key), cancellationToken: cancellationToken);
        foreach (var revision in await cursor.ToListAsync(cancellationToken))
        {
            await DeleteRevisionAsync(revision.Id, cancellationToken);
        }
    }

    /// <summary>
    /// Every saver keeps the newest revision it sees (by revision number) and deletes the rest. Two racing saves
    /// of one key both keep the same one when each sees both, and the later-listing save always sees the newest, so
    /// exactly one whole revision remains; a crash between upload and cleanup leaves an older revision that readers
    /// never pick and the next save removes. A reader part-way through a revision deleted under it gets an error from
    /// the driver (a missing chunk), never a silently short file.
    /// </summary>
    private async Task DeleteAllButNewestAsync(string key, CancellationToken cancellationToken)
    {
        using var cursor = await _bucket.FindAsync(
            GridFsRevisions.Of(key), new GridFSFindOptions { Sort = GridFsRevisions.NewestFirst }, cancellationToken);
        var revisions = await cursor.ToListAsync(cancellationToken);
        foreach (var stale in revisions.Skip(1))
        {
            await DeleteRevisionAsync(stale.Id, cancellationToken);
        }
    }

    private async Task DeleteRevisionAsync(ObjectId id, CancellationToken cancellationToken)
    {
        try
        {
            await _bucket.DeleteAsync(id, cancellationToken);
        }
        catch (GridFSFileNotFoundException)
        {
            // a concurrent save or delete of the same key deleted it first
        }
    }
}
