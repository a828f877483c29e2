namespace ImagePipeline.Gateway.Apis;

/// <summary>The body of a 202 answer to an upload.</summary>
public sealed record UploadAcceptedResponse(Guid RequestId, string Status, string StatusUrl, string ProductsUrl, int ProductCount, int ImageCount);
