namespace ImagePipeline.TestSupport.Http;

/// <summary>How a <see cref="ConditionalOrigin"/> treats validators: the three kinds of origin a conditional download meets.</summary>
public enum ConditionalOriginMode
{
    /// <summary>Sends <c>ETag</c> and <c>Last-Modified</c> and answers a matching conditional request with <c>304</c>.</summary>
    Honoured,

    /// <summary>Sends the validators but ignores <c>If-None-Match</c> and <c>If-Modified-Since</c>: always <c>200</c> with the body.</summary>
    Ignored,

    /// <summary>Sends no validators at all (and so never answers <c>304</c>).</summary>
    NoValidators,
}
