using System.Net;

namespace ImagePipeline.TestSupport.Http;

/// <summary>One download a <see cref="SlowImageServer"/> was asked for: image <see cref="Index"/> of <see cref="Run"/>, by whom, when.</summary>
public sealed record ImageDownload(string Run, int Index, IPAddress? From, DateTimeOffset At);
