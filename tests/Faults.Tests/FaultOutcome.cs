namespace ImagePipeline.Faults.Tests;

/// <summary>What one fault run came to: the row it contributes to docs/reliability.md.</summary>
public sealed record FaultOutcome(
    string RequestStatus,
    int Images,
    int Succeeded,
    int Failed,
    int Lost,
    int CountedTwice,
    int ProcessedAgain,
    int Webhooks,
    TimeSpan UploadToCompleted)
{
    public override string ToString() =>
        $"status {RequestStatus}; images {Images} (succeeded {Succeeded}, failed {Failed}); lost {Lost}; counted twice {CountedTwice}; " +
        $"downloaded again after the fault {ProcessedAgain}; webhooks {Webhooks}; upload→completed {UploadToCompleted.TotalSeconds:F1} s";
}
