using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.ServiceDefaults.Tests;

/// <summary>A host builder whose configuration is exactly what the test gives: no environment variables, no files.</summary>
public static class TestHosts
{
    public const string ApplicationName = "servicedefaults-tests";

    public static HostApplicationBuilder Builder(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = ApplicationName });
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, setting.Value)));
        return builder;
    }
}
