using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImagePipeline.Cli.Settings;

public sealed class SubmitSettings : GatewaySettings
{
    [CommandArgument(0, "<CSV>")]
    [Description("The CSV of products: S. No.,Product Name,Input Image Urls.")]
    public string Path { get; init; } = "";

    [CommandOption("--webhook <URL>")]
    [Description("Called when the request is finished.")]
    public string? Webhook { get; init; }

    [CommandOption("--events <LIST>")]
    [Description("More webhook events than the completion, comma-separated: request.progress, image.processed, image.failed.")]
    public string? Events { get; init; }

    [CommandOption("--idempotency-key <KEY>")]
    [Description("Makes submitting again safe: the same key and CSV answer with the first request.")]
    public string? IdempotencyKey { get; init; }

    [CommandOption("--wait")]
    [Description("Follow the request with a progress bar until it is finished; the exit code is its final status.")]
    public bool Wait { get; init; }

    public override ValidationResult Validate() =>
        File.Exists(Path) ? base.Validate() : ValidationResult.Error($"No file '{Path}'.");
}
