using Microsoft.Extensions.Configuration;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>
/// The gateway's API keys (<c>Access:ApiKeys</c>), each a secret parameter that reaches the gateway alone: no other
/// service checks a key, and the image worker, which parses hostile images, must not hold one; the dashboard shows a
/// secret parameter masked.
/// </summary>
public static class ApiKeyParameters
{
    public const string SectionName = "Access:ApiKeys";

    /// <summary>Passes every configured key to <paramref name="gateway"/> as <c>Access__ApiKeys__{n}</c> from a parameter <c>access-api-key-{n}</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithApiKeys(this IResourceBuilder<ProjectResource> gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var builder = gateway.ApplicationBuilder;
        foreach (var key in builder.Configuration.GetSection(SectionName).GetChildren().Where(child => child.Value is not null))
        {
            var parameter = builder.AddParameterFromConfiguration($"access-api-key-{key.Key}", $"{SectionName}:{key.Key}", secret: true);
            gateway = gateway.WithEnvironment($"Access__ApiKeys__{key.Key}", parameter);
        }
        return gateway;
    }
}
