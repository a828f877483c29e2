using ImagePipeline.ServiceDefaults.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the shared file store and the public URL builder.</summary>
public static class FileStoreExtensions
{
    public const string ConnectionName = "files";

    /// <summary>
    /// Registers <see cref="IFileStore"/> from <c>ConnectionStrings:files</c> (<c>file:///absolute/dir</c>) and
    /// <see cref="PublicUrls"/> from <c>PublicBaseUrl</c>.
    /// </summary>
    public static TBuilder AddFileStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Run the service through the AppHost, or set it to a file:/// URI.");
        }
        builder.Services.AddSingleton<IFileStore>(CreateStore(connectionString));

        var baseUrl = builder.Configuration[PublicUrls.SettingName] ?? "http://localhost:8080";
        builder.Services.AddSingleton(new PublicUrls(baseUrl));
        return builder;
    }

    private static IFileStore CreateStore(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            return new DirectoryFileStore(uri.LocalPath);
        }
        throw new NotSupportedException($"ConnectionStrings:{ConnectionName} must be a file:/// URI.");
    }
}
