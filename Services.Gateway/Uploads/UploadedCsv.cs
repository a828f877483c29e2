namespace ImagePipeline.Gateway.Uploads;

/// <summary>An upload spooled to a temporary file that disappears when disposed.</summary>
public sealed class UploadedCsv(FileStream file, string? webhookUrl) : IAsyncDisposable
{
    public FileStream File { get; } = file;

    public string? WebhookUrl { get; } = webhookUrl;

    public long Length => File.Length;

    public Stream Rewind()
    {
        File.Position = 0;
        return File;
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();
}
