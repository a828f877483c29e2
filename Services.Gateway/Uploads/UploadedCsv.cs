using ImagePipeline.Contracts;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>An upload spooled to a temporary file that disappears when disposed.</summary>
public sealed class UploadedCsv(FileStream file, string? webhookUrl, WebhookEventSelection webhookEvents, byte[] csvSha256, bool fresh = false) : IAsyncDisposable
{
    public FileStream File { get; } = file;

    public string? WebhookUrl { get; } = webhookUrl;

    /// <summary>The opt-in webhook events the upload asked for (<c>webhookEvents</c>).</summary>
    public WebhookEventSelection WebhookEvents { get; } = webhookEvents;

    /// <summary>The upload asked for a fresh run (<c>fresh=true</c>): nothing an earlier request made is reused.</summary>
    public bool Fresh { get; } = fresh;

    public long Length => File.Length;

    /// <summary>The payload's identity for Idempotency-Key checks (see <see cref="UploadFingerprint"/>).</summary>
    public string Fingerprint { get; } = UploadFingerprint.Of(csvSha256, webhookUrl, webhookEvents.Stored, fresh);

    public Stream Rewind()
    {
        File.Position = 0;
        return File;
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();
}
