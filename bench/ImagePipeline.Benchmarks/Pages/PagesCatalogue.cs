using ImagePipeline.Benchmarks.Images;
using ImagePipeline.Benchmarks.Pipeline;

namespace ImagePipeline.Benchmarks.Pages;

/// <summary>
/// A request of <see cref="Products"/> products with one image each, a share of them at a URL that answers <c>404</c>
/// and so fails for good, spread through the request (the same products every run). Product k is CSV row k with S. No.
/// k and the name <c>Product k</c> (<see cref="PipelineClient.Csv"/>).
/// </summary>
public sealed record PagesCatalogue(string Csv, int Products, IReadOnlyList<long> FailingSerials)
{
    public static PagesCatalogue Make(BenchImageServer server, BenchImage image, int products, double failedPercent, int firstUrl)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(image);
        var serials = Enumerable.Range(1, products).ToArray();
        new Random(20261206).Shuffle(serials);
        var failing = serials.Take((int)Math.Round(products * failedPercent / 100)).ToHashSet();
        var urls = Enumerable.Range(1, products)
            .Select(k => failing.Contains(k) ? server.MissingUrl(firstUrl + k) : server.Url(new MixedImage(image, k), firstUrl + k))
            .ToArray();
        return new PagesCatalogue(PipelineClient.Csv(urls, urlsPerProduct: 1), products, [.. failing.Order().Select(k => (long)k)]);
    }
}
