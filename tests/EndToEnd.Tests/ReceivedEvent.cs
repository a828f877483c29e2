using System.Text.Json;

namespace ImagePipeline.EndToEnd.Tests;

/// <summary>A webhook event as the test's receiver got it: its type, sequence and timestamp, when it arrived, its data.</summary>
internal sealed record ReceivedEvent(string Type, long Sequence, DateTimeOffset At, DateTimeOffset ReceivedAt, JsonElement Data);
