using Amazon.S3;
using Amazon.S3.Model;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.ObjectStorage;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>
/// The file store contract on a fresh bucket of a real S3 API (Swift's s3api, started for this class); skips with the
/// reason where Swift is not installed, fails under CI.
/// </summary>
public sealed class S3FileStoreContractTests(SwiftS3ServerFixture swift) : FileStoreContract, IClassFixture<SwiftS3ServerFixture>
{
    private AmazonS3Client? _client;
    private string _bucket = "";

    protected override async Task<IFileStore> CreateStoreAsync()
    {
        var server = swift.Server;
        _bucket = await server.CreateBucketAsync();
        _client = server.CreateClient();
        return new S3FileStore(_client, _bucket);
    }

    // a copy is the object itself or a multipart upload of it never completed nor aborted
    protected override async Task<int> CopiesOfAsync(string key)
    {
        var objects = await _client!.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = key });
        var uploads = await _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket, Prefix = key });
        return (objects.S3Objects ?? []).Count(o => o.Key == key) + (uploads.MultipartUploads ?? []).Count(u => u.Key == key);
    }

    protected override Task CleanUpAsync()
    {
        // the server and its directory go with the class fixture
        _client?.Dispose();
        return Task.CompletedTask;
    }
}
