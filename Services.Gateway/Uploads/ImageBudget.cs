using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>
/// Each client's image budget: a token bucket per client holding <see cref="ImageBudgetOptions.PerWindow"/> images,
/// refilled once per window. In memory, per gateway instance: with N gateways a client gets up to N budgets, which
/// still bounds it; the bucket is the same shape as the upload rate limit's.
/// </summary>
public sealed class ImageBudget(IOptions<ImageBudgetOptions> options) : IDisposable
{
    private readonly ImageBudgetOptions _options = options.Value;

    private readonly PartitionedRateLimiter<string> _buckets = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.PerWindow,
            TokensPerPeriod = options.Value.PerWindow,
            ReplenishmentPeriod = options.Value.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public int PerWindow => _options.PerWindow;

    public TimeSpan Window => _options.Window;

    /// <summary>
    /// Takes <paramref name="images"/> from <paramref name="client"/>'s budget, all or none. False when they do not fit,
    /// with when they would (<paramref name="retryAfter"/>; null when they never can: more than a whole window's budget).
    /// </summary>
    public bool TryTake(string client, int images, out TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(client);
        retryAfter = null;
        if (images > _options.PerWindow)
        {
            return false;
        }
        using var lease = _buckets.AttemptAcquire(client, images);
        if (lease.IsAcquired)
        {
            return true;
        }
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _options.Window;
        return false;
    }

    public void Dispose() => _buckets.Dispose();
}
