using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Commands;
using ImagePipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImagePipeline.Cli;

/// <summary>The <c>imagepipeline</c> commands, and the one place that turns a failure into exit code 1.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("imagepipeline");
            config.UseAssemblyInformationalVersion();
            config.AddCommand<SubmitCommand>("submit").WithDescription("Upload a CSV of products and image URLs; --wait follows it to the end with a progress bar.")
                .WithExample("submit", "products.csv", "--webhook", "https://example.com/hook", "--wait");
            config.AddCommand<StatusCommand>("status").WithDescription("A request's status and counts; --wait follows it to the end.");
            config.AddCommand<ListCommand>("list").WithDescription("Your requests, newest first.");
            config.AddCommand<OutputCommand>("output").WithDescription("Download a request's output CSV (to stdout, or -o FILE).");
            config.AddCommand<FailedCommand>("failed").WithDescription("Download the rows whose images failed, with a Reason column (to stdout, or -o FILE).");
            config.AddCommand<CancelCommand>("cancel").WithDescription("Cancel a running request.");
            config.AddCommand<PurgeCommand>("purge").WithDescription("Delete a finished request's files and records now, instead of after Retention:Days.");
            config.AddCommand<RetryCommand>("retry").WithDescription("Process a finished request's failed images again; --wait follows it to the end.");
            config.SetExceptionHandler((exception, _) =>
            {
                // every failure a script can see is 1: a bad argument, an unreachable gateway, an answer other than 2xx
                var message = exception switch
                {
                    GatewayException gateway => gateway.Message,
                    HttpRequestException http => $"Cannot reach the gateway: {http.Message}",
                    TaskCanceledException => "The gateway did not answer in time.",
                    _ => exception.Message,
                };
                Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
                if (exception is GatewayException { Problem: { } problem } && !Terminal.Json)
                {
                    ProblemView.WriteErrors(Terminal.Error, problem);
                }
                return ExitCodes.Error;
            });
        });
        return await app.RunAsync(args);
    }
}
