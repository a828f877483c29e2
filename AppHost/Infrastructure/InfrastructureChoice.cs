namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>
/// The mode the AppHost built its model for, and whether it had to ask a container runtime to decide
/// (<see cref="ContainerRuntime.Choose"/>). Kept among the AppHost's services so the decision can be read back.
/// </summary>
public sealed record InfrastructureChoice(InfrastructureMode Mode, bool ProbedContainerRuntime);
