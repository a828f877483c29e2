namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>
/// The local file store's directory as a <c>file:///</c> URI. The directory is made when the value is resolved, which in
/// run mode is when a service's environment is built to start it: never while the model is built.
/// </summary>
public sealed class LocalFilesDirectory(string directory) : IValueProvider, IManifestExpressionProvider
{
    public string Uri { get; } = new Uri(directory + Path.DirectorySeparatorChar).AbsoluteUri;

    public string ValueExpression => Uri;

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        return ValueTask.FromResult<string?>(Uri);
    }
}
