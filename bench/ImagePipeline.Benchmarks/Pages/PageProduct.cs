using System.Text.Json;

namespace ImagePipeline.Benchmarks.Pages;

/// <summary>One product of a products page as the benchmark checks it: its row, S. No., name and its images' statuses.</summary>
public sealed record PageProduct(int Row, long SerialNumber, string Name, IReadOnlyList<string> ImageStatuses)
{
    public static PageProduct From(JsonElement product) => new(
        product.GetProperty("row").GetInt32(),
        product.GetProperty("serialNumber").GetInt64(),
        product.GetProperty("productName").GetString() ?? "",
        [.. product.GetProperty("images").EnumerateArray().Select(image => image.GetProperty("status").GetString() ?? "")]);
}
