namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// What the per-host cap (<c>Webhooks:MaxConnectionsPerHost</c>) counts against: the webhook URL's host name, without
/// the port, so a receiver cannot widen its share of the dispatcher by listening on many ports.
/// </summary>
public static class WebhookHost
{
    /// <summary>The host of <paramref name="url"/> as <see cref="Uri"/> normalises it (lower case, IDN as punycode); empty when it is no absolute URL.</summary>
    public static string Of(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.IdnHost : "";
    }
}
