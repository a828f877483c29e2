using System.Net;

namespace ImagePipeline.MultiHost.Tests.Hosts;

/// <summary>One machine of a <see cref="HostNetwork"/>: a network namespace with one link to the switch and one address.</summary>
public sealed record NetworkHost(string Name, string Namespace, IPAddress Address)
{
    /// <summary>Put before a command to run it on this host.</summary>
    public IReadOnlyList<string> Exec => [IpCommand.Path, "netns", "exec", Namespace];

    /// <summary>The switch's end of this host's cable, in the switch's namespace.</summary>
    public string SwitchPort => $"p-{Name}";

    public override string ToString() => $"{Name} ({Address})";
}
