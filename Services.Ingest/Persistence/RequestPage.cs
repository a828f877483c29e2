namespace ImagePipeline.Ingest.Persistence;

/// <summary>One page of a client's requests, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record RequestPage(IReadOnlyList<RequestRecord> Requests, string? NextCursor)
{
    /// <summary>A page from one row more than asked for: that row's presence is what says another page exists.</summary>
    public static RequestPage From(List<RequestRecord> requests, int limit)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count <= limit)
        {
            return new RequestPage(requests, null);
        }
        requests.RemoveRange(limit, requests.Count - limit);
        var last = requests[^1];
        return new RequestPage(requests, new RequestCursor(last.RecordedAt, last.RequestId).Encode());
    }
}
