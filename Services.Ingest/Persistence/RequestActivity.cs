namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// What a running request is doing now: <see cref="InFlight"/> images released to the workers with no result yet, and
/// <see cref="DoneSince"/> results recorded since the time asked about (the rate's numerator).
/// </summary>
public sealed record RequestActivity(int InFlight, int DoneSince);
