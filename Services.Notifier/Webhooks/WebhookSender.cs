using System.Globalization;
using System.Net.Mime;
using System.Text;
using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>Makes one signed HTTP attempt of a delivery and reports what happened; it never retries by itself.</summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, WebhookSigner signer, TimeProvider time)
{
    public const string HttpClientName = "webhooks";

    private const int MaxErrorLength = 1000;

    public async Task<WebhookSendResult> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);

        var attemptedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        int? statusCode = null;
        string? error = null;
        TimeSpan? retryAfter = null;
        try
        {
            using var request = CreateRequest(delivery, attemptedAt.ToUnixTimeSeconds());
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            statusCode = (int)response.StatusCode;
            retryAfter = RetryAfter.WaitOf(response.Headers.RetryAfter, time.GetUtcNow());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // whatever stops one attempt (refused, reset, timed out, unusable URL) is the receiver's or the network's
            // problem, and the retry schedule is the answer to it
            error = Describe(ex);
        }

        var latency = time.GetElapsedTime(started);
        var attempt = new DeliveryAttempt(delivery.AttemptNumber, delivery.Series, attemptedAt, statusCode, error, (long)latency.TotalMilliseconds);
        return new WebhookSendResult(attempt, retryAfter);
    }

    private HttpRequestMessage CreateRequest(ClaimedDelivery delivery, long unixTimestamp)
    {
        var messageId = WebhookHeaders.MessageId(delivery.Id);
        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, MediaTypeNames.Application.Json),
        };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Id, messageId);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Timestamp, unixTimestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, signer.Sign(delivery.ClientId, messageId, unixTimestamp, delivery.Payload));
        return request;
    }

    private static string Describe(Exception exception)
    {
        var description = exception switch
        {
            // the runtime's own words tell the connect timeout (Webhooks:ConnectTimeout) from the request timeout
            // (Webhooks:RequestTimeout), which surface as the same exception types
            TaskCanceledException { InnerException: TimeoutException timeout } => $"Timed out: {timeout.Message}",
            HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
        return description.Length <= MaxErrorLength ? description : description[..MaxErrorLength];
    }
}
