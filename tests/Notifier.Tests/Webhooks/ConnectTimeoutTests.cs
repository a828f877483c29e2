using System.Net;
using ImagePipeline.Notifier.Tests.Support;

namespace ImagePipeline.Notifier.Tests.Webhooks;

/// <summary>A receiver whose connection never completes gives up its slot after Webhooks:ConnectTimeout.</summary>
public sealed class ConnectTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_attempt_that_cannot_connect_ends_at_the_connect_timeout_not_the_request_timeout()
    {
        using var unanswered = UnansweredListener.Start(IPAddress.Parse("127.0.0.3"));
        var settings = NotifierApp.Schedule(TimeSpan.FromHours(1));
        // a request timeout no test outlives: only the connect timeout can end this attempt within the wait below
        // (without one, the kernel gives up on the SYNs after about two minutes)
        settings["Webhooks:RequestTimeout"] = "00:10:00";
        settings["Webhooks:ClaimLease"] = "00:20:00";
        settings["Webhooks:ConnectTimeout"] = "00:00:00.500";
        await using var app = NotifierApp.Create(settings);
        var message = Messages.Completed(unanswered.Url);

        await app.PublishAsync(message);

        var delivery = await app.WaitForDeliveryAsync(message.RequestId, d => d.Attempts.Count == 1, Timeout, "the attempt to be recorded");
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("connect", attempt.Error, StringComparison.OrdinalIgnoreCase);
    }
}
