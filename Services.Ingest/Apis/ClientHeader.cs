namespace ImagePipeline.Ingest.Apis;

/// <summary>
/// The header the gateway sets to the caller's API-key fingerprint on the routes that are not about one request (it
/// removes any copy a client sent). Absent when API keys are off: the list is then of requests uploaded without a key.
/// </summary>
public static class ClientHeader
{
    public const string Name = "X-ImagePipeline-Client";
}
