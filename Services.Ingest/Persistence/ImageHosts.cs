namespace ImagePipeline.Ingest.Persistence;

/// <summary>The origin an image is fetched from, as the per-host dispatch cap counts it: scheme, host and port.</summary>
public static class ImageHosts
{
    public static string Of(string sourceUrl) =>
        Uri.TryCreate(sourceUrl, UriKind.Absolute, out var url) ? $"{url.Scheme}://{url.IdnHost}:{url.Port}" : sourceUrl;
}
