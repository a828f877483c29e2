using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;
using ImagePipeline.Cli.Settings;

namespace ImagePipeline.Cli.Commands;

/// <summary><c>status ID [--wait]</c>: exits with the request's status (0 while it runs).</summary>
public sealed class StatusCommand : GatewayCommand<WaitSettings>
{
    protected override async Task<int> RunAsync(GatewayClient gateway, WaitSettings settings, CancellationToken cancellationToken)
    {
        var answer = settings.Wait
            ? await RequestFollower.FollowAsync(gateway, settings.RequestId, quiet: settings.Json, cancellationToken)
            : await gateway.StatusAsync(settings.RequestId, cancellationToken);
        return Report(answer, settings.Json);
    }
}
