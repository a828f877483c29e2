using System.Text.Json;

namespace ImagePipeline.Cli.Api;

/// <summary>A status as read, its raw JSON (for <c>--json</c>), and the <c>Retry-After</c> the API asked for.</summary>
public sealed record StatusAnswer(RequestStatus Status, JsonElement Json, TimeSpan? RetryAfter);
