using MassTransit;

namespace ImagePipeline.Gateway.Tests.Support;

/// <summary>A broker the test can take down and bring back, standing between the gateway and the harness's bus.</summary>
public sealed class BrokerOutage
{
    private int _attempts;

    public BrokerState State { get; set; } = BrokerState.Up;

    /// <summary>Publishes tried, whatever became of them.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Returns when the broker takes the message; otherwise hangs until cancelled or throws, per <see cref="State"/>.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        switch (State)
        {
            case BrokerState.Hanging:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case BrokerState.Refusing:
                throw new RabbitMqConnectionException("Broker unreachable: guest@127.0.0.1:5672/ (test outage)");
        }
    }
}
