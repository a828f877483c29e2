using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// What a person does in the console, in a real chromium against the whole system: a CSV with a bad row shows its
/// error in the table; a good one (dropped, with a webhook) runs to the end; a before/after pair opens from the
/// keyboard, the full-size output only then; the output CSV downloads; the list shows the request. On a desktop and at
/// 360 px.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleJourneyTests(ConsoleFixture fixture)
{
    [RequiresBrowserFact]
    public Task Desktop() => JourneyAsync("desktop", 1280, 900);

    [RequiresBrowserFact]
    public Task Phone() => JourneyAsync("phone-360", 360, 780);

    private async Task JourneyAsync(string viewport, int width, int height)
    {
        SetDefaultExpectTimeout((float)ConsolePage.StepTimeout.TotalMilliseconds);
        await using var console = await ConsolePage.OpenAsync(fixture, viewport, width, height);
        var page = console.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New request" })).ToBeVisibleAsync();
        await console.ScreenshotAsync("start");

        // a CSV with a bad row, through the file picker: nothing is submitted, the table names row, column and reason
        await page.Locator("#csv-file").SetInputFilesAsync(new FilePayload
        {
            Name = "bad.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(ConsoleCsv.WithBadRow(fixture.Images)),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        var errorRows = page.Locator("#errors tbody tr");
        await Expect(errorRows).ToHaveCountAsync(1);
        await Expect(errorRows.First.Locator("td")).ToHaveTextAsync(["3", "S. No.", ConsoleCsv.InvalidSerialNumber]);
        await Expect(page.Locator("#request")).ToBeHiddenAsync();
        await console.ScreenshotAsync("invalid-csv");

        // a good one, dropped on the drop zone, with a webhook
        await page.GetByLabel("Webhook URL").FillAsync(fixture.WebhookServer.Url("webhook").ToString());
        await console.DropCsvAsync("products.csv", ConsoleCsv.TwoProducts(fixture.Images, viewport));
        await Expect(page.Locator("#file-name")).ToContainTextAsync("products.csv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.Locator("#errors")).ToBeHiddenAsync();
        await Expect(page.Locator("#request-id")).ToHaveTextAsync(GuidPattern());
        var requestId = Guid.Parse((await page.Locator("#request-id").TextContentAsync())!);
        Assert.EndsWith($"#/requests/{requestId}", page.Url, StringComparison.Ordinal);
        await console.ScreenshotAsync("accepted");

        // it runs to the end by itself: the page polls at the API's Retry-After
        await Expect(page.Locator("#request-status")).ToHaveTextAsync("CompletedWithErrors");
        await Expect(page.Locator("#request-progress")).ToHaveJSPropertyAsync("value", 100);
        await Expect(page.Locator("#request-counts")).ToContainTextAsync("2 succeeded, 1 failed, 0 pending of 3 images in 2 products");
        var images = await ImagesAsync(requestId);
        var succeeded = page.Locator("li.image:has(.saving)");
        await Expect(succeeded).ToHaveCountAsync(2);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('li.image:has(.saving) img')].every(i => i.complete && i.naturalWidth > 0)");
        for (var i = 0; i < 2; i++)
        {
            var image = images[i];
            var item = page.Locator("li.image").Nth(i);
            // tiles are the worker's previews: never the client's source, never the full-size output
            await Expect(item.Locator("img").Nth(0)).ToHaveAttributeAsync("src", image.GetProperty("inputPreviewUrl").GetString()!);
            await Expect(item.Locator("img").Nth(1)).ToHaveAttributeAsync("src", image.GetProperty("outputPreviewUrl").GetString()!);
            await Expect(item.Locator(".saving")).ToHaveTextAsync($"{Saving(image)}% smaller");
        }
        await Expect(page.Locator("li.image").Nth(2).Locator(".failure")).ToContainTextAsync("Failed:");
        await Expect(page.Locator("#request-rows tr", new() { Has = page.Locator($"a[title='{requestId}']") }).Locator("td").Nth(1))
            .ToHaveTextAsync("CompletedWithErrors");
        await console.ScreenshotAsync("finished");

        // a before/after pair, opened and closed from the keyboard
        await succeeded.First.Locator("button.thumbs").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var compare = page.Locator("#compare");
        await Expect(compare).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => ['compare-before', 'compare-after'].every(id => { const i = document.getElementById(id); return i.complete && i.naturalWidth > 0; })");
        await Expect(page.Locator("#compare-after")).ToHaveAttributeAsync("src", images[0].GetProperty("outputUrl").GetString()!);
        await Expect(page.Locator("#compare-after-caption")).ToContainTextAsync($"{Saving(images[0])}% smaller");
        await console.ScreenshotAsync("before-after", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        await Expect(compare).ToBeHiddenAsync();

        // the output CSV downloads as the API serves it
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download output CSV" }).ClickAsync());
        var downloaded = await File.ReadAllBytesAsync(await download.PathAsync());
        var served = await fixture.Gateway.GetByteArrayAsync($"/api/requests/{requestId}/output.csv");
        Assert.Equal($"{requestId}-output.csv", download.SuggestedFilename);
        Assert.Equal(served, downloaded);
        Assert.StartsWith("S. No.,Product Name,Input Image Urls,Output Image Urls", Encoding.UTF8.GetString(downloaded), StringComparison.Ordinal);
        await console.ScreenshotAsync("downloaded");

        // the webhook named in the form was called (the notifier sends it just after the request completes)
        using var webhookDeadline = new CancellationTokenSource(ConsolePage.StepTimeout);
        while (!fixture.Webhooks.Requests.Any(webhook => Encoding.UTF8.GetString(webhook.Body).Contains(requestId.ToString(), StringComparison.Ordinal)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), webhookDeadline.Token);
        }
    }

    private async Task<JsonElement[]> ImagesAsync(Guid requestId)
    {
        var products = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}/products");
        return [.. products.EnumerateArray().SelectMany(p => p.GetProperty("images").EnumerateArray())];
    }

    // as the console rounds it (Math.round: halves up)
    private static int Saving(JsonElement image) =>
        (int)Math.Floor(((1 - (image.GetProperty("bytesOut").GetDouble() / image.GetProperty("bytesIn").GetDouble())) * 100) + 0.5);

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex GuidPattern();
}
