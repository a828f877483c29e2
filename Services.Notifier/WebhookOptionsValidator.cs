using ImagePipeline.Notifier.Webhooks;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Notifier;

/// <summary>Checks the webhook settings at start, so a missing secret or an impossible schedule fails fast and clearly.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (!WebhookSecret.TryParse(options.SigningSecret, out _, out var secretError))
        {
            failures.Add($"{Key(nameof(WebhookOptions.SigningSecret))}: {secretError}");
        }
        RequirePositive(failures, options.RequestTimeout, nameof(WebhookOptions.RequestTimeout));
        RequirePositive(failures, options.InitialRetryDelay, nameof(WebhookOptions.InitialRetryDelay));
        RequirePositive(failures, options.PollInterval, nameof(WebhookOptions.PollInterval));
        if (options.MaxRetryDelay < options.InitialRetryDelay)
        {
            failures.Add($"{Key(nameof(WebhookOptions.MaxRetryDelay))} must be at least {Key(nameof(WebhookOptions.InitialRetryDelay))}.");
        }
        if (options.ClaimLease <= options.RequestTimeout)
        {
            failures.Add($"{Key(nameof(WebhookOptions.ClaimLease))} must exceed {Key(nameof(WebhookOptions.RequestTimeout))}, or a slow attempt could be sent twice.");
        }
        RequirePositive(failures, options.MaxAttempts, nameof(WebhookOptions.MaxAttempts));
        RequirePositive(failures, options.MaxParallelDeliveries, nameof(WebhookOptions.MaxParallelDeliveries));
        RequirePositive(failures, options.ConcurrentConsumers, nameof(WebhookOptions.ConcurrentConsumers));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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
