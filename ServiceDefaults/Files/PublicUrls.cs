namespace ImagePipeline.ServiceDefaults.Files;

/// <summary>Builds the URLs clients use, all through the gateway (setting <c>PublicBaseUrl</c>).</summary>
public sealed class PublicUrls(string baseUrl)
{
    public const string SettingName = "PublicBaseUrl";

    public string BaseUrl { get; } = baseUrl.TrimEnd('/');

    public string File(string key) => $"{BaseUrl}/files/{FileKey.EnsureValid(key)}";

    public string Request(Guid requestId) => $"{BaseUrl}/api/requests/{requestId}";

    public string OutputCsv(Guid requestId) => $"{BaseUrl}/api/requests/{requestId}/output.csv";
}
