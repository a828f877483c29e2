using Microsoft.Playwright;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// One browser page on the console at a given viewport, with its own session storage, saving a numbered screenshot
/// of each step under the test output (<c>screenshots/{viewport}/NN-step.png</c>) for a person to look at.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    /// <summary>The longest any one step may wait for the system: a request's images, an export, a webhook.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    private readonly IBrowserContext _context;
    private readonly string _screenshots;
    private int _step;

    private ConsolePage(IBrowserContext context, IPage page, string screenshots)
    {
        _context = context;
        Page = page;
        _screenshots = screenshots;
    }

    public IPage Page { get; }

    public static string ScreenshotDirectory(string viewport) => Path.Combine(AppContext.BaseDirectory, "screenshots", viewport);

    public static async Task<ConsolePage> OpenAsync(ConsoleFixture fixture, string viewport, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var context = await fixture.Browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.GatewayUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var screenshots = ScreenshotDirectory(viewport);
        Directory.CreateDirectory(screenshots);
        await page.GotoAsync("/");
        return new ConsolePage(context, page, screenshots);
    }

    /// <summary>
    /// Saves the next numbered screenshot and returns its path: the whole page, or only what is in view (a modal
    /// dialog's backdrop covers the view, not the page below it).
    /// </summary>
    public async Task<string> ScreenshotAsync(string step, bool fullPage = true)
    {
        var path = Path.Combine(_screenshots, $"{++_step:00}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>Drops <paramref name="csv"/> on the drop zone the way a file dragged from the desktop arrives.</summary>
    public async Task DropCsvAsync(string name, string csv)
    {
        var transfer = await Page.EvaluateHandleAsync(
            "([name, text]) => { const t = new DataTransfer(); t.items.add(new File([text], name, { type: 'text/csv' })); return t; }",
            new object[] { name, csv });
        await Page.DispatchEventAsync("#drop", "dragenter", new { dataTransfer = transfer });
        await Page.DispatchEventAsync("#drop", "drop", new { dataTransfer = transfer });
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
    }
}
