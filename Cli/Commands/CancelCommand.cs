using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;
using ImagePipeline.Cli.Settings;

namespace ImagePipeline.Cli.Commands;

/// <summary>
/// <c>cancel ID</c>: asks the gateway to cancel, then follows the request until the cancel is carried out (the images
/// under way finish, the output CSV is written): exits 4 (cancelled); 1 when it had already finished.
/// </summary>
public sealed class CancelCommand : GatewayCommand<RequestSettings>
{
    protected override async Task<int> RunAsync(GatewayClient gateway, RequestSettings settings, CancellationToken cancellationToken)
    {
        var answer = await gateway.CancelAsync(settings.RequestId, cancellationToken);
        if (!RequestStatuses.IsFinal(answer.Status.Status))
        {
            answer = await RequestFollower.FollowAsync(gateway, settings.RequestId, quiet: true, cancellationToken);
        }
        return Report(answer, settings.Json);
    }
}
