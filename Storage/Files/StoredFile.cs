namespace ImagePipeline.Storage.Files;

/// <summary>An open stored file; the caller disposes it.</summary>
public sealed class StoredFile(Stream content, long length, string contentType) : IAsyncDisposable
{
    public Stream Content { get; } = content;
    public long Length { get; } = length;
    public string ContentType { get; } = contentType;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
