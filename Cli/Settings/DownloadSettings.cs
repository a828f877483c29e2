using System.ComponentModel;
using Spectre.Console.Cli;

namespace ImagePipeline.Cli.Settings;

public sealed class DownloadSettings : RequestSettings
{
    [CommandOption("-o|--output <FILE>")]
    [Description("Write to this file instead of stdout.")]
    public string? OutputFile { get; init; }
}
