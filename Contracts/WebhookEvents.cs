namespace ImagePipeline.Contracts;

/// <summary>
/// The <c>type</c> of every webhook we send, and which of them a client may choose at upload (<c>webhookEvents</c>).
/// The completion events are always sent when a request names a webhook; the others are opt-in.
/// </summary>
public static class WebhookEvents
{
    public const string RequestCompleted = "request.completed";
    public const string RequestFailed = "request.failed";
    public const string RequestCancelled = "request.cancelled";
    public const string RequestProgress = "request.progress";
    public const string ImageProcessed = "image.processed";
    public const string ImageFailed = "image.failed";

    /// <summary>What <c>webhookEvents</c> may name: the completion events (sent anyway) and the opt-in ones.</summary>
    public static IReadOnlyList<string> Selectable { get; } =
        [RequestCompleted, RequestFailed, RequestCancelled, RequestProgress, ImageProcessed, ImageFailed];

    private static readonly string[] OptIn = [RequestProgress, ImageProcessed, ImageFailed];

    /// <summary>
    /// Reads a comma-separated <c>webhookEvents</c> value (repeated fields joined first) into the opt-in events it
    /// names, in a fixed order, or the names it does not know. Null or blank: completion only.
    /// </summary>
    public static WebhookEventSelection Parse(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var names = values
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(n => n.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(n => !Selectable.Contains(n)).Order(StringComparer.Ordinal).ToArray();
        return new WebhookEventSelection(OptIn.Where(names.Contains).ToArray(), unknown);
    }

    /// <summary>Whether a stored selection (as <see cref="WebhookEventSelection.Stored"/> wrote it) asks for <paramref name="eventType"/>.</summary>
    public static bool Includes(string? stored, string eventType) =>
        stored is not null && stored.Split(',').Contains(eventType, StringComparer.Ordinal);
}
