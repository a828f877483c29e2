using System.ComponentModel;
using Spectre.Console.Cli;

namespace ImagePipeline.Cli.Settings;

/// <summary>A command about one request that can follow it until it is finished.</summary>
public class WaitSettings : RequestSettings
{
    [CommandOption("--wait")]
    [Description("Follow the request with a progress bar until it is finished; the exit code is its final status.")]
    public bool Wait { get; init; }
}
