using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ImagePipeline.Storage.Files;

/// <summary>
/// A file store in an S3 bucket: the key is the object key. S3 makes a PUT, and a completed multipart upload, visible
/// whole or not at all, and a later write of a key replaces it, so readers never see half a file and racing writers
/// leave one whole object. A file larger than one part goes up in parts, one part in memory at a time; a failed or
/// cancelled multipart upload is aborted so its parts do not linger (a bucket lifecycle rule catches a crash).
/// </summary>
public sealed class S3FileStore : IFileStore
{
    public const int MinPartBytes = 5 * 1024 * 1024;
    public const int DefaultPartBytes = 8 * 1024 * 1024;

    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly int _partBytes;

    public S3FileStore(IAmazonS3 client, string bucket, int partBytes = DefaultPartBytes)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentOutOfRangeException.ThrowIfLessThan(partBytes, MinPartBytes);
        _client = client;
        _bucket = bucket;
        _partBytes = partBytes;
    }

    public string Bucket => _bucket;

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        FileKey.EnsureValid(key);
        ArgumentNullException.ThrowIfNull(content);

        var buffer = ArrayPool<byte>.Shared.Rent(_partBytes);
        try
        {
            var filled = await FillAsync(content, buffer, cancellationToken);
            if (filled < _partBytes)
            {
                await PutAsync(key, buffer, filled, cancellationToken);
            }
            else
            {
                await UploadInPartsAsync(key, content, buffer, filled, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<StoredFile?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        FileKey.EnsureValid(key);
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
            // seekable, so the gateway can answer range requests
            return new StoredFile(new S3ObjectStream(_client, _bucket, key, response), response.ContentLength, FileKey.ContentTypeOf(key));
        }
        catch (AmazonS3Exception ex) when (IsMissingKey(ex))
        {
            return null;
        }
    }

    /// <summary>Deleting a missing key succeeds in S3, so a purge can be repeated.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        FileKey.EnsureValid(key);
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
    }

    // a missing bucket is a misconfiguration, not a missing file
    private static bool IsMissingKey(AmazonS3Exception ex) =>
        ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket";

    private Task PutAsync(string key, byte[] buffer, int length, CancellationToken cancellationToken) =>
        _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
            ContentType = FileKey.ContentTypeOf(key),
            // a signed body of known length, never aws-chunked: see S3Clients
            UseChunkEncoding = false,
        }, cancellationToken);

    private async Task UploadInPartsAsync(string key, Stream content, byte[] buffer, int firstPart, CancellationToken cancellationToken)
    {
        var upload = await _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key, ContentType = FileKey.ContentTypeOf(key) }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var filled = firstPart; filled > 0; filled = await FillAsync(content, buffer, cancellationToken))
            {
                var part = await _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = parts.Count + 1,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
            }
            await _client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartETags = parts }, cancellationToken);
        }
        catch
        {
            await AbortAsync(key, upload.UploadId);
            throw;
        }
    }

    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            // not the caller's token: a cancelled save must still take its parts away
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, timeout.Token);
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or OperationCanceledException)
        {
            // the original failure matters more; a lifecycle rule removes the parts left behind
        }
    }

    private async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < _partBytes)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, _partBytes - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return filled;
    }
}
