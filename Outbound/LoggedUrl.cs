namespace ImagePipeline.Outbound;

/// <summary>
/// A client's URL as it may appear in a log: scheme, host, port and path only. The query string of a presigned URL is
/// a credential (<c>X-Amz-Signature=…</c>), and user info is one by definition.
/// </summary>
public static class LoggedUrl
{
    public static string Of(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        }
        // not a URL at all: still never log what could be a query
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }

    public static string Of(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : Of(url.OriginalString);
    }
}
