namespace ImagePipeline.Ingest.Dispatch;

/// <summary>
/// What this Ingest replica dispatches by, for an operator asking why a catalogue is slow (<c>GET /internal/dispatch</c>):
/// the workers and slots it hears of, the requests sharing them, the window each gets, and every origin's pace.
/// </summary>
public sealed record DispatchState(int Workers, int Slots, int RunningRequests, int Window, IReadOnlyList<OriginState> Origins);
