using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.Outbound.Webhooks;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Notifier;

/// <summary>Checks the webhook settings at start, so a missing secret or an impossible schedule fails fast and clearly.</summary>
public sealed class WebhookOptionsValidator(IConfiguration configuration) : IValidateOptions<WebhookOptions>
{
    public const double MaxRetryScheduleScale = 1000;

    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromDays(7);

    /// <summary>Settings of the exponential backoff the Standard Webhooks schedule replaced, and what replaced them.</summary>
    public static IReadOnlyDictionary<string, string> RetiredSettings { get; } = new Dictionary<string, string>
    {
        ["MaxAttempts"] = "attempts are one more than the waits in Webhooks:RetrySchedule",
        ["InitialRetryDelay"] = "the waits are Webhooks:RetrySchedule, scaled by Webhooks:RetryScheduleScale",
        ["MaxRetryDelay"] = "the waits are Webhooks:RetrySchedule, scaled by Webhooks:RetryScheduleScale",
    };

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (!WebhookSecret.TryParse(options.SigningSecret, out _, out var secretError))
        {
            failures.Add($"{Key(nameof(WebhookOptions.SigningSecret))}: {secretError}");
        }
        // a retired setting left in place would silently stop meaning anything
        foreach (var (retired, replacement) in RetiredSettings)
        {
            if (configuration[Key(retired)] is not null)
            {
                failures.Add($"{Key(retired)} is no longer read: {replacement}. Remove it.");
            }
        }
        RequirePositive(failures, options.RequestTimeout, nameof(WebhookOptions.RequestTimeout));
        RequirePositive(failures, options.ConnectTimeout, nameof(WebhookOptions.ConnectTimeout));
        RequirePositive(failures, options.PollInterval, nameof(WebhookOptions.PollInterval));
        ValidateSchedule(failures, options);
        if (options.ClaimLease <= options.RequestTimeout)
        {
            failures.Add($"{Key(nameof(WebhookOptions.ClaimLease))} must exceed {Key(nameof(WebhookOptions.RequestTimeout))}, or a slow attempt could be sent twice.");
        }
        RequirePositive(failures, options.MaxParallelDeliveries, nameof(WebhookOptions.MaxParallelDeliveries));
        RequirePositive(failures, options.MaxConnectionsPerHost, nameof(WebhookOptions.MaxConnectionsPerHost));
        RequirePositive(failures, options.ConcurrentConsumers, nameof(WebhookOptions.ConcurrentConsumers));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSchedule(List<string> failures, WebhookOptions options)
    {
        var waits = options.RetrySchedule ?? RetrySchedule.StandardWebhooks;
        for (var i = 0; i < waits.Count; i++)
        {
            if (waits[i] <= TimeSpan.Zero || waits[i] > MaxRetryWait)
            {
                failures.Add($"{Key(nameof(WebhookOptions.RetrySchedule))}:{i} is {waits[i]}; every wait must be positive and at most {MaxRetryWait.TotalDays} days.");
            }
        }
        if (!double.IsFinite(options.RetryScheduleScale) || options.RetryScheduleScale <= 0 || options.RetryScheduleScale > MaxRetryScheduleScale)
        {
            failures.Add($"{Key(nameof(WebhookOptions.RetryScheduleScale))} must be above 0 and at most {MaxRetryScheduleScale}.");
        }
        if (!double.IsFinite(options.RetryJitter) || options.RetryJitter is < 0 or >= 1)
        {
            failures.Add($"{Key(nameof(WebhookOptions.RetryJitter))} must be at least 0 and less than 1 (a fraction of each wait).");
        }
    }

    private static void RequirePositive(List<string> failures, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Key(name)} must be positive.");
        }
    }

    private static void RequirePositive(List<string> failures, int value, string name)
    {
        if (value <= 0)
        {
            failures.Add($"{Key(name)} must be positive.");
        }
    }

    private static string Key(string property) => $"{WebhookOptions.SectionName}:{property}";
}
