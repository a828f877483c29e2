using System.Globalization;

namespace ImagePipeline.Benchmarks.Pages;

/// <summary>
/// The calls the console makes to open one request and move through it, each with the answer it must give: found by
/// walking every page of the request and of its failed products once (<see cref="PageWalk"/>), which also checks that
/// paging lists every product exactly once, in row order, and the filter exactly the products with a failed image.
/// A page the request does not have (a small request's page 101) is left out.
/// </summary>
public sealed record PagesProbes(IReadOnlyList<PageProbe> Probes, PageWalk Walk, PageWalk FailedWalk)
{
    public const string NoMatch = "no such product";

    public static async Task<PagesProbes> FindAsync(HttpClient client, Guid requestId, PagesCatalogue catalogue, int size, int hops)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var products = $"/api/requests/{requestId}/products?limit={size}";
        var walk = await PageWalk.RunAsync(client, products);
        var all = walk.Products.ToArray();
        if (!all.Select(p => p.SerialNumber).SequenceEqual(Enumerable.Range(1, catalogue.Products).Select(k => (long)k))
            || !all.Zip(all.Skip(1)).All(pair => pair.First.Row < pair.Second.Row))
        {
            throw new InvalidOperationException($"Paging the request listed {all.Length} products, not each of the {catalogue.Products} once in row order.");
        }
        var failed = all.Where(p => p.ImageStatuses.Contains("Failed")).ToArray();
        var failedWalk = await PageWalk.RunAsync(client, products + "&imageStatus=Failed");
        if (!failedWalk.Products.Select(p => p.SerialNumber).SequenceEqual(failed.Select(p => p.SerialNumber)))
        {
            throw new InvalidOperationException($"imageStatus=Failed listed {failedWalk.Products.Count()} products; the request has {failed.Length} with a failed image.");
        }

        var probes = new List<PageProbe>
        {
            new("open the request: its status", $"/api/requests/{requestId}", _ => null),
            new("… and its first page", walk.Paths[0], Expect(all, 0, size)),
        };
        if (walk.Paths.Count > 1)
        {
            probes.Add(new("Next page (page 2)", walk.Paths[1], Expect(all, 1, size)));
        }
        if (hops > 1 && walk.Paths.Count > hops)
        {
            probes.Add(new($"page {hops + 1}, after {hops} × Next", walk.Paths[hops], Expect(all, hops, size)));
        }
        if (walk.Paths.Count > 2)
        {
            probes.Add(new($"the last page (page {walk.Paths.Count})", walk.Paths[^1], Expect(all, walk.Paths.Count - 1, size)));
        }
        probes.Add(new("Show: Failed only", failedWalk.Paths[0], Expect(failed, 0, size)));
        if (failedWalk.Paths.Count > 1)
        {
            probes.Add(new("… Next page", failedWalk.Paths[1], Expect(failed, 1, size)));
        }
        if (failedWalk.Paths.Count > 2)
        {
            probes.Add(new($"… its last page (page {failedWalk.Paths.Count})", failedWalk.Paths[^1], Expect(failed, failedWalk.Paths.Count - 1, size)));
        }
        probes.Add(new("Show: Pending (none left: every product looked at)", products + "&imageStatus=Pending", Expect([], 0, size)));
        var name = $"Product {catalogue.Products * 3 / 4 + 7}";
        probes.Add(new("Find a name", products + "&q=" + Uri.EscapeDataString(name), Expect([.. all.Where(p => p.Name.Contains(name, StringComparison.OrdinalIgnoreCase))], 0, size)));
        var number = (catalogue.Products / 2 + 1).ToString(CultureInfo.InvariantCulture);
        probes.Add(new("Find a row or S. No.", products + "&q=" + number, Expect([.. all.Where(p => Matches(p, number))], 0, size)));
        probes.Add(new("Find, nothing matches (every product looked at)", products + "&q=" + Uri.EscapeDataString(NoMatch), Expect([], 0, size)));
        return new PagesProbes(probes, walk, failedWalk);
    }

    private static bool Matches(PageProduct product, string number) =>
        product.Name.Contains(number, StringComparison.OrdinalIgnoreCase)
        || product.Row.ToString(CultureInfo.InvariantCulture) == number
        || product.SerialNumber.ToString(CultureInfo.InvariantCulture) == number;

    /// <summary>Page <paramref name="index"/> of <paramref name="listing"/>: its products by S. No., and whether more follow.</summary>
    private static Func<ProductsPage, string?> Expect(IReadOnlyList<PageProduct> listing, int index, int size)
    {
        var expected = listing.Skip(index * size).Take(size).Select(p => p.SerialNumber).ToArray();
        var more = listing.Count > (index + 1) * size;
        return page => page.Products.Select(p => p.SerialNumber).SequenceEqual(expected) && (page.Next is not null) == more
            ? null
            : $"listed S. No. {Describe(page.Products.Select(p => p.SerialNumber))} (next page: {page.Next is not null}), expected {Describe(expected)} (next page: {more})";
    }

    private static string Describe(IEnumerable<long> serials)
    {
        var list = serials.ToArray();
        return list.Length == 0 ? "none" : $"{list[0]}…{list[^1]} ({list.Length})";
    }
}
