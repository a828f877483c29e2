namespace ImagePipeline.Benchmarks.Pages;

/// <summary>
/// One call the benchmark times: what a person does in the console, the path the console GETs for it, and what the
/// answer must hold (<see cref="Check"/> says what is wrong with it, or null), so a fast wrong answer never counts.
/// </summary>
public sealed record PageProbe(string Action, string Path, Func<ProductsPage, string?> Check)
{
    public async Task<ProductsPage> RunAsync(HttpClient client)
    {
        var page = await ProductsPage.GetAsync(client, Path);
        return Check(page) is { } problem ? throw new InvalidOperationException($"GET {Path} ({Action}): {problem}") : page;
    }
}
