namespace ImagePipeline.ImageWorker.Tests.Corpus;

/// <summary>Runs alone, after the parallel tests: a process-wide memory peak means nothing while other tests allocate.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BombMemoryCollection
{
    public const string Name = "bomb memory";
}
