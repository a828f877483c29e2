using Microsoft.AspNetCore.Http;

namespace ImagePipeline.TestSupport.Http;

/// <summary>Counters updated with Interlocked, so concurrent requests never lose a count.</summary>
internal sealed class OriginTally
{
    private int _requests;
    private int _conditional;
    private int _ok;
    private int _notModified;
    private int _notFound;
    private long _bodyBytes;

    public void Add(bool conditional, int status, long bodyBytes)
    {
        Interlocked.Increment(ref _requests);
        if (conditional)
        {
            Interlocked.Increment(ref _conditional);
        }
        switch (status)
        {
            case StatusCodes.Status200OK:
                Interlocked.Increment(ref _ok);
                break;
            case StatusCodes.Status304NotModified:
                Interlocked.Increment(ref _notModified);
                break;
            case StatusCodes.Status404NotFound:
                Interlocked.Increment(ref _notFound);
                break;
        }
        Interlocked.Add(ref _bodyBytes, bodyBytes);
    }

    public OriginCounts Snapshot() => new()
    {
        Requests = Volatile.Read(ref _requests),
        Conditional = Volatile.Read(ref _conditional),
        Ok = Volatile.Read(ref _ok),
        NotModified = Volatile.Read(ref _notModified),
        NotFound = Volatile.Read(ref _notFound),
        BodyBytes = Interlocked.Read(ref _bodyBytes),
    };

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _conditional, 0);
        Interlocked.Exchange(ref _ok, 0);
        Interlocked.Exchange(ref _notModified, 0);
        Interlocked.Exchange(ref _notFound, 0);
        Interlocked.Exchange(ref _bodyBytes, 0);
    }
}
