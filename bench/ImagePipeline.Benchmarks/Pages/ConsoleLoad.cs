using ImagePipeline.Chromium;
using Microsoft.Playwright;

namespace ImagePipeline.Benchmarks.Pages;

/// <summary>
/// The console's own first load of a request's page, in a fresh browser context each time (nothing cached: the
/// console's files, the status, the first page, the previews), timed by the page's own clock (<c>performance.now()</c>,
/// from the navigation's start; Playwright polls at every animation frame): until the first page's products are
/// listed; until the previews in view are drawn once the view is on the products (as soon as they are listed); and the
/// Next button until the second page is listed.
/// </summary>
public sealed record ConsoleLoad(TimeSpan Listed, TimeSpan PreviewsDrawn, TimeSpan NextListed)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(1);

    private const string ListedScript = """
        ([first, size]) => document.querySelectorAll('#products > li').length === size
            && (document.getElementById('products-note')?.textContent ?? '').startsWith(`Products ${first}–`)
            && Math.max(performance.now(), 0.001)
        """;

    private const string PreviewsInViewScript = """
        () => {
          const cards = document.querySelectorAll('#products > li');
          const inView = [...document.querySelectorAll('#products img')].filter(i => {
            const box = i.getBoundingClientRect();
            return box.bottom > 0 && box.top < window.innerHeight;
          });
          return cards.length > 0 && inView.every(i => i.complete && i.naturalWidth > 0) && Math.max(performance.now(), 0.001);
        }
        """;

    public static async Task<ConsoleLoad> MeasureAsync(BrowserSession browser, Uri gateway, Guid requestId, int size)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(gateway);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/#/requests/{requestId}");
        var listed = await WaitAsync(page, ListedScript, new object[] { 1, size });

        await page.EvaluateAsync("() => document.getElementById('products').scrollIntoView({ block: 'start' })");
        var drawn = await WaitAsync(page, PreviewsInViewScript, null);

        await page.EvaluateAsync("() => { window.benchNextClicked = performance.now(); document.getElementById('products-next').click(); }");
        var next = await WaitAsync(page, ListedScript, new object[] { size + 1, size }) - await page.EvaluateAsync<double>("() => window.benchNextClicked");
        return new ConsoleLoad(TimeSpan.FromMilliseconds(listed), TimeSpan.FromMilliseconds(drawn), TimeSpan.FromMilliseconds(next));
    }

    /// <summary>Waits until <paramref name="script"/> returns a time (ms on the page's clock) and returns it.</summary>
    private static async Task<double> WaitAsync(IPage page, string script, object? argument)
    {
        var handle = await page.WaitForFunctionAsync(script, argument);
        return await handle.JsonValueAsync<double>();
    }
}
