using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;
using ImagePipeline.Cli.Settings;

namespace ImagePipeline.Cli.Commands;

/// <summary><c>retry ID [--wait]</c>: processes a finished request's failed images again.</summary>
public sealed class RetryCommand : GatewayCommand<WaitSettings>
{
    protected override async Task<int> RunAsync(GatewayClient gateway, WaitSettings settings, CancellationToken cancellationToken)
    {
        var answer = await gateway.RetryAsync(settings.RequestId, cancellationToken);
        if (settings.Wait)
        {
            answer = await RequestFollower.FollowAsync(gateway, settings.RequestId, quiet: settings.Json, cancellationToken);
        }
        return Report(answer, settings.Json);
    }
}
