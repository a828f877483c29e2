using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// The console on a gateway without cancel, retry and failed.csv (before issue 13): each control goes away once the
/// server answers 404/405 for it, with a message, and the request itself is unharmed. When those endpoints land,
/// <see cref="RequestActionsTests"/> takes over and this class goes.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RequestControlsTests(ConsoleFixture fixture)
{
    private const string NotOffered = "This server does not offer that yet.";

    [RequiresBrowserFact]
    public async Task Cancel_and_retry_hide_themselves_when_the_server_lacks_them()
    {
        SetDefaultExpectTimeout((float)ConsolePage.StepTimeout.TotalMilliseconds);
        var held = $"held-{Guid.NewGuid():N}.jpg";
        fixture.Images.PutCopy(held, "photo.jpg");
        fixture.Images.Hold(held);
        await using var console = await ConsolePage.OpenAsync(fixture, "controls", 1024, 768);
        var page = console.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await console.DropCsvAsync("held.csv", ConsoleCsv.Lines($"1,Held,\"{fixture.Images.Url(held)},{fixture.Images.Url("missing.jpg")}\""));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.Locator("#request-status")).ToHaveTextAsync("Processing");
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel request" });
        await cancel.ClickAsync();
        await Expect(page.Locator("#action-message")).ToHaveTextAsync(NotOffered);
        await Expect(cancel).ToBeHiddenAsync();
        await console.ScreenshotAsync("cancel-not-offered");

        fixture.Images.Release(held);
        await Expect(page.Locator("#request-status")).ToHaveTextAsync("CompletedWithErrors");
        // hidden for good on this page: the server said it has no cancel
        await Expect(cancel).ToBeHiddenAsync();
        await Expect(page.Locator("#download-failed")).ToBeHiddenAsync();
        var retry = page.GetByRole(AriaRole.Button, new() { Name = "Retry failed images" });
        await retry.ClickAsync();
        await Expect(page.Locator("#action-message")).ToHaveTextAsync(NotOffered);
        await Expect(retry).ToBeHiddenAsync();
        await Expect(page.Locator("#request-status")).ToHaveTextAsync("CompletedWithErrors");
        await console.ScreenshotAsync("retry-not-offered");
    }
}
