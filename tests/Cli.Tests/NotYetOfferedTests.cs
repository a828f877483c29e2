using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Cli.Tests;

/// <summary>
/// cancel, retry and failed against a gateway without them (before issue 13): each says so and exits 1, and the
/// request is unharmed. When those endpoints land, <see cref="RequestActionsTests"/> takes over and this class goes.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class NotYetOfferedTests(CliFixture fixture)
{
    [RequiresLocalAppHostFact]
    public async Task Cancel_retry_and_failed_say_the_gateway_does_not_offer_them()
    {
        var csv = fixture.WriteCsv(CliFixture.Csv($"1,Lamp,\"{fixture.Images.Url("photo.jpg")},{fixture.Images.Url("missing.jpg")}\""));
        var submitted = await fixture.Cli.RunAsync("submit", csv, "--wait", "--json");
        Assert.True(submitted.ExitCode == 2, submitted.ToString());
        var requestId = JsonDocument.Parse(submitted.Stdout).RootElement.GetProperty("requestId").GetGuid().ToString();

        var cancel = await fixture.Cli.RunAsync("cancel", requestId);
        var retry = await fixture.Cli.RunAsync("retry", requestId);
        var failed = await fixture.Cli.RunAsync("failed", requestId);
        var status = await fixture.Cli.RunAsync("status", requestId);

        foreach (var result in new[] { cancel, retry, failed })
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("This gateway does not offer", result.Stderr, StringComparison.Ordinal);
        }
        Assert.True(status.ExitCode == 2, status.ToString());
    }
}
