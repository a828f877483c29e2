namespace ImagePipeline.Storage.Files;

/// <summary>An image's URL is the key under a fixed public base, such as a CDN in front of the bucket.</summary>
public sealed class PublicBaseFileUrls : IDirectFileUrls
{
    private readonly string _baseUrl;

    public PublicBaseFileUrls(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException(
                $"Files:{nameof(FileStoreOptions.BucketBaseUrl)} must be an absolute http(s) URL without a query or credentials for Files:UrlMode={FileUrlMode.PublicBase}.");
        }
        _baseUrl = baseUrl.TrimEnd('/');
    }

    public string UrlOf(string key) => $"{_baseUrl}/{FileKey.EnsureValid(key)}";
}
