namespace ImagePipeline.TestSupport.ObjectStorage;

/// <summary>Where and how a <see cref="SwiftS3Server"/> runs.</summary>
public sealed record SwiftS3ServerOptions
{
    /// <summary>The address every server binds to (the S3 endpoint's host): loopback, or a network namespace's own address.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// Put before every server's command, e.g. <c>["ip", "netns", "exec", "storage"]</c> to run the whole store inside
    /// a network namespace. Ports are then not probed (this process cannot bind another namespace's address).
    /// </summary>
    public IReadOnlyList<string> LaunchPrefix { get; init; } = [];

    /// <summary>Bound on the whole start, from an empty directory to an answering S3 API (about 2 s when the machine is idle).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
