using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;
using ImagePipeline.Cli.Settings;
using Spectre.Console;

namespace ImagePipeline.Cli.Commands;

/// <summary>Writes one of a request's CSVs to stdout or to <c>-o FILE</c>.</summary>
public abstract class DownloadCommand(string name) : GatewayCommand<DownloadSettings>
{
    protected override async Task<int> RunAsync(GatewayClient gateway, DownloadSettings settings, CancellationToken cancellationToken)
    {
        if (settings.OutputFile is null)
        {
            await using var stdout = System.Console.OpenStandardOutput();
            await gateway.DownloadAsync(settings.RequestId, name, stdout, cancellationToken);
            return ExitCodes.Completed;
        }

        // through a temporary file: a failed download must not leave half a CSV under the name asked for
        var partial = settings.OutputFile + ".partial";
        try
        {
            await using (var file = File.Create(partial))
            {
                await gateway.DownloadAsync(settings.RequestId, name, file, cancellationToken);
            }
            File.Move(partial, settings.OutputFile, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        if (!settings.Json)
        {
            Terminal.Error.MarkupLine($"[grey]Wrote[/] {Markup.Escape(settings.OutputFile)}");
        }
        return ExitCodes.Completed;
    }
}
