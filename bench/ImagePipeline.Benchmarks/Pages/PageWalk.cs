namespace ImagePipeline.Benchmarks.Pages;

/// <summary>
/// Every page of a products listing in turn, from the first, by its Link header, as the console's Next button goes:
/// each page as it was answered (<see cref="Pages"/>[0] the first) and the path it was asked at.
/// </summary>
public sealed record PageWalk(IReadOnlyList<ProductsPage> Pages, IReadOnlyList<string> Paths)
{
    /// <summary>Every product listed, in the order the pages gave them.</summary>
    public IEnumerable<PageProduct> Products => Pages.SelectMany(p => p.Products);

    /// <summary>The time of each Next: every page's but the first's.</summary>
    public IEnumerable<TimeSpan> Hops => Pages.Skip(1).Select(p => p.Latency);

    public static async Task<PageWalk> RunAsync(HttpClient client, string firstPath)
    {
        ArgumentNullException.ThrowIfNull(client);
        var pages = new List<ProductsPage>();
        var paths = new List<string>();
        for (string? path = firstPath; path is not null;)
        {
            var page = await ProductsPage.GetAsync(client, path);
            pages.Add(page);
            paths.Add(path);
            path = page.Next;
        }
        return new PageWalk(pages, paths);
    }
}
