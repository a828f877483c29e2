using ImagePipeline.Notifier.Tests.Support;
using ImagePipeline.Notifier.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Notifier.Tests.Startup;

public sealed class StartupTests
{
    [Theory]
    [InlineData(null, "Webhooks:SigningSecret: the signing secret is missing")]
    [InlineData("not-a-secret", "Webhooks:SigningSecret: the signing secret must start with 'whsec_'")]
    public async Task The_service_refuses_to_start_without_a_valid_signing_secret(string? secret, string expected)
    {
        await using var app = NotifierApp.Create(new Dictionary<string, string?> { ["Webhooks:SigningSecret"] = secret });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_refuses_a_claim_lease_shorter_than_the_request_timeout()
    {
        await using var app = NotifierApp.Create(new Dictionary<string, string?>
        {
            ["Webhooks:RequestTimeout"] = "00:00:30",
            ["Webhooks:ClaimLease"] = "00:00:10",
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Webhooks:ClaimLease must exceed Webhooks:RequestTimeout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhooks:MaxAttempts", "3")]
    [InlineData("Webhooks:InitialRetryDelay", "00:00:05")]
    [InlineData("Webhooks:MaxRetryDelay", "01:00:00")]
    public async Task The_service_refuses_a_retired_backoff_setting_and_names_its_replacement(string key, string value)
    {
        await using var app = NotifierApp.Create(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains($"{key} is no longer read", error.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:RetrySchedule", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhooks:RetryScheduleScale", "0", "Webhooks:RetryScheduleScale must be above 0")]
    [InlineData("Webhooks:RetryScheduleScale", "-1", "Webhooks:RetryScheduleScale must be above 0")]
    [InlineData("Webhooks:RetryJitter", "1", "Webhooks:RetryJitter must be at least 0 and less than 1")]
    [InlineData("Webhooks:RetryJitter", "-0.1", "Webhooks:RetryJitter must be at least 0 and less than 1")]
    [InlineData("Webhooks:RetrySchedule:1", "00:00:00", "Webhooks:RetrySchedule:1 is 00:00:00; every wait must be positive")]
    [InlineData("Webhooks:RetrySchedule:0", "8.00:00:00", "Webhooks:RetrySchedule:0 is 8.00:00:00; every wait must be positive and at most 7 days")]
    public async Task The_service_refuses_an_impossible_schedule(string key, string value, string expected)
    {
        var settings = NotifierApp.Schedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        settings[key] = value;
        await using var app = NotifierApp.Create(settings);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhooks:ConnectTimeout", "00:00:00")]
    [InlineData("Webhooks:MaxParallelDeliveries", "0")]
    [InlineData("Webhooks:MaxConnectionsPerHost", "0")]
    public async Task The_service_refuses_a_dispatch_bound_that_is_not_positive(string key, string value)
    {
        await using var app = NotifierApp.Create(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains($"{key} must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_schedule_replaces_the_standard_one_rather_than_adding_to_it()
    {
        await using var app = NotifierApp.Create(NotifierApp.Schedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));

        var schedule = app.Services.GetRequiredService<RetrySchedule>();

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)], schedule.Waits);
        Assert.Equal(3, schedule.MaxAttempts);
    }

    [Fact]
    public async Task By_default_the_standard_schedule_applies_and_an_attempt_may_take_15_seconds()
    {
        await using var app = NotifierApp.Create();

        var schedule = app.Services.GetRequiredService<RetrySchedule>();
        var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSender.HttpClientName);

        Assert.Equal(RetrySchedule.StandardWebhooks.Select(wait => wait * NotifierApp.RetryScheduleScale), schedule.Waits);
        Assert.Equal((10, 0.2), (schedule.MaxAttempts, schedule.Jitter));
        Assert.Equal(TimeSpan.FromSeconds(15), http.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(15), new WebhookOptions().RequestTimeout);
    }
}
