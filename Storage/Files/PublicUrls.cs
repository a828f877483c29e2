namespace ImagePipeline.Storage.Files;

/// <summary>
/// Builds the URLs clients use: through the gateway (setting <c>PublicBaseUrl</c>), except output images when
/// <paramref name="directFiles"/> hands them out straight from the store (<c>Files:UrlMode</c>). Output CSVs are
/// always the gateway's: only it checks who owns them.
/// </summary>
public sealed class PublicUrls(string baseUrl, IDirectFileUrls? directFiles = null)
{
    public const string SettingName = "PublicBaseUrl";

    /// <summary>The only keys ever handed out directly: the gateway serves nothing else under <c>/files</c> either.</summary>
    public const string DirectPrefix = "images/";

    public string BaseUrl { get; } = baseUrl.TrimEnd('/');

    public string File(string key) =>
        directFiles is not null && FileKey.EnsureValid(key).StartsWith(DirectPrefix, StringComparison.Ordinal)
            ? directFiles.UrlOf(key)
            : $"{BaseUrl}/files/{FileKey.EnsureValid(key)}";

    public string Request(Guid requestId) => $"{BaseUrl}/api/requests/{requestId}";

    public string OutputCsv(Guid requestId) => $"{BaseUrl}/api/requests/{requestId}/output.csv";
}
