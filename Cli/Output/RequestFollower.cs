using ImagePipeline.Cli.Api;
using Spectre.Console;

namespace ImagePipeline.Cli.Output;

/// <summary>
/// Follows a request until its status is final, polling at the pace the API's <c>Retry-After</c> asks for, with a
/// progress bar of images done (none with <c>--json</c>, whose output is the final status alone).
/// </summary>
public static class RequestFollower
{
    /// <summary>Used when a running request's answer has no Retry-After.</summary>
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(2);

    public static async Task<StatusAnswer> FollowAsync(GatewayClient gateway, Guid requestId, bool quiet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var answer = await gateway.StatusAsync(requestId, cancellationToken);
        if (quiet || RequestStatuses.IsFinal(answer.Status.Status))
        {
            while (!RequestStatuses.IsFinal(answer.Status.Status))
            {
                await Task.Delay(answer.RetryAfter ?? DefaultPoll, cancellationToken);
                answer = await gateway.StatusAsync(requestId, cancellationToken);
            }
            return answer;
        }

        await Terminal.Out.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var images = progress.AddTask(Describe(answer.Status), maxValue: 100);
                while (true)
                {
                    images.Description = Describe(answer.Status);
                    images.Value = answer.Status.PercentComplete;
                    if (RequestStatuses.IsFinal(answer.Status.Status))
                    {
                        images.StopTask();
                        return;
                    }
                    await Task.Delay(answer.RetryAfter ?? DefaultPoll, cancellationToken);
                    answer = await gateway.StatusAsync(requestId, cancellationToken);
                }
            });
        return answer;
    }

    private static string Describe(RequestStatus status) =>
        status.Images.Total == 0
            ? $"[{StatusView.Colour(status.Status)}]{status.Status}[/]"
            : $"[{StatusView.Colour(status.Status)}]{status.Status}[/] {status.Images.Succeeded + status.Images.Failed}/{status.Images.Total} images"
                + (StatusView.Pace(status) is { } pace ? $" [grey]({pace})[/]" : "");
}
