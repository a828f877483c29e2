namespace ImagePipeline.Contracts;

/// <summary>
/// The origin an image is fetched from, as the worker reports it and Ingest paces it: scheme, host and port of the URL
/// as written (a redirect's target is not followed here; the first hop is what a catalogue names).
/// </summary>
public static class OriginKey
{
    public static string Of(string sourceUrl) =>
        Uri.TryCreate(sourceUrl, UriKind.Absolute, out var url) ? $"{url.Scheme}://{url.IdnHost}:{url.Port}" : sourceUrl;
}
