namespace ImagePipeline.Storage.Files;

/// <summary>Where the output image URLs the system hands out point (setting <c>Files:UrlMode</c>).</summary>
public enum FileUrlMode
{
    /// <summary><c>{PublicBaseUrl}/files/{key}</c>: every byte through the gateway, whatever the store.</summary>
    Gateway,

    /// <summary><c>{Files:BucketBaseUrl}/{key}</c>: a CDN or a bucket that serves <c>images/</c> to anyone.</summary>
    PublicBase,

    /// <summary>A presigned GET on the S3 bucket, valid for <c>Files:PresignedUrlLifetime</c>: a private bucket, no CDN.</summary>
    Presigned,
}
