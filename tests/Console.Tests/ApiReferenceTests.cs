using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImagePipeline.Console.Tests;

/// <summary>
/// The API reference page in a real chromium, reached from the console's header: it renders the gateway's one
/// OpenAPI document, the proxied operations with what their services say about them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ApiReferenceTests(ConsoleFixture fixture)
{
    private static readonly TimeSpan DocumentTimeout = TimeSpan.FromSeconds(60);

    [RequiresBrowserFact]
    public async Task The_reference_page_shows_every_part_of_the_public_api()
    {
        SetDefaultExpectTimeout((float)ConsolePage.StepTimeout.TotalMilliseconds);
        await WaitForEveryServicesPartAsync();
        await using var console = await ConsolePage.OpenAsync(fixture, "reference", 1280, 900);
        var page = console.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ReferenceUrl());
        await Expect(page.Locator("body[data-loaded=true]")).ToHaveCountAsync(1);

        await Expect(page.Locator("#load-message")).ToBeHiddenAsync();
        var upload = Operation(page, "POST", "/api/requests");
        await Expect(upload).ToContainTextAsync("Idempotency-Key");
        await Expect(upload).ToContainTextAsync("202");
        await Expect(upload).ToContainTextAsync("multipart/form-data");
        await Expect(Operation(page, "GET", "/api/requests")).ToContainTextAsync("cursor");
        var retry = Operation(page, "POST", "/api/requests/{requestId}/retry");
        await Expect(retry).ToContainTextAsync("reasons");
        await Expect(retry).ToContainTextAsync("Idempotency-Key");
        await Expect(Operation(page, "GET", "/api/requests/{requestId}/output.csv").Locator("table").First.Locator("td code")).ToHaveTextAsync(["requestId"]);
        await Expect(Operation(page, "DELETE", "/api/requests/{requestId}")).ToBeVisibleAsync();
        await Expect(Operation(page, "GET", "/files/{key}")).ToBeVisibleAsync();
        await Expect(page.Locator("article[data-path^='/internal']")).ToHaveCountAsync(0);
        await console.ScreenshotAsync("reference");

        // a response's named schema links to its entry under Schemas
        await Operation(page, "GET", "/api/requests/{requestId}").Locator("a.type").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(SchemaAnchor());
        await Expect(page.Locator("#schemas")).ToBeVisibleAsync();
    }

    private static ILocator Operation(IPage page, string method, string path) =>
        page.Locator($"article.operation[data-method='{method}'][data-path='{path}']");

    /// <summary>Services build their documents on first ask; the page is looked at once each has answered.</summary>
    private async Task WaitForEveryServicesPartAsync()
    {
        var deadline = DateTime.UtcNow + DocumentTimeout;
        while (DateTime.UtcNow < deadline
            && (await fixture.Gateway.GetStringAsync("/openapi/v1.json")).Contains("x-imagepipeline-undocumented", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    [GeneratedRegex("/reference/$")]
    private static partial Regex ReferenceUrl();

    [GeneratedRegex("/reference/#schema-")]
    private static partial Regex SchemaAnchor();
}
