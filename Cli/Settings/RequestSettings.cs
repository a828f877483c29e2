using System.ComponentModel;
using Spectre.Console.Cli;

namespace ImagePipeline.Cli.Settings;

/// <summary>A command about one request.</summary>
public class RequestSettings : GatewaySettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The request's ID, as submit printed it.")]
    public Guid RequestId { get; init; }
}
