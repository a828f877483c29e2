namespace ImagePipeline.TestSupport.Hostile;

/// <summary>A request a <see cref="RawHttpServer"/> received: its request-target (path and query) and when.</summary>
public sealed record RawRequest(string Target, DateTimeOffset ReceivedAt)
{
    public string Path => Target.Split('?', 2)[0];
}
