using Amazon.S3;
using Amazon.S3.Model;

namespace ImagePipeline.Storage.Files;

/// <summary>
/// A stored object as a seekable stream, as the directory and GridFS stores give, so the gateway can answer range
/// requests: reads continue one GET; a seek drops it, and the next read asks for the rest from the new position. Each
/// later GET is tied to the first one's ETag, so an object replaced mid-read fails the read instead of splicing two
/// versions.
/// </summary>
internal sealed class S3ObjectStream : Stream
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly string _etag;
    private readonly long _length;
    private GetObjectResponse? _response;
    private long _position;

    public S3ObjectStream(IAmazonS3 client, string bucket, string key, GetObjectResponse first)
    {
        _client = client;
        _bucket = bucket;
        _key = key;
        _response = first;
        _etag = first.ETag;
        _length = first.ContentLength;
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= _length || buffer.IsEmpty)
        {
            return 0;
        }
        _response ??= await _client.GetObjectAsync(new GetObjectRequest
        {
            BucketName = _bucket,
            Key = _key,
            ByteRange = new ByteRange(_position, _length - 1),
            EtagToMatch = _etag,
        }, cancellationToken);
        var read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            throw new IOException($"The object '{_key}' ended at {_position} of {_length} bytes.");
        }
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // the gateway and the services read asynchronously; this is for callers that cannot
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            DropResponse();
            _position = target;
        }
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DropResponse();
        }
        base.Dispose(disposing);
    }

    private void DropResponse()
    {
        _response?.Dispose();
        _response = null;
    }
}
