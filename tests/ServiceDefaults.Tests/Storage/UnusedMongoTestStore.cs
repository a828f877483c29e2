namespace ImagePipeline.ServiceDefaults.Tests.Storage;

/// <summary>AddStore's MongoDB side, never built: these tests use <c>Data Source=…</c> connection strings.</summary>
public sealed class UnusedMongoTestStore() : TestStore(null!);
