namespace ImagePipeline.TestSupport.Http;

/// <summary>One version of an image a <see cref="ConditionalOrigin"/> serves: its bytes and validators.</summary>
internal sealed record OriginImage(byte[] Bytes, string ContentType, string OpaqueTag, DateTimeOffset LastModified);
