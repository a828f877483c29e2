using MassTransit;

namespace ImagePipeline.Gateway.Tests.Support;

/// <summary>The gateway's publish endpoint, passing every publish through <see cref="BrokerOutage"/> first.</summary>
public sealed class OutagePublishEndpoint(IPublishEndpoint bus, BrokerOutage outage) : IPublishEndpoint
{
    public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => bus.ConnectPublishObserver(observer);

    public async Task Publish<T>(T message, CancellationToken cancellationToken = default)
        where T : class
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish(message, cancellationToken);
    }

    public async Task Publish<T>(T message, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default)
        where T : class
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish(message, publishPipe, cancellationToken);
    }

    public async Task Publish<T>(T message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default)
        where T : class
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish(message, publishPipe, cancellationToken);
    }

    public async Task Publish(object message, CancellationToken cancellationToken = default)
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish(message, cancellationToken);
    }

    public async Task Publish(object message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default)
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish(message, publishPipe, cancellationToken);
    }

    public async Task Publish(object message, Type messageType, CancellationToken cancellationToken = default)
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish(message, messageType, cancellationToken);
    }

    public async Task Publish(object message, Type messageType, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default)
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish(message, messageType, publishPipe, cancellationToken);
    }

    public async Task Publish<T>(object values, CancellationToken cancellationToken = default)
        where T : class
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish<T>(values, cancellationToken);
    }

    public async Task Publish<T>(object values, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default)
        where T : class
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish<T>(values, publishPipe, cancellationToken);
    }

    public async Task Publish<T>(object values, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default)
        where T : class
    {
        await outage.PassAsync(cancellationToken);
        await bus.Publish<T>(values, publishPipe, cancellationToken);
    }
}
