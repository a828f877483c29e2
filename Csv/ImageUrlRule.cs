namespace ImagePipeline.Csv;

/// <summary>The syntax an image or webhook URL must have before anything fetches it.</summary>
public static class ImageUrlRule
{
    /// <summary>Returns why <paramref name="url"/> is unacceptable, or null when it is an absolute http(s) URL.</summary>
    public static string? Check(string url, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > maxLength)
        {
            return $"the URL is {url.Length} characters long; at most {maxLength} are allowed (setting Csv:MaxUrlLength).";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host))
        {
            return $"'{url}' is not an absolute http or https URL.";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return $"'{url}' carries credentials; URLs with user:password@ are not accepted.";
        }
        return null;
    }
}
