using Amazon.S3;
using Amazon.S3.Model;

namespace ImagePipeline.Storage.Files;

/// <summary>
/// An image's URL is a presigned GET on the bucket: the bucket stays private, and whoever holds the URL reads that one
/// object until it expires. Signing is local, no request to the server.
/// </summary>
public sealed class PresignedFileUrls : IDirectFileUrls
{
    private readonly IAmazonS3 _client;
    private readonly S3BucketAddress _address;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public PresignedFileUrls(IAmazonS3 client, S3BucketAddress address, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(time);
        if (lifetime <= TimeSpan.Zero || lifetime > FileStoreOptions.MaxPresignedUrlLifetime)
        {
            throw new InvalidOperationException(
                $"Files:{nameof(FileStoreOptions.PresignedUrlLifetime)} must be more than zero and at most 7 days (SigV4's limit); it is {lifetime}.");
        }
        _client = client;
        _address = address;
        _lifetime = lifetime;
        _time = time;
    }

    public string UrlOf(string key) => _client.GetPreSignedURL(new GetPreSignedUrlRequest
    {
        BucketName = _address.Bucket,
        Key = FileKey.EnsureValid(key),
        Verb = HttpVerb.GET,
        Expires = _time.GetUtcNow().Add(_lifetime).UtcDateTime,
        // the SDK signs for https unless told: a plain-http endpoint needs its own scheme in the URL
        Protocol = _address.Endpoint?.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
    });
}
