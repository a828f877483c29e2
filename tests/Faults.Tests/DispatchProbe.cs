using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ImagePipeline.Faults.Tests;

/// <summary>Reads what Ingest dispatches by (<c>GET /internal/dispatch</c>): the worker slots it counts and each origin's pace.</summary>
public static class DispatchProbe
{
    public static async Task<JsonElement> ReadAsync(FaultsFixture fixture)
    {
        using var ingest = fixture.ServiceClient("ingest");
        return await ingest.GetFromJsonAsync<JsonElement>(new Uri("/internal/dispatch", UriKind.Relative));
    }

    public static int Slots(JsonElement state) => state.GetProperty("slots").GetInt32();

    /// <summary>Polls until Ingest counts <paramref name="slots"/> worker slots; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitForSlotsAsync(FaultsFixture fixture, int slots, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var seen = Slots(await ReadAsync(fixture));
            if (seen == slots)
            {
                return watch.Elapsed;
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Ingest still counted {seen} worker slots after {timeout.TotalSeconds:0} s, not {slots}.");
            }
            await Task.Delay(200);
        }
    }
}
