namespace ImagePipeline.Storage.Files;

/// <summary>URLs that reach a stored image without the gateway (a CDN, or the bucket itself).</summary>
public interface IDirectFileUrls
{
    string UrlOf(string key);
}
