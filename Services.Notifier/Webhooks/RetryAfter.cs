using System.Net.Http.Headers;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>Reads a <c>Retry-After</c> header: seconds to wait, or an HTTP date to wait until.</summary>
public static class RetryAfter
{
    /// <summary>The wait the header asks for, from <paramref name="now"/>; null when there is none or it is already over.</summary>
    public static TimeSpan? WaitOf(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } when delta > TimeSpan.Zero => delta,
        { Date: { } date } when date > now => date - now,
        _ => null,
    };
}
