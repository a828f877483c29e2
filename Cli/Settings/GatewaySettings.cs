using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImagePipeline.Cli.Settings;

/// <summary>What every command takes: where the gateway is, the API key, and whether to print JSON.</summary>
public class GatewaySettings : CommandSettings
{
    public const string GatewayVariable = "IMAGEPIPELINE_GATEWAY";
    public const string ApiKeyVariable = "IMAGEPIPELINE_API_KEY";
    public const string DefaultGateway = "http://localhost:8080";

    [CommandOption("--gateway <URL>")]
    [Description("The gateway's address (default: $IMAGEPIPELINE_GATEWAY, else http://localhost:8080).")]
    public string? Gateway { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("The API key, when the gateway needs one (default: $IMAGEPIPELINE_API_KEY).")]
    public string? ApiKey { get; init; }

    [CommandOption("--json")]
    [Description("Print the API's JSON instead of tables.")]
    public bool Json { get; init; }

    public Uri GatewayUri
    {
        get
        {
            var address = Gateway ?? Variable(GatewayVariable) ?? DefaultGateway;
            // a trailing slash, so relative API paths land under any path prefix the gateway sits behind
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    public string? ResolvedApiKey => ApiKey ?? Variable(ApiKeyVariable);

    public override ValidationResult Validate()
    {
        var address = Gateway ?? Variable(GatewayVariable);
        return address is null || (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidationResult.Success()
            : ValidationResult.Error($"The gateway address '{address}' is not an absolute http(s) URL.");
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
