namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

/// <summary>A message whose consumer fails as the test's <see cref="FailurePlan"/> says.</summary>
public sealed record RetryProbe(Guid Id);
