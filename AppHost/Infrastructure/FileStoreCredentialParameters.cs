using Microsoft.Extensions.Configuration;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>
/// The S3 credentials of the file store, as two secret parameters (<c>files-access-key</c>, <c>files-secret-key</c>)
/// that reach every service as <c>Files__AccessKey</c> and <c>Files__SecretKey</c>, never inside the connection string
/// that the dashboard and the logs show. Without the parameters the services use the AWS SDK's default credentials
/// (environment, profile, instance role).
/// </summary>
public static class FileStoreCredentialParameters
{
    public const string AccessKeyName = "files-access-key";
    public const string SecretKeyName = "files-secret-key";

    /// <summary>Passes the credentials when <c>ConnectionStrings:files</c> is an <c>s3://</c> bucket and <c>Parameters:files-access-key</c> is set.</summary>
    public static IResourceBuilder<ProjectResource> WithFileStoreCredentials(this IResourceBuilder<ProjectResource> service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var builder = service.ApplicationBuilder;
        var files = builder.Configuration.GetConnectionString("files");
        if (files is null || !files.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(builder.Configuration[$"Parameters:{AccessKeyName}"]))
        {
            return service;
        }
        return service
            .WithEnvironment("Files__AccessKey", Parameter(builder, AccessKeyName))
            .WithEnvironment("Files__SecretKey", Parameter(builder, SecretKeyName));
    }

    // one parameter for all services: the first service adds it, the others find it
    private static IResourceBuilder<ParameterResource> Parameter(IDistributedApplicationBuilder builder, string name) =>
        builder.Resources.OfType<ParameterResource>().FirstOrDefault(parameter => parameter.Name == name) is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter(name, secret: true);
}
