namespace ImagePipeline.Faults.Tests;

/// <summary>One AppHost for every fault test: the tests run one after another and leave it healthy.</summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<FaultsFixture>
{
    public const string Name = "faults";
}
