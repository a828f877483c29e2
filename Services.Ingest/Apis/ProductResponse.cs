namespace ImagePipeline.Ingest.Apis;

/// <summary>One product of <c>GET /api/requests/{id}/products</c>, images in input order.</summary>
public sealed record ProductResponse(int Row, long SerialNumber, string ProductName, IReadOnlyList<ImageResponse> Images);
