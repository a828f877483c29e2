using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImagePipeline.Storage.Files;

/// <summary>What <c>AddFileStore</c> registers for an <c>s3://</c> connection string.</summary>
internal static class S3FileStoreRegistration
{
    public const string HealthCheckName = "s3_files";

    public static void Add(IServiceCollection services, string connectionString, FileStoreOptions options)
    {
        var address = S3BucketAddress.Parse(connectionString);
        if (options.MultipartPartBytes < S3FileStore.MinPartBytes)
        {
            throw new InvalidOperationException(
                $"Files:{nameof(FileStoreOptions.MultipartPartBytes)} must be at least {S3FileStore.MinPartBytes} (S3's smallest part); it is {options.MultipartPartBytes}.");
        }
        // built now, so a bad setting stops the service at start rather than at its first file
        var client = S3Clients.Create(address, options.AccessKey, options.SecretKey);

        services.AddKeyedSingleton<IAmazonS3>(Microsoft.Extensions.Hosting.FileStoreExtensions.ConnectionName, client);
        services.AddSingleton<IFileStore>(new S3FileStore(client, address.Bucket, options.MultipartPartBytes));
        if (options.UrlMode == FileUrlMode.Presigned)
        {
            services.AddSingleton<IDirectFileUrls>(new PresignedFileUrls(client, address, options.PresignedUrlLifetime, TimeProvider.System));
        }
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            HealthCheckName, _ => new S3BucketHealthCheck(client, address.Bucket, options.HealthCheckTimeout), failureStatus: default, tags: null));
    }
}
