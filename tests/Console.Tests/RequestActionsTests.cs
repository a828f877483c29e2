using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// Cancel, retry and failed.csv from the console, against the gateway's endpoints (DELETE /api/requests/{id},
/// POST /api/requests/{id}/retry, GET /api/requests/{id}/failed.csv).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RequestActionsTests(ConsoleFixture fixture)
{
    [RequiresBrowserFact]
    public async Task Cancel_stops_a_running_request()
    {
        SetDefaultExpectTimeout((float)ConsolePage.StepTimeout.TotalMilliseconds);
        var held = $"held-{Guid.NewGuid():N}.jpg";
        fixture.Images.PutCopy(held, "photo.jpg");
        fixture.Images.Hold(held);
        await using var console = await ConsolePage.OpenAsync(fixture, "cancel", 1024, 768);
        var page = console.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        try
        {
            await console.DropCsvAsync("held.csv", ConsoleCsv.Lines($"1,Held,{fixture.Images.Url(held)}"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Expect(page.Locator("#request-status")).ToHaveTextAsync("Processing");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel request" }).ClickAsync();
            await Expect(page.Locator("#request-status")).ToHaveTextAsync("Cancelled");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel request" })).ToBeHiddenAsync();
            await console.ScreenshotAsync("cancelled");
        }
        finally
        {
            fixture.Images.Release(held);
        }
    }

    [RequiresBrowserFact]
    public async Task Retry_reruns_the_failed_images_and_failed_csv_lists_them()
    {
        SetDefaultExpectTimeout((float)ConsolePage.StepTimeout.TotalMilliseconds);
        var late = $"late-{Guid.NewGuid():N}.jpg";
        await using var console = await ConsolePage.OpenAsync(fixture, "retry", 1024, 768);
        var page = console.Page;

        await console.DropCsvAsync("late.csv", ConsoleCsv.Lines($"1,Late,\"{fixture.Images.Url("photo.jpg")},{fixture.Images.Url(late)}\""));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.Locator("#request-status")).ToHaveTextAsync("CompletedWithErrors");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download failed.csv" }).ClickAsync());
        var failed = (await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Reason", failed[0], StringComparison.Ordinal);
        Assert.Equal(2, failed.Length);
        Assert.Contains(fixture.Images.Url(late), failed[1], StringComparison.Ordinal);
        await console.ScreenshotAsync("failed-csv");

        // the image exists now: a retry makes the request whole
        fixture.Images.PutCopy(late, "photo.jpg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry failed images" }).ClickAsync();
        await Expect(page.Locator("#request-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("li.image:has(.saving)")).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retry failed images" })).ToBeHiddenAsync();
        await console.ScreenshotAsync("retried");
    }
}
