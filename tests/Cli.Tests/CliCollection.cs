namespace ImagePipeline.Cli.Tests;

/// <summary>One AppHost for every CLI test: starting it is the expensive part.</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliFixture>
{
    public const string Name = "cli";
}
