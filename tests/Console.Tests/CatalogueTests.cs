using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Images;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// A catalogue in the console (issue 23): a request of 60 products whose photos are large, 8 of them failing. Its page
/// of 50 draws from the worker's previews and loads less than 1 MB of images in all (counted from the browser's own
/// resource timing), never a client's source URL and no full-size output until one is opened; it pages, filters to the
/// failed products and finds one by name. On a desktop and at 360 px.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CatalogueTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    private const int Products = 60;
    private const int PageSize = 50;
    private const long MaxPageImageBytes = 1024 * 1024;

    // images the browser loaded, by what they are: the console's own tiles, and anything that is not one
    private const string LoadedImages = """
        () => performance.getEntriesByType('resource')
          .filter(e => e.initiatorType === 'img')
          .map(e => ({ url: e.name, bytes: e.encodedBodySize }))
        """;

    [RequiresBrowserFact]
    public async Task A_catalogue_pages_filters_and_loads_previews_only()
    {
        SetDefaultExpectTimeout((float)ConsolePage.StepTimeout.TotalMilliseconds);
        var requestId = await SubmitCatalogueAsync();
        var products = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}/products?limit={PageSize}");
        var firstPage = products.EnumerateArray().SelectMany(p => p.GetProperty("images").EnumerateArray()).ToArray();

        await using (var console = await ConsolePage.OpenAsync(fixture, "desktop-catalogue", 1280, 900))
        {
            var page = console.Page;
            await page.GotoAsync($"/#/requests/{requestId}");
            await Expect(page.Locator("#request-status")).ToHaveTextAsync("CompletedWithErrors");
            await Expect(page.Locator("#products > li")).ToHaveCountAsync(PageSize);
            await Expect(page.Locator("#products-note")).ToHaveTextAsync("Products 1–50");

            // every tile in view once, a half screen at a time, so every lazy preview of the page has loaded
            await page.EvaluateAsync("""
                async () => {
                  for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
                    window.scrollTo(0, y);
                    await new Promise(done => setTimeout(done, 50));
                  }
                }
                """);
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#products img')].every(i => i.complete && i.naturalWidth > 0)");
            await Expect(page.Locator("#products img")).ToHaveCountAsync(2 * firstPage.Count(i => i.GetProperty("status").GetString() == "Succeeded"));
            var loaded = await LoadedAsync(page);
            var pageBytes = loaded.Sum(l => l.Bytes);
            // what the console loaded before previews: every tile's source from the client's URL and its full-size output
            var before = firstPage.Sum(i => Bytes(i, "bytesIn") + Bytes(i, "bytesOut"));
            var report = string.Create(CultureInfo.InvariantCulture,
                $"a {PageSize}-product page loaded {loaded.Length} images, {pageBytes:N0} bytes; its tiles' sources and outputs are {before:N0} bytes");
            output.WriteLine(report);
            await File.WriteAllTextAsync(Path.Combine(ConsolePage.ScreenshotDirectory("desktop-catalogue"), "page-bytes.txt"), report + "\n");
            Assert.InRange(pageBytes, 1, MaxPageImageBytes - 1);
            Assert.DoesNotContain(loaded, l => l.Url.StartsWith(fixture.Images.Server.BaseUri.ToString(), StringComparison.Ordinal));
            Assert.All(loaded, l => Assert.EndsWith("-preview.webp", l.Url, StringComparison.Ordinal));
            await page.EvaluateAsync("() => document.getElementById('request-title').scrollIntoView({ block: 'start' })");
            await console.ScreenshotAsync("catalogue", fullPage: false);

            // the full-size output loads when its pair is opened, not before
            var first = firstPage.First(i => i.GetProperty("status").GetString() == "Succeeded");
            var outputUrl = first.GetProperty("outputUrl").GetString()!;
            await page.Locator("li.image:has(.saving) button.thumbs").First.ClickAsync();
            await Expect(page.Locator("#compare-after")).ToHaveAttributeAsync("src", outputUrl);
            await page.WaitForFunctionAsync("() => { const i = document.getElementById('compare-after'); return i.complete && i.naturalWidth > 0; }");
            Assert.Contains(await LoadedAsync(page), l => l.Url == outputUrl);
            await Expect(page.Locator("#compare-source")).ToHaveTextAsync(first.GetProperty("inputUrl").GetString()!);
            await console.ScreenshotAsync("full-size", fullPage: false);
            await page.Keyboard.PressAsync("Escape");

            // pages forth and back
            await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
            await Expect(page.Locator("#products > li")).ToHaveCountAsync(Products - PageSize);
            await Expect(page.Locator("#products-note")).ToHaveTextAsync("Products 51–60 (last page)");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
            await console.ScreenshotAsync("page-2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
            await Expect(page.Locator("#products > li")).ToHaveCountAsync(PageSize);
            await Expect(page.Locator("#products > li").First).ToHaveAttributeAsync("data-row", "2");

            // the failed products only: what a user looks at when a catalogue comes back CompletedWithErrors
            await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync("Failed");
            await Expect(page.Locator("#products > li")).ToHaveCountAsync(FailedRows.Length);
            await Expect(page.Locator("#products > li .failure")).ToHaveCountAsync(FailedRows.Length);
            await Expect(page.Locator("#products-note")).ToContainTextAsync("with a failed image");
            await console.ScreenshotAsync("failed-only");

            // found by name
            await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync("");
            await page.GetByLabel("Find", new() { Exact = true }).FillAsync("armchair 42");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
            await Expect(page.Locator("#products > li")).ToHaveCountAsync(1);
            await Expect(page.Locator("#products > li h4")).ToContainTextAsync("42. Armchair 42");
            await console.ScreenshotAsync("found");
        }

        await using (var phone = await ConsolePage.OpenAsync(fixture, "phone-360-catalogue", 360, 780))
        {
            var page = phone.Page;
            await page.GotoAsync($"/#/requests/{requestId}");
            await Expect(page.Locator("#products > li")).ToHaveCountAsync(PageSize);
            await page.EvaluateAsync("() => document.getElementById('products-title').scrollIntoView({ block: 'start' })");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#products > li:nth-child(-n+3) img')].every(i => i.complete && i.naturalWidth > 0)");
            await phone.ScreenshotAsync("catalogue", fullPage: false);
            await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync("Failed");
            await Expect(page.Locator("#products > li")).ToHaveCountAsync(FailedRows.Length);
            await page.EvaluateAsync("() => document.getElementById('products-title').scrollIntoView({ block: 'start' })");
            await phone.ScreenshotAsync("failed-only", fullPage: false);
            // no sideways scrolling at 360 px
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        }
    }

    /// <summary>Serial numbers whose image the server does not have.</summary>
    private static readonly int[] FailedRows = [.. Enumerable.Range(1, Products).Where(n => n % 7 == 0)];

    private async Task<Guid> SubmitCatalogueAsync()
    {
        // large photos, so that a tile drawn from the source or the full output would cost what it did before previews;
        // real ones from a directory of JPEGs when IMAGEPIPELINE_CATALOGUE_PHOTOS names one (docs/console.png is made so)
        var photos = PhotoDirectory() is { } directory
            ? Directory.GetFiles(directory, "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray()
            : [.. Enumerable.Range(0, 4).Select(i => TestImages.Jpeg(1600, 1200, quality: 92, seed: 10 + i))];
        for (var i = 0; i < photos.Length; i++)
        {
            fixture.Images.Put($"catalogue-{i}.jpg", photos[i], "image/jpeg");
        }
        var rows = Enumerable.Range(1, Products).Select(n => FailedRows.Contains(n)
            ? $"{n},\"Armchair {n}\",{fixture.Images.Url("gone.jpg")}"
            : $"{n},\"Armchair {n}\",{fixture.Images.Url($"catalogue-{n % photos.Length}.jpg")}");
        using var content = new StringContent(ConsoleCsv.Lines([.. rows]), Encoding.UTF8, "text/csv");
        using var response = await fixture.Gateway.PostAsync("/api/requests", content);
        response.EnsureSuccessStatusCode();
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
        using var deadline = new CancellationTokenSource(ConsolePage.StepTimeout * 2);
        while ((await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}", deadline.Token)).GetProperty("status").GetString() is "Accepted" or "Processing" or "Exporting")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
        }
        return requestId;
    }

    private static string? PhotoDirectory() =>
        Environment.GetEnvironmentVariable("IMAGEPIPELINE_CATALOGUE_PHOTOS") is { Length: > 0 } directory && Directory.Exists(directory) ? directory : null;

    private static long Bytes(JsonElement image, string name) =>
        image.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt64() : 0;

    private static async Task<(string Url, long Bytes)[]> LoadedAsync(IPage page) =>
        [.. (await page.EvaluateAsync<JsonElement>(LoadedImages)).EnumerateArray()
            .Select(e => (e.GetProperty("url").GetString()!, e.GetProperty("bytes").GetInt64()))];
}
