namespace ImagePipeline.Contracts;

/// <summary>The statuses a request moves through, as clients see them.</summary>
public static class RequestStatuses
{
    public const string Accepted = "Accepted";
    public const string Processing = "Processing";
    public const string Exporting = "Exporting";
    public const string Completed = "Completed";
    public const string CompletedWithErrors = "CompletedWithErrors";
    public const string Failed = "Failed";

    /// <summary>Cancelled by its client: images not started were never started; its output CSV holds what was done.</summary>
    public const string Cancelled = "Cancelled";

    /// <summary>Every status a stored request can have (Accepted is only ever reported, never stored).</summary>
    public static IReadOnlyList<string> All { get; } = [Processing, Exporting, Completed, CompletedWithErrors, Failed, Cancelled];

    public static bool IsFinal(string status) =>
        status is Completed or CompletedWithErrors or Failed or Cancelled;
}
