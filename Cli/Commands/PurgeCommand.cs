using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;
using ImagePipeline.Cli.Settings;
using Spectre.Console;

namespace ImagePipeline.Cli.Commands;

/// <summary>
/// <c>purge ID</c>: deletes a finished request's files and records at once (exit 0); 1 when it is still running (cancel
/// it first) or no longer exists (a second purge).
/// </summary>
public sealed class PurgeCommand : GatewayCommand<RequestSettings>
{
    protected override async Task<int> RunAsync(GatewayClient gateway, RequestSettings settings, CancellationToken cancellationToken)
    {
        await gateway.PurgeAsync(settings.RequestId, cancellationToken);
        if (settings.Json)
        {
            Terminal.WriteRaw($$"""{"requestId":"{{settings.RequestId}}","purged":true}""");
        }
        else
        {
            Terminal.Out.MarkupLine($"Purged [bold]{settings.RequestId}[/]: its images, CSVs and records are deleted.");
        }
        return ExitCodes.Completed;
    }
}
