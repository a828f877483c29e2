using Microsoft.Extensions.Logging.Abstractions;

namespace ImagePipeline.AppHost.Tests;

/// <summary>The environment a resource would start with, resolved the way the orchestrator does.</summary>
public static class ResolvedEnvironment
{
    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(executionContext, NullLogger.Instance, CancellationToken.None);
        return configuration.EnvironmentVariables.ToDictionary(variable => variable.Key, variable => variable.Value);
    }
}
