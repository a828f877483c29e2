namespace ImagePipeline.Storage.Files;

/// <summary>A file store in one directory: keys are relative paths, writes land whole through a rename.</summary>
public sealed class DirectoryFileStore : IFileStore
{
    private readonly string _root;

    public DirectoryFileStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Directory.CreateDirectory(_root);
    }

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // a reader never sees half a file, and two writers of one key leave one whole copy
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(target, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<StoredFile?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            return Task.FromResult<StoredFile?>(new StoredFile(stream, stream.Length, FileKey.ContentTypeOf(key)));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<StoredFile?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        // File.Delete of a missing file is no error; a missing directory is one, and means the same here
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        FileKey.EnsureValid(key);
        var path = Path.GetFullPath(Path.Combine(_root, key));
        // FileKey already forbids "..", this keeps the store safe even if that rule changes
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' points outside the file store.", nameof(key));
        }
        return path;
    }
}
