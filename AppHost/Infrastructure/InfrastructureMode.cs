namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>How the AppHost provides the bus, databases and file store (setting <c>Infrastructure:Mode</c>).</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, otherwise local.</summary>
    Auto,

    /// <summary>RabbitMQ and MongoDB (databases and GridFS files) as containers: the production shape.</summary>
    Containers,

    /// <summary>No container runtime: RabbitMQ from the OS package, SQLite files and a directory.</summary>
    Local,
}
