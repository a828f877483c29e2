using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;
using ImagePipeline.Cli.Settings;
using Spectre.Console.Cli;

namespace ImagePipeline.Cli.Commands;

/// <summary>A command that talks to the gateway its settings name.</summary>
public abstract class GatewayCommand<TSettings> : AsyncCommand<TSettings> where TSettings : GatewaySettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Terminal.Json = settings.Json;
        using var gateway = new GatewayClient(settings.GatewayUri, settings.ResolvedApiKey);
        return await RunAsync(gateway, settings, cancellationToken);
    }

    protected abstract Task<int> RunAsync(GatewayClient gateway, TSettings settings, CancellationToken cancellationToken);

    /// <summary>Prints a status (JSON or a grid) and exits with the code of that status.</summary>
    protected static int Report(StatusAnswer answer, bool json)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (json)
        {
            Terminal.WriteRaw(JsonText.Indented(answer.Json));
        }
        else
        {
            StatusView.Write(Terminal.Out, answer.Status);
        }
        return ExitCodes.ForStatus(answer.Status.Status);
    }
}
