using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.ObjectStorage;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>What only the S3 store must do, on a real S3 API (Swift's s3api): parts, aborts, object metadata, presigned reads.</summary>
public sealed class S3FileStoreTests(SwiftS3ServerFixture swift) : IClassFixture<SwiftS3ServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private AmazonS3Client _client = null!;
    private string _bucket = "";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task A_file_larger_than_a_part_goes_up_in_parts_and_reads_back_whole()
    {
        var store = await StoreAsync();
        var bytes = Bytes(2 * S3FileStore.MinPartBytes + 123_457, seed: 1);

        await store.SaveAsync("exports/large.csv", new MemoryStream(bytes), Token());

        // an S3 ETag of a multipart object ends in the number of its parts
        var metadata = await _client.GetObjectMetadataAsync(_bucket, "exports/large.csv", Token());
        Assert.EndsWith("-3\"", metadata.ETag, StringComparison.Ordinal);
        await using var file = await store.OpenReadAsync("exports/large.csv", Token());
        Assert.Equal(bytes.Length, file!.Length);
        Assert.Equal(bytes, await ReadAllAsync(file.Content));
    }

    [SkippableFact]
    public async Task A_save_that_fails_between_parts_leaves_the_old_file_and_no_parts()
    {
        var store = await StoreAsync();
        await store.SaveAsync("images/kept.jpg", new MemoryStream([1, 2, 3]), Token());

        // the source breaks after more than one part has gone up
        var breaking = new BreakingStream(Bytes(S3FileStore.MinPartBytes + 10, seed: 2));
        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync("images/kept.jpg", breaking, Token()));

        await using var file = await store.OpenReadAsync("images/kept.jpg", Token());
        Assert.Equal([1, 2, 3], await ReadAllAsync(file!.Content));
        var uploads = await _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket }, Token());
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    [SkippableTheory]
    [InlineData("images/a.webp", "image/webp")]
    [InlineData("exports/a.csv", "text/csv; charset=utf-8")]
    public async Task The_object_carries_the_content_type_of_its_key_for_readers_that_bypass_the_gateway(string key, string contentType)
    {
        var store = await StoreAsync();

        await store.SaveAsync(key, new MemoryStream([1]), Token());

        var metadata = await _client.GetObjectMetadataAsync(_bucket, key, Token());
        Assert.Equal(contentType, metadata.Headers.ContentType);
    }

    [SkippableFact]
    public async Task A_presigned_url_reads_the_image_without_credentials()
    {
        var store = await StoreAsync();
        var bytes = Bytes(50_000, seed: 3);
        await store.SaveAsync("images/signed.jpg", new MemoryStream(bytes), Token());
        var urls = new PresignedFileUrls(_client, swift.Server.Location(_bucket), TimeSpan.FromMinutes(5), TimeProvider.System);

        using var http = new HttpClient();
        using var response = await http.GetAsync(urls.UrlOf("images/signed.jpg"), Token());
        using var unsigned = await http.GetAsync(new Uri(swift.Server.Endpoint, $"{_bucket}/images/signed.jpg"), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Token()));
        // the bucket is private: the signature is what opens it (Swift answers an anonymous read 400, AWS 403)
        Assert.False(unsigned.IsSuccessStatusCode, $"an unsigned read answered {unsigned.StatusCode}");
    }

    [SkippableFact]
    public async Task A_read_seeks_like_a_file_so_the_gateway_can_answer_ranges()
    {
        var store = await StoreAsync();
        var bytes = Bytes(300_000, seed: 4);
        await store.SaveAsync("images/ranged.jpg", new MemoryStream(bytes), Token());

        await using var file = await store.OpenReadAsync("images/ranged.jpg", Token());
        var head = new byte[1_000];
        await file!.Content.ReadExactlyAsync(head, Token());
        file.Content.Seek(250_000, SeekOrigin.Begin);
        var tail = await ReadAllAsync(file.Content);
        file.Content.Position = 0;
        var whole = await ReadAllAsync(file.Content);

        Assert.True(file.Content.CanSeek);
        Assert.Equal(bytes[..1_000], head);
        Assert.Equal(bytes[250_000..], tail);
        Assert.Equal(bytes, whole);
    }

    [SkippableFact]
    public async Task An_object_replaced_mid_read_fails_the_read_rather_than_mixing_versions()
    {
        var store = await StoreAsync();
        await store.SaveAsync("images/replaced.jpg", new MemoryStream(Bytes(300_000, seed: 5)), Token());
        await using var file = await store.OpenReadAsync("images/replaced.jpg", Token());
        await file!.Content.ReadExactlyAsync(new byte[1_000], Token());

        await store.SaveAsync("images/replaced.jpg", new MemoryStream(Bytes(300_000, seed: 6)), Token());
        file.Content.Seek(200_000, SeekOrigin.Begin);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => file.Content.ReadAsync(new byte[1_000], Token()).AsTask());
        Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
    }

    [SkippableFact]
    public async Task A_missing_bucket_is_an_error_not_a_missing_file()
    {
        await StoreAsync();
        var store = new S3FileStore(_client, "never-created-" + Guid.NewGuid().ToString("N")[..12]);

        await Assert.ThrowsAsync<AmazonS3Exception>(() => store.OpenReadAsync("images/a.jpg", Token()));
    }

    private async Task<S3FileStore> StoreAsync()
    {
        var server = swift.Server;
        _bucket = await server.CreateBucketAsync();
        _client = server.CreateClient();
        return new S3FileStore(_client, _bucket, S3FileStore.MinPartBytes);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static CancellationToken Token() => new CancellationTokenSource(Bound).Token;

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
