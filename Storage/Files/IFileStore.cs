namespace ImagePipeline.Storage.Files;

/// <summary>
/// The shared store for uploaded CSVs, processed images and output CSVs. Keys are validated by <see cref="FileKey"/>;
/// saving an existing key replaces it, so a redelivered message overwrites rather than duplicates.
/// </summary>
public interface IFileStore
{
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a stored file, or returns null when the key holds nothing.</summary>
    Task<StoredFile?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes whatever the key holds (every revision, where the backend keeps several); deleting a key that holds
    /// nothing does nothing, so a purge can be repeated.
    /// </summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
