namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Whose memory of source versions a request reads and writes: its client's. Uploads made without API keys are one
/// client, keyed <see cref="NoClient"/>. Both backends key their memory this way.
/// </summary>
public static class SourceVersionClient
{
    public const string NoClient = "";

    public static string KeyOf(string? clientId) => clientId ?? NoClient;
}
