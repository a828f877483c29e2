namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>How the test's webhook receiver answers one call: a status, optionally a Retry-After, optionally late.</summary>
public sealed record ReceiverAnswer(int StatusCode, string? RetryAfter = null, TimeSpan Delay = default)
{
    public static implicit operator ReceiverAnswer(int statusCode) => new(statusCode);

    public static ReceiverAnswer FromInt32(int statusCode) => new(statusCode);
}
