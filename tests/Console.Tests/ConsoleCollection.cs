namespace ImagePipeline.Console.Tests;

/// <summary>One AppHost and one browser for every console test: starting them is the expensive part.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
