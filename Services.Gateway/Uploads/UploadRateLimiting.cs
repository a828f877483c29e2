using System.Globalization;
using System.Threading.RateLimiting;
using ImagePipeline.Gateway.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>
/// A token bucket per client on <c>POST /api/requests</c>: an upload is cheap to send and expensive to process, so one
/// client cannot flood the workers. Refusals are <c>429</c> problem details with <c>Retry-After</c>.
/// </summary>
public static class UploadRateLimiting
{
    public const string PolicyName = "uploads";

    public static IServiceCollection AddUploadRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(UploadRateLimitOptions.SectionName).Get<UploadRateLimitOptions>() ?? new UploadRateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, http => RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.Burst),
                TokensPerPeriod = Math.Max(1, options.PerMinute),
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60.0 / Math.Max(1, options.PerMinute));
                var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    $"Too many uploads: at most {options.Burst} at once and {options.PerMinute} a minute (settings Uploads:RateLimit:Burst, Uploads:RateLimit:PerMinute). Retry after {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many uploads").ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>The API key's fingerprint when the caller was authenticated with one, else the connection's address.</summary>
    internal static string ClientOf(HttpContext http) =>
        ClientIdentity.Of(http)
        ?? http.Connection.RemoteIpAddress?.ToString()
        ?? "unknown";
}
