using ImagePipeline.Storage.Files;

namespace ImagePipeline.ImageWorker.Tests.Support;

/// <summary>A file store that is down: the worker's infrastructure failing, not the image.</summary>
internal sealed class UnavailableFileStore : IFileStore
{
    public Task SaveAsync(string key, Stream content, CancellationToken cancellationToken) =>
        throw new IOException("the file store is unavailable");

    public Task<StoredFile?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        throw new IOException("the file store is unavailable");

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        throw new IOException("the file store is unavailable");
}
