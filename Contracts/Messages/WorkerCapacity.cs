namespace ImagePipeline.Contracts;

/// <summary>
/// A worker process's heartbeat: it takes up to <paramref name="Slots"/> images at once and says so again every
/// <paramref name="Interval"/>. Ingest adds up the slots of the workers it has heard from lately to size how many
/// images it keeps out with them; <paramref name="Slots"/> 0 says the worker is stopping.
/// </summary>
public sealed record WorkerCapacity(string WorkerId, int Slots, TimeSpan Interval);
