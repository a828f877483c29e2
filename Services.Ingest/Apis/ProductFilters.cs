namespace ImagePipeline.Ingest.Apis;

/// <summary>The filters of <c>GET /api/requests/{id}/products</c>: <c>imageStatus</c> and <c>q</c>.</summary>
public static class ProductFilters
{
    public const int MaxSearchLength = 200;

    public static IReadOnlyList<string> ImageStatuses { get; } =
        [Persistence.ImageStatuses.Pending, Persistence.ImageStatuses.Succeeded, Persistence.ImageStatuses.Failed, Persistence.ImageStatuses.Cancelled];

    /// <summary>The filters as they continue a next-page link (empty when there are none).</summary>
    public static string Query(string? imageStatus, string? search) =>
        (imageStatus is null ? "" : $"&imageStatus={Uri.EscapeDataString(imageStatus)}")
        + (search is null ? "" : $"&q={Uri.EscapeDataString(search)}");
}
