using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace ImagePipeline.Storage.Files;

/// <summary>The one way this system builds an S3 client, so every service talks to every S3 server the same way.</summary>
public static class S3Clients
{
    /// <summary>
    /// A client for <paramref name="address"/>. Checksums only where the API requires them: recent SDKs otherwise
    /// send every upload as <c>aws-chunked</c> with a checksum trailer, which Ceph RGW, Swift's s3api and others refuse.
    /// Without <paramref name="accessKey"/> the SDK's default credentials apply (environment, profile, instance role).
    /// </summary>
    public static AmazonS3Client Create(S3BucketAddress address, string? accessKey, string? secretKey)
    {
        ArgumentNullException.ThrowIfNull(address);
        var config = new AmazonS3Config
        {
            ForcePathStyle = address.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (address.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = address.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(address.Region);
        }

        if (string.IsNullOrEmpty(accessKey))
        {
            return new AmazonS3Client(config);
        }
        if (string.IsNullOrEmpty(secretKey))
        {
            throw new InvalidOperationException("Files:AccessKey is set but Files:SecretKey is not (AppHost parameter files-secret-key).");
        }
        return new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
    }
}
