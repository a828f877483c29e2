namespace ImagePipeline.Gateway.Tests.Support;

/// <summary>What <see cref="BrokerOutage"/> does with a publish.</summary>
public enum BrokerState
{
    /// <summary>Takes it: the publish goes on to the test harness's bus.</summary>
    Up,

    /// <summary>Holds it until the publisher gives up, as MassTransit does while it reconnects to a broker that is down.</summary>
    Hanging,

    /// <summary>Fails it at once, as a transport that cannot connect does.</summary>
    Refusing,
}
