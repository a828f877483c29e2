using System.ComponentModel;
using Spectre.Console.Cli;

namespace ImagePipeline.Cli.Settings;

public sealed class ListSettings : GatewaySettings
{
    [CommandOption("--status <STATUS>")]
    [Description("Only requests in this status (Accepted, Processing, Exporting, Completed, CompletedWithErrors, Failed, Cancelled).")]
    public string? Status { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Requests per page (the gateway's default is 20).")]
    public int? Limit { get; init; }

    [CommandOption("--cursor <CURSOR>")]
    [Description("The next page: the cursor the previous page printed.")]
    public string? Cursor { get; init; }
}
