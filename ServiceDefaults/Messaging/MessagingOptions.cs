namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>Bus settings shared by every service (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Messages each receive endpoint fetches ahead from RabbitMQ.</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>In-process retries of a failing message before it moves to the endpoint's <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 5;

    /// <summary>First retry delay; later retries back off exponentially up to <see cref="RetryMaxInterval"/>.</summary>
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest the broker health check waits for the broker to answer on the bus's connection.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
