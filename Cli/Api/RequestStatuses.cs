namespace ImagePipeline.Cli.Api;

/// <summary>The statuses the API reports that never change again.</summary>
public static class RequestStatuses
{
    public static bool IsFinal(string status) => status is "Completed" or "CompletedWithErrors" or "Failed" or "Cancelled";
}
