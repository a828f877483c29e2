using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Settings;

namespace ImagePipeline.Cli.Commands;

/// <summary><c>cancel ID</c>: exits 4 (cancelled) once the gateway took the cancel; 1 when it was already finished.</summary>
public sealed class CancelCommand : GatewayCommand<RequestSettings>
{
    protected override async Task<int> RunAsync(GatewayClient gateway, RequestSettings settings, CancellationToken cancellationToken) =>
        Report(await gateway.CancelAsync(settings.RequestId, cancellationToken), settings.Json);
}
