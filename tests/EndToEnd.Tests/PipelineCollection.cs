namespace ImagePipeline.EndToEnd.Tests;

/// <summary>One AppHost for every end-to-end test: starting it is the expensive part.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}
