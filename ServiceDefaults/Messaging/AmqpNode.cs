namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>One broker node of a messaging connection string: a host and its AMQP port.</summary>
public readonly record struct AmqpNode(string Host, ushort Port)
{
    /// <summary><c>host:port</c>, as MassTransit's cluster configuration takes it; an IPv6 address in brackets.</summary>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
