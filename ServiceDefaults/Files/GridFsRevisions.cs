using MongoDB.Driver;
using MongoDB.Driver.GridFS;

namespace ImagePipeline.ServiceDefaults.Files;

/// <summary>How <see cref="GridFsFileStore"/> finds and orders the revisions of one key.</summary>
public static class GridFsRevisions
{
    /// <summary>GridFS's revision number for the most recently uploaded file of a name.</summary>
    public const int Newest = -1;

    /// <summary>Newest first; the id breaks ties of upload dates within one millisecond, so every reader of the list agrees.</summary>
    public static SortDefinition<GridFSFileInfo> NewestFirst { get; } = Builders<GridFSFileInfo>.Sort
        .Descending(file => file.UploadDateTime)
        .Descending(file => file.Id);

    /// <summary>Every stored revision of <paramref name="key"/>.</summary>
    public static FilterDefinition<GridFSFileInfo> Of(string key) =>
        Builders<GridFSFileInfo>.Filter.Eq(file => file.Filename, FileKey.EnsureValid(key));
}
