using System.Text.Json;
using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;
using ImagePipeline.Cli.Settings;
using Spectre.Console;

namespace ImagePipeline.Cli.Commands;

/// <summary><c>submit products.csv [--webhook URL [--events LIST]] [--wait]</c>.</summary>
public sealed class SubmitCommand : GatewayCommand<SubmitSettings>
{
    protected override async Task<int> RunAsync(GatewayClient gateway, SubmitSettings settings, CancellationToken cancellationToken)
    {
        var accepted = await gateway.SubmitAsync(settings.Path, settings.Webhook, settings.Events, settings.IdempotencyKey, cancellationToken);
        var requestId = accepted.GetProperty("requestId").GetGuid();
        if (!settings.Wait)
        {
            if (settings.Json)
            {
                Terminal.WriteRaw(JsonText.Indented(accepted));
            }
            else
            {
                Terminal.Out.MarkupLine($"Accepted [bold]{requestId}[/]: {Count(accepted, "productCount")} products, {Count(accepted, "imageCount")} images.");
                Terminal.Out.MarkupLine($"[grey]Follow it with[/] imagepipeline status {requestId} --wait");
            }
            return ExitCodes.Completed;
        }

        if (!settings.Json)
        {
            Terminal.Out.MarkupLine($"Accepted [bold]{requestId}[/]");
        }
        var final = await RequestFollower.FollowAsync(gateway, requestId, quiet: settings.Json, cancellationToken);
        return Report(final, settings.Json);
    }

    private static int Count(JsonElement accepted, string property) =>
        accepted.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}
