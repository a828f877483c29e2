namespace ImagePipeline.Ingest.Apis;

/// <summary>The answer of <c>GET /api/requests</c>: a page of the caller's requests, newest first.</summary>
public sealed record RequestListResponse(IReadOnlyList<RequestStatusResponse> Items, string? NextCursor);
