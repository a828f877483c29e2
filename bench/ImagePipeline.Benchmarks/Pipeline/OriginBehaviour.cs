using Microsoft.AspNetCore.Http;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// How the benchmark's image server behaves as an origin — a fixed latency before each answer, and at most so many
/// downloads at once with <c>429</c> past them — and what it saw: downloads served, 429s given, most open at once.
/// </summary>
public sealed class OriginBehaviour
{
    private int _open;
    private int _mostOpen;
    private int _served;
    private int _throttled;

    /// <summary>Wait before each answer (a slow CDN); zero answers at once.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Past this many downloads open at once, the next is answered <c>429</c> with <c>Retry-After: 1</c>; null: never.</summary>
    public int? ThrottleAbove { get; set; }

    public int MostOpen => Volatile.Read(ref _mostOpen);

    public int Served => Volatile.Read(ref _served);

    public int Throttled => Volatile.Read(ref _throttled);

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _mostOpen, 0);
        Interlocked.Exchange(ref _served, 0);
        Interlocked.Exchange(ref _throttled, 0);
    }

    public async Task<IResult> AnswerAsync(HttpContext context, Func<IResult> answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answer);
        var open = Interlocked.Increment(ref _open);
        try
        {
            if (open > ThrottleAbove)
            {
                Interlocked.Increment(ref _throttled);
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
            var most = Volatile.Read(ref _mostOpen);
            while (open > most && Interlocked.CompareExchange(ref _mostOpen, open, most) is var seen && seen != most)
            {
                most = seen;
            }
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted);
            }
            Interlocked.Increment(ref _served);
            return answer();
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
